from django.urls import path

from calmdesk.outbound import views

app_name = "outbound"

urlpatterns = [
    path("cases/<int:case_id>/check/", views.check, name="check"),
    path("cases/<int:case_id>/improve/", views.improve, name="improve"),
    path("cases/<int:case_id>/draft/", views.use_draft, name="draft"),
    path("cases/<int:case_id>/send/", views.send, name="send"),
    path("<int:reply_id>/retry/", views.retry, name="retry"),
]
