from django.urls import path

from calmdesk.replies import views

app_name = "replies"

urlpatterns = [
    path("cases/<int:case_id>/reply-help/", views.panel, name="panel"),
]
