"""Messages calmdesk sends to staff: an escalation waiting, an action overdue, a customer
likely to come back, a safety incident (issue 4)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from calmdesk.cases.models import Case
from calmdesk.people.models import Organisation, User


class Notification(models.Model):
    class Kind(models.TextChoices):
        ESCALATION = "escalation", "Escalation"
        ACTION_OVERDUE = "action_overdue", "Action overdue"
        FOLLOW_UP_DUE = "follow_up_due", "Follow-up due"
        UPDATE_DUE = "update_due", "Customer update due"
        REOPEN_WATCH = "reopen_watch", "Likely to come back"
        TOLERANCE = "tolerance", "Tolerance step"
        SAFETY = "safety", "Safety incident"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient}: {self.text}"
