"""Admin pages an organisation's own staff may use: each sees and edits only its organisation.

The Django admin is built for superusers, who see every organisation. A member of staff given
"staff status" and a model's permissions (the demo's manager gets reply templates and the
policy) is not a superuser: through `OrganisationScopedAdmin` they see only their own
organisation's rows, may pick only their own organisation in a form (another one's id is
refused as an invalid choice), and are never shown other organisations' names in a filter.
`staff_roles` names the roles (calmdesk.core.roles) that may use the page at all, whatever
permissions a member of staff was given: the role is checked on the server as in every view.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from calmdesk.people.models import Organisation


def sees_every_organisation(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_superuser", False))


class OrganisationScopedAdmin(admin.ModelAdmin):
    """A model admin over a model with an `organisation` foreign key."""

    staff_roles: frozenset[str] = frozenset()

    def role_allows(self, request: HttpRequest) -> bool:
        if sees_every_organisation(request):
            return True
        return getattr(request.user, "role", None) in self.staff_roles

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.role_allows(request) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.role_allows(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.role_allows(request) and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.role_allows(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.role_allows(request) and super().has_delete_permission(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if sees_every_organisation(request):
            return queryset
        # A staff member without an organisation sees nothing (the key is never null).
        return queryset.filter(organisation_id=getattr(request.user, "organisation_id", None))

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = super().get_list_filter(request)
        if sees_every_organisation(request):
            return filters
        return [item for item in filters if item != "organisation"]

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        if db_field.name == "organisation" and not sees_every_organisation(request):
            own = getattr(request.user, "organisation_id", None)
            kwargs["queryset"] = Organisation.objects.filter(pk=own)
            kwargs["initial"] = own
            kwargs["empty_label"] = None
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
