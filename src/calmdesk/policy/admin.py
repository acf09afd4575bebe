"""The policy in the admin: each save checks the YAML and installs it as a new version.

Installed versions are never edited in place (they are the record of what was in force when);
"Install a new version from this one" opens the add form with its text to change.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from calmdesk.core.policy import PolicyError, load_policy
from calmdesk.core.roles import Role
from calmdesk.people.admin_scope import OrganisationScopedAdmin
from calmdesk.policy.models import PolicyDocument
from calmdesk.policy.services import install_policy


class PolicyDocumentForm(forms.ModelForm):
    class Meta:
        model = PolicyDocument
        fields = ["organisation", "text", "note"]
        widgets = {"text": forms.Textarea(attrs={"rows": 40, "cols": 100, "spellcheck": "false"})}
        help_texts = {
            "text": "The whole policy in YAML; every field is described in the README. "
            "It is checked before it is installed: a problem is shown with its line and "
            "field, and the policy in force does not change.",
        }

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        try:
            load_policy(text)
        except PolicyError as error:
            raise forms.ValidationError([str(problem) for problem in error.problems]) from None
        return text


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(OrganisationScopedAdmin):
    staff_roles = frozenset({Role.MANAGER.value})  # the manager owns the policy
    form = PolicyDocumentForm
    list_display = [
        "organisation",
        "version",
        "installed_at",
        "installed_by",
        "note",
        "new_version",
    ]
    list_filter = ["organisation"]
    readonly_fields = ["version", "installed_at", "installed_by"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a version is history; a change is a new version

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="")
    def new_version(self, document: PolicyDocument) -> str:
        url = reverse("admin:policy_policydocument_add") + f"?from={document.pk}"
        return format_html('<a href="{}">Install a new version from this one</a>', url)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        source = request.GET.get("from", "")
        if source.isdigit():
            document = self.get_queryset(request).filter(pk=int(source)).first()
            if document is not None:
                initial |= {"organisation": document.organisation_id, "text": document.text}
        return initial

    def save_model(
        self, request: HttpRequest, obj: PolicyDocument, form: Any, change: bool
    ) -> None:
        user = request.user
        is_manager = (
            getattr(user, "organisation_id", None) == obj.organisation_id
            and getattr(user, "role", None) == Role.MANAGER
        )
        note = obj.note or ""
        if not is_manager:
            note = f"{note} (installed in the admin by {user.get_username()})".strip()
        document = install_policy(
            obj.organisation, obj.text, actor=user if is_manager else None, note=note
        )
        obj.pk, obj.version = document.pk, document.version
        obj.installed_at, obj.installed_by = document.installed_at, document.installed_by
