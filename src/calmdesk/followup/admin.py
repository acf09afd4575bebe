from django.contrib import admin

from calmdesk.followup.models import (
    ActionRequest,
    ContactPromise,
    FollowUp,
    ReopenWatch,
    SatisfactionCheck,
    Timer,
)


@admin.register(ActionRequest)
class ActionRequestAdmin(admin.ModelAdmin):
    list_display = ("case", "kind", "department", "owner", "due_at", "status")
    list_filter = ("status", "kind")
    raw_id_fields = ("case", "owner", "created_by", "done_by")


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("case", "task", "due_at", "status")
    list_filter = ("status",)
    raw_id_fields = ("case", "action", "done_by")


@admin.register(SatisfactionCheck)
class SatisfactionCheckAdmin(admin.ModelAdmin):
    list_display = ("case", "rating", "recorded_by", "recorded_at")
    raw_id_fields = ("case", "recorded_by")


@admin.register(ReopenWatch)
class ReopenWatchAdmin(admin.ModelAdmin):
    list_display = ("customer", "case", "trigger", "active", "created_at", "returned_at")
    list_filter = ("active", "trigger")
    raw_id_fields = ("customer", "case", "returned_case", "created_by", "cleared_by")


@admin.register(ContactPromise)
class ContactPromiseAdmin(admin.ModelAdmin):
    list_display = ("case", "due_at", "basis", "computed_at")
    raw_id_fields = ("case",)


@admin.register(Timer)
class TimerAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "due_at", "fired_at", "notified")
    list_filter = ("kind",)
    raw_id_fields = ("case", "action", "follow_up")
