from django.contrib import admin

from calmdesk.replies.models import ReplyTemplate


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    """The organisation's own wording for each draft part (issue 5; C4 2.1)."""

    list_display = ("organisation", "part", "language", "channel", "updated_at")
    list_filter = ("organisation", "language", "channel", "part")
    search_fields = ("text",)
