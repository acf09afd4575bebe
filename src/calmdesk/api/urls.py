from django.urls import path

from calmdesk.api.main import api

urlpatterns = [path("", api.urls)]
