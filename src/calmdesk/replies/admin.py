from django.contrib import admin

from calmdesk.core.roles import Role
from calmdesk.people.admin_scope import OrganisationScopedAdmin
from calmdesk.replies.models import ReplyTemplate


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(OrganisationScopedAdmin):
    """The organisation's own wording for each draft part (issue 5; C4 2.1). A manager with
    the reply-template permissions edits their own organisation's templates; each save is
    checked for placeholders and for provoking, aggressive or fault-admitting wording."""

    staff_roles = frozenset({Role.MANAGER.value})
    list_display = ("organisation", "part", "language", "channel", "updated_at")
    list_filter = ("organisation", "language", "channel", "part")
    search_fields = ("text",)
    fieldsets = (
        (
            None,
            {
                "fields": ("organisation", "language", "channel", "part", "text"),
                "description": "The text is checked when you save: a placeholder must be one "
                "of those listed under it, and wording that provokes, sounds aggressive or "
                "admits fault is refused with the words and a better wording.",
            },
        ),
    )
