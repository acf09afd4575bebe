"""Finishing the job and checking back with the customer (issue 4: completing and following
up): requests to other departments, the follow-ups after them, the customer's satisfaction,
when the customer must next hear from us, the re-open watch and the worker's timers."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone

from calmdesk.cases.models import Case, Customer
from calmdesk.people.models import Organisation, User


class ActionRequest(models.Model):
    """Something another department must do for the customer, with an owner and a due time
    (Unit 7 3.3, P7)."""

    class Kind(models.TextChoices):
        REPAIR = "repair", "Repair"
        SERVICE_VISIT = "service_visit", "Service visit"
        CALL_BACK = "call_back", "Call-back"
        TECHNICAL_SUPPORT = "technical_support", "Technical support"
        REFUND_PAYMENT = "refund_payment", "Refund payment"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="action_requests")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    department = models.CharField(max_length=60)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="action_requests")
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What was done, or why it was cancelled.
    outcome = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_at"], name="action_org_open"),
            models.Index(fields=["owner", "status", "due_at"], name="action_owner_open"),
            models.Index(fields=["case", "status"], name="action_case_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.case}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.is_open and self.due_at < (now or timezone.now())


class FollowUp(models.Model):
    """After an action is done: confirm with the customer that it was, and ask whether they
    are satisfied (Unit 7 D2; C4 2.9)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.OneToOneField(
        ActionRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_up"
    )
    task = models.CharField(max_length=300)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["case", "status"], name="followup_case_status")]

    def __str__(self) -> str:
        return f"Follow-up on {self.case}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class SatisfactionCheck(models.Model):
    """The customer's answer when asked whether they are satisfied: 1 (not at all) to 5
    (completely), in their words (Unit 7 D2; C4 2.9)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="satisfaction_checks")
    rating = models.PositiveSmallIntegerField()
    comment = models.CharField(max_length=1000)
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="satisfaction_rating_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"Satisfaction {self.rating}/5 on {self.case}"


class ContactPromise(models.Model):
    """When the customer of an open case must next hear from us (C1 1.4, 2.6), kept on its
    own row beside the case so the queue sorts and filters by it without reading messages."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="contact_promise"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # None when nothing is owed (a finished case, or one waiting on the customer).
    due_at = models.DateTimeField(null=True, blank=True)
    basis = models.CharField(max_length=20, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["organisation", "due_at"], name="promise_org_due")]

    def __str__(self) -> str:
        return f"Next contact on {self.case_id}"


class ReopenWatch(models.Model):
    """A customer likely to come back (C4 2.9, 3.9): raised by an agent or by the engine,
    shown on the customer's next contact until someone clears it."""

    class Trigger(models.TextChoices):
        AGENT = "agent", "Marked by staff"
        ESCALATING = "escalating", "Escalating messages"
        THREAT_LEAVE = "threat_leave", "Threatened to leave"
        THREAT_PUBLIC = "threat_public", "Threatened to go public"
        REFUSED_REMEDY = "refused_remedy", "Refused the remedy offered"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="reopen_watches")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reopen_watches")
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    reason = models.CharField(max_length=500)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    active = models.BooleanField(default=True)
    # The customer's first contact after the watch was raised.
    returned_case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cleared_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One watch in force per customer: a second reason is added to the audit trail.
            models.UniqueConstraint(
                fields=["customer"], condition=models.Q(active=True), name="one_active_watch"
            )
        ]

    def __str__(self) -> str:
        return f"Re-open watch on {self.customer}"


class Timer(models.Model):
    """Something the worker must do at a time: remind about a follow-up, an overdue action or
    a customer update. Fired once: `fired_at` is set in the transaction that notifies."""

    class Kind(models.TextChoices):
        FOLLOW_UP_DUE = "follow_up_due", "Follow-up due"
        ACTION_OVERDUE = "action_overdue", "Action overdue"
        UPDATE_DUE = "update_due", "Customer update due"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What the timer is about: "action:<id>", "followup:<id>", "update:<case id>". One unfired
    # timer per key.
    key = models.CharField(max_length=60)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+", db_index=False)
    action = models.ForeignKey(
        ActionRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField()
    fired_at = models.DateTimeField(null=True, blank=True)
    # Which worker run fired it, and whether anyone was told (a timer whose subject was
    # settled meanwhile is fired without a notification).
    fired_by = models.CharField(max_length=80, blank=True)
    notified = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=models.Q(fired_at__isnull=True), name="timer_unfired_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["due_at"], condition=models.Q(fired_at__isnull=True), name="timer_due"
            ),
            models.Index(fields=["case", "kind"], name="timer_case_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.due_at:%Y-%m-%d %H:%M}"
