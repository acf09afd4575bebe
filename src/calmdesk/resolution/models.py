"""What the options need to know about a case, the decisions agreed, the escalations raised
and the links between a matter's cases (issue 4; Unit 7 2.3-2.4, P3, P4, M1; C4 2.6-2.7)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from calmdesk.cases.models import Case
from calmdesk.core.roles import Role
from calmdesk.people.models import Organisation, User


def remedy_words(remedy: str) -> str:
    """A remedy's name as words.

    >>> remedy_words("credit_note")
    'Credit note'
    """
    return remedy.replace("_", " ").capitalize()


class CaseFactSheet(models.Model):
    """The facts the options are drawn up from (Unit 7 2.2, 2.3; C1 2.4), one per case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="fact_sheet")
    product_group = models.CharField(max_length=60, blank=True)
    purchase_date = models.DateField(null=True, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    proof_of_purchase = models.BooleanField(default=False)
    fault_confirmed = models.BooleanField(default=False)
    stock_available = models.BooleanField(default=True)
    wants = models.CharField("What the customer wants", max_length=300, blank=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | models.Q(price__gte=0),
                name="fact_price_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"Facts of {self.case}"


class Escalation(models.Model):
    """A way forward above the raiser's authority, sent up the chain of command with a
    handover summary (Unit 7 P3, M1; C1 2.5; C4 2.7)."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting"
        ACCEPTED = "accepted", "Accepted"
        DECIDED = "decided", "Decided"
        SENT_BACK = "sent_back", "Sent back"
        PASSED_UP = "passed_up", "Passed up the chain"

    class Reason(models.TextChoices):
        AUTHORITY = "authority", "Above the raiser's authority"
        REOPENED = "reopened", "Re-opened repeatedly"

    class Outcome(models.TextChoices):
        AGREED = "agreed", "Agreed"
        REFUSED = "refused", "Refused"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    reason = models.CharField(max_length=12, choices=Reason.choices, default=Reason.AUTHORITY)
    remedy = models.CharField(max_length=40, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # None: raised by calmdesk itself (a case re-opened too often).
    raised_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_role = models.CharField(max_length=20)
    to_user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # An outside party (manufacturer, supplier...) it goes to, handled by a manager.
    to_party = models.CharField(max_length=40, blank=True)
    to_party_contact = models.CharField(max_length=400, blank=True)
    handover = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    receiver = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="passed_to"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "-raised_at"], name="escalation_inbox")
        ]

    def __str__(self) -> str:
        return f"Escalation {self.pk} on {self.case}"

    @property
    def remedy_words(self) -> str:
        return remedy_words(self.remedy)

    def get_to_role_display(self) -> str:
        return Role(self.to_role).label if self.to_role in set(Role) else self.to_role

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.OPEN, self.Status.ACCEPTED}


class Decision(models.Model):
    """The way forward agreed on a case, within the decider's authority (Unit 7 2.4, P4)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    remedy = models.CharField(max_length=40)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    escalation = models.OneToOneField(
        Escalation, on_delete=models.SET_NULL, null=True, blank=True, related_name="decision"
    )
    # Agreed by an outside party (named) rather than within the decider's own authority.
    agreed_by_party = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.remedy} on {self.case}"

    @property
    def remedy_words(self) -> str:
        return remedy_words(self.remedy)


class CaseLink(models.Model):
    """A case opened because the customer came back after the re-open window: the same
    matter continues, linked to the case before it (issue 4, Re-opening; C4 2.9)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="previous_link")
    previous_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="next_links")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.case} follows {self.previous_case}"
