from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from calmdesk.cases.models import AuditEntry, Case, ContactPoint, Customer


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that only the desk's services write, with their checks and audit entries."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ContactPointInline(admin.TabularInline):
    model = ContactPoint
    extra = 0
    fields = ["kind", "value"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "preferred_language", "terminology"]
    list_filter = ["organisation", "kind", "terminology"]
    search_fields = ["name", "contacts__value"]
    inlines = [ContactPointInline]


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    # Cases are worked in the desk, where every change is checked and audited; the admin
    # only looks.
    list_display = ["reference", "customer", "team", "assignee", "status", "last_activity_at"]
    list_filter = ["organisation", "status", "first_channel", "team"]
    search_fields = ["reference", "customer__name"]
    list_select_related = ["customer", "team", "assignee"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "organisation", "actor", "action", "case", "summary"]
    list_filter = ["organisation", "action"]
    search_fields = ["case__reference", "summary"]
    list_select_related = ["actor", "case", "organisation"]
