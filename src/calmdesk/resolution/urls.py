from django.urls import path

from calmdesk.resolution import views

app_name = "resolution"

urlpatterns = [
    path("cases/<int:case_id>/facts/", views.update_facts, name="facts"),
    path("cases/<int:case_id>/decisions/", views.record_decision, name="decide_case"),
    path("cases/<int:case_id>/escalations/", views.escalate, name="escalate"),
    path("escalations/", views.inbox, name="inbox"),
    path("escalations/<int:escalation_id>/", views.escalation_detail, name="escalation"),
    path("escalations/<int:escalation_id>/accept/", views.accept, name="accept"),
    path("escalations/<int:escalation_id>/decide/", views.decide, name="decide"),
    path("escalations/<int:escalation_id>/send-back/", views.send_back, name="send_back"),
    path("escalations/<int:escalation_id>/pass-up/", views.pass_up, name="pass_up"),
]
