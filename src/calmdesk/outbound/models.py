"""A reply to the customer, kept from the moment the agent sends it until it has gone out
(C4 2.8; C1 1.4, 2.6, 3.4): a failed send stays here with its error, for retry, never lost."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from calmdesk.cases.models import Case, ChannelChoices, Message
from calmdesk.core.sending import Delivery
from calmdesk.people.models import Organisation, User

DeliveryChoices = models.TextChoices(  # type: ignore[misc]
    "DeliveryChoices", [(d.name, (d.value, d.label)) for d in Delivery]
)


class OutboundReply(models.Model):
    class Status(models.TextChoices):
        # Written and being sent: a reply stays a draft only while it goes out.
        DRAFT = "draft", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, kept for retry"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, db_index=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outbound_replies")
    channel = models.CharField(max_length=20, choices=ChannelChoices.choices)
    # A social-media reply everyone can read (C4 3.6: no personal data in public).
    public = models.BooleanField(default=False)
    text = models.TextField()
    subject = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    delivery = models.CharField(max_length=10, choices=DeliveryChoices.choices)
    # Where it went: the email address, or the contact point handed to the webhook.
    recipient = models.CharField(max_length=320, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    # The key of the form or API call that asked for it: the same key never sends twice.
    idempotency_key = models.CharField(max_length=64)
    # Made once, so a retried email carries the same Message-ID and threads the same way.
    message_id = models.CharField(max_length=500, blank=True)
    # The message recorded on the case once the reply has gone out.
    sent_message = models.OneToOneField(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="outbound_reply"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"], name="outbound_reply_once"
            )
        ]
        indexes = [models.Index(fields=["case", "status"], name="outbound_case_status")]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} reply on {self.case} ({self.get_status_display()})"
