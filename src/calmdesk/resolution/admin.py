from django.contrib import admin

from calmdesk.resolution.models import CaseFactSheet, CaseLink, Decision, Escalation


@admin.register(CaseFactSheet)
class CaseFactSheetAdmin(admin.ModelAdmin):
    list_display = ("case", "product_group", "purchase_date", "price", "updated_at")
    raw_id_fields = ("case", "updated_by")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("case", "remedy", "amount", "decided_by", "decided_at")
    raw_id_fields = ("case", "decided_by", "escalation")
    # Decisions are records of what was agreed: read here, changed only through the desk.
    readonly_fields = ("remedy", "amount", "decided_by", "decided_at", "escalation")


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ("case", "remedy", "amount", "to_role", "to_party", "status", "raised_at")
    list_filter = ("status", "to_role", "reason")
    raw_id_fields = ("case", "raised_by", "to_user", "receiver", "previous")
    readonly_fields = ("handover", "status", "receiver", "outcome", "closed_at")


@admin.register(CaseLink)
class CaseLinkAdmin(admin.ModelAdmin):
    list_display = ("case", "previous_case", "created_at")
    raw_id_fields = ("case", "previous_case")
