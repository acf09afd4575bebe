"""Tolerance and safety (issue 4; C4 1.6, 2.10, 3.8, 3.10): the steps taken when a customer
behaves unacceptably, restrictions on how a customer may reach us, and safety incidents.

Rows here are the record: a step taken is never edited; a restriction is lifted (with who,
when and why), never deleted; an incident is closed, never removed.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from calmdesk.cases.models import Case, ChannelChoices, Customer, Message
from calmdesk.core.policy.schema import Behaviour, ToleranceStep
from calmdesk.core.tolerance import BEHAVIOUR_LABELS, STEP_LABELS
from calmdesk.people.models import Organisation, User

StepChoices = models.TextChoices(  # type: ignore[misc]
    "StepChoices", [(s.name, (s.value, STEP_LABELS[s])) for s in ToleranceStep]
)
BehaviourChoices = models.TextChoices(  # type: ignore[misc]
    "BehaviourChoices", [(b.name, (b.value, BEHAVIOUR_LABELS[b])) for b in Behaviour]
)


class ToleranceStepTaken(models.Model):
    """One staged response to a customer's behaviour (C4 1.6, 3.8).

    `number` is the step's place in the customer's record (1 for the first): unique per
    customer, so two people recording a step at the same moment cannot both count as the
    same place in the record.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="tolerance_steps")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="tolerance_steps")
    number = models.PositiveIntegerField()
    step = models.CharField(max_length=30, choices=StepChoices.choices)
    behaviour = models.CharField(max_length=30, choices=BehaviourChoices.choices)
    # The role the policy left this step to, when it was taken.
    decided_by = models.CharField(max_length=20)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["customer", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "number"], name="tolerance_step_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} for {self.customer}"


class ContactRestriction(models.Model):
    """A manager's decision to restrict a customer to one channel or one named contact, or to
    close the relationship (C4 1.6, 3.8). Active until lifted; reviewed by `review_on`."""

    class Kind(models.TextChoices):
        RESTRICT_CONTACT = "restrict_contact", "Contact restricted"
        CLOSE_RELATIONSHIP = "close_relationship", "Relationship closed"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="restrictions")
    step_taken = models.OneToOneField(
        ToleranceStepTaken, on_delete=models.PROTECT, related_name="restriction"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The one channel the customer may use (blank: any), and the one person who deals with them.
    channel = models.CharField(max_length=20, choices=ChannelChoices.choices, blank=True)
    contact_person = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField()
    review_on = models.DateField()
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            # One restriction in force per customer: a new one replaces the old.
            models.UniqueConstraint(
                fields=["customer"],
                condition=models.Q(lifted_at__isnull=True),
                name="one_active_restriction_per_customer",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="restrict_contact")
                | ~models.Q(channel="")
                | models.Q(contact_person__isnull=False),
                name="restriction_names_channel_or_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.customer}"

    @property
    def active(self) -> bool:
        return self.lifted_at is None

    def terms(self) -> str:
        """The restriction in one sentence an agent reads at a glance."""
        if self.kind == self.Kind.CLOSE_RELATIONSHIP:
            return "The relationship is closed: do not take new business; record every contact."
        parts = []
        if self.channel:
            parts.append(f"only by {self.get_channel_display().lower()}")
        if self.contact_person_id:
            parts.append(f"only through {self.contact_person.display_name()}")
        return "Contact " + " and ".join(parts) + "."


class SafetyIncident(models.Model):
    """A threat to someone's safety, raised by the engine or by staff (C4 2.10, 3.10)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Source(models.TextChoices):
        ASSESSMENT = "assessment", "Found in a message"
        STAFF = "staff", "Raised by staff"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="safety_incidents")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="+")
    # The message that raised it; one incident per message however often it is assessed.
    message = models.OneToOneField(
        Message, on_delete=models.PROTECT, null=True, blank=True, related_name="safety_incident"
    )
    source = models.CharField(max_length=12, choices=Source.choices)
    description = models.TextField()
    raised_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    close_note = models.TextField(blank=True)
    # Who was alerted, by username, as the policy named them when it was raised.
    alerted = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "-raised_at"], name="incident_log")
        ]

    def __str__(self) -> str:
        return f"Safety incident on {self.case}"


class IncidentStep(models.Model):
    """One step of the safety procedure on one incident, copied from the policy when the
    incident was raised, ticked with who and when."""

    incident = models.ForeignKey(SafetyIncident, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=2000)
    done_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["incident", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "position"], name="incident_step_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"
