from django.urls import path

from calmdesk.followup import views

app_name = "followup"

urlpatterns = [
    path("", views.actions, name="actions"),
    path("<int:action_id>/done/", views.action_done, name="action_done"),
    path("<int:action_id>/cancel/", views.action_cancel, name="action_cancel"),
    path("cases/<int:case_id>/new/", views.add_action, name="add_action"),
    path("cases/<int:case_id>/satisfaction/", views.satisfaction, name="satisfaction"),
    path("cases/<int:case_id>/watch/", views.watch, name="watch"),
    path("cases/<int:case_id>/watch/<int:watch_id>/clear/", views.clear_watch, name="clear_watch"),
    path("follow-ups/<int:follow_up_id>/done/", views.follow_up_done, name="follow_up_done"),
]
