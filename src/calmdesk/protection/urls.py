"""Tolerance and safety pages: the managers' incident log at /incidents/, the rest under
/protection/ (C4 1.6, 2.10, 3.8, 3.10)."""

from django.urls import path

from calmdesk.protection import views

app_name = "protection"

urlpatterns = [
    path("incidents/", views.incident_log, name="incidents"),
    path("incidents/<int:incident_id>/", views.incident_detail, name="incident"),
    path("incidents/<int:incident_id>/close/", views.close_incident, name="close_incident"),
    path("incidents/<int:incident_id>/steps/<int:step_id>/", views.tick_step, name="tick_step"),
    path("protection/cases/<int:case_id>/tolerance/", views.record_step, name="record_step"),
    path("protection/cases/<int:case_id>/incidents/", views.raise_incident, name="raise_incident"),
    path("protection/customers/<int:customer_id>/", views.customer, name="customer"),
    path(
        "protection/restrictions/<int:restriction_id>/lift/",
        views.lift_restriction,
        name="lift_restriction",
    ),
]
