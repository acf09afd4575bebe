"""Tolerance and safety rows in the admin, read only: the desk's services write them with
their checks and audit entries (C4 1.6, 2.10, 3.8, 3.10)."""

from django.contrib import admin

from calmdesk.cases.admin import ReadOnlyAdmin
from calmdesk.protection.models import (
    ContactRestriction,
    IncidentStep,
    SafetyIncident,
    ToleranceStepTaken,
)


@admin.register(ToleranceStepTaken)
class ToleranceStepTakenAdmin(ReadOnlyAdmin):
    list_display = ["customer", "number", "step", "behaviour", "case", "actor", "at"]
    list_filter = ["organisation", "step", "behaviour"]
    search_fields = ["customer__name", "case__reference"]


@admin.register(ContactRestriction)
class ContactRestrictionAdmin(ReadOnlyAdmin):
    list_display = ["customer", "kind", "channel", "contact_person", "review_on", "lifted_at"]
    list_filter = ["organisation", "kind"]
    search_fields = ["customer__name"]


class IncidentStepInline(admin.TabularInline):
    model = IncidentStep
    extra = 0
    fields = ["position", "text", "done_by", "done_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(SafetyIncident)
class SafetyIncidentAdmin(ReadOnlyAdmin):
    list_display = ["case", "customer", "source", "status", "raised_at", "closed_at"]
    list_filter = ["organisation", "status", "source"]
    search_fields = ["case__reference", "customer__name", "description"]
    inlines = [IncidentStepInline]
