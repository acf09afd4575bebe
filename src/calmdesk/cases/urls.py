from django.urls import path

from calmdesk.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.queue, name="queue"),
]
