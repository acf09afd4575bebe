from django.urls import path

from calmdesk.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.new_case, name="new"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/messages/", views.add_message, name="add_message"),
    path("<int:case_id>/notes/", views.add_note, name="add_note"),
    path("<int:case_id>/attachments/", views.add_attachment, name="add_attachment"),
    path("<int:case_id>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("<int:case_id>/assign/", views.assign, name="assign"),
    path("<int:case_id>/status/", views.change_status, name="change_status"),
    path("<int:case_id>/customer-needs/", views.update_needs, name="update_needs"),
]
