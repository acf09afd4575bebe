from django.contrib import admin

from calmdesk.outbound.models import OutboundReply


@admin.register(OutboundReply)
class OutboundReplyAdmin(admin.ModelAdmin):
    """Replies as sent or failed: read-only, since the record of what went out is evidence."""

    list_display = ("case", "channel", "status", "delivery", "author", "attempts", "created_at")
    list_filter = ("status", "channel", "delivery")
    search_fields = ("case__reference", "text", "recipient")
    readonly_fields = [field.name for field in OutboundReply._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
