"""Customers, their cases and everything said and done on a case."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from calmdesk.core.assessment.wording import label_words
from calmdesk.core.channels import CHANNEL_LABELS, Channel, ContactKind, normalise_contact
from calmdesk.core.lifecycle import STATUS_LABELS, CaseStatus
from calmdesk.people.models import Organisation, Team, User

ChannelChoices = models.TextChoices(  # type: ignore[misc]
    "ChannelChoices", [(c.name, (c.value, CHANNEL_LABELS[c])) for c in Channel]
)
StatusChoices = models.TextChoices(  # type: ignore[misc]
    "StatusChoices", [(s.name, (s.value, STATUS_LABELS[s])) for s in CaseStatus]
)


class Customer(models.Model):
    """Someone the organisation serves, with the needs they have told us about.

    Only needs the customer states are kept (C4 1.2; Unit 7 1.1). Nothing here records or
    guesses gender, ethnicity, religion or age.
    """

    class Terminology(models.TextChoices):
        UNKNOWN = "unknown", "Not known yet"
        PLAIN = "plain", "Plain language"
        SPECIALIST = "specialist", "Specialist terms"

    class Kind(models.TextChoices):
        EXTERNAL = "external", "External customer"
        INTERNAL = "internal", "Internal customer (colleague or department)"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="customers"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EXTERNAL)
    preferred_language = models.CharField(max_length=40, blank=True)
    terminology = models.CharField(
        max_length=12, choices=Terminology.choices, default=Terminology.UNKNOWN
    )
    needs_large_print = models.BooleanField(default=False)
    needs_sign_language = models.BooleanField(default=False)
    needs_carer_or_advocate = models.BooleanField(default=False)
    needs_relay_service = models.BooleanField(default=False)
    other_needs = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "name"])]

    def __str__(self) -> str:
        return self.name

    def stated_needs(self) -> list[str]:
        """The customer's stated service needs, in words an agent reads at a glance."""
        needs = []
        if self.preferred_language:
            needs.append(f"Prefers {self.preferred_language}")
        if self.needs_large_print:
            needs.append("Large print")
        if self.needs_sign_language:
            needs.append("Sign language interpreter")
        if self.needs_carer_or_advocate:
            needs.append("Speaks through a carer or advocate")
        if self.needs_relay_service:
            needs.append("Uses a text relay service")
        if self.terminology != self.Terminology.UNKNOWN:
            needs.append(self.get_terminology_display())
        if self.other_needs:
            needs.append(self.other_needs)
        return needs


class ContactPoint(models.Model):
    """An address, number or handle by which a customer reaches us and is recognised again."""

    KindChoices = models.TextChoices(  # type: ignore[misc]
        "KindChoices", [(k.name, (k.value, k.label)) for k in ContactKind]
    )

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=10, choices=KindChoices.choices)
    value = models.CharField(max_length=320)
    normalised = models.CharField(max_length=320)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "normalised"], name="contact_point_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Kept in step with the value however it is edited (the admin included), so the
        # customer is recognised again by it.
        self.normalised = normalise_contact(ContactKind(self.kind), self.value)
        super().save(*args, **kwargs)


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.exclude(status__in=[CaseStatus.RESOLVED, CaseStatus.CLOSED])


class Case(models.Model):
    # Foreign keys whose lookups the composite indexes below already serve carry no index of
    # their own: every index is paid for on each insert, and imports insert a great deal.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="cases", db_index=False
    )
    number = models.PositiveBigIntegerField()
    reference = models.CharField(max_length=20)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="cases")
    subject = models.CharField(max_length=200, blank=True)
    first_channel = models.CharField(max_length=20, choices=ChannelChoices.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases", db_index=False)
    assignee = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_cases"
    )
    status = models.CharField(max_length=20, choices=StatusChoices.choices, default="new")
    opened_at = models.DateTimeField(default=timezone.now)
    # The time of the latest message or note, so the queue sorts without touching messages.
    last_activity_at = models.DateTimeField(default=timezone.now)
    message_count = models.PositiveIntegerField(default=0)
    # The situation as the newest assessed inbound message shows it (issue 3), kept on the
    # case so the queue sorts and filters by it without reading messages.
    latest_assessment = models.ForeignKey(
        "MessageAssessment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    challenge_level = models.PositiveSmallIntegerField(null=True, blank=True)
    # The assessment whose issue says what the case is about (core.assessment.case_issue):
    # a short answer such as "Thursday is fine" does not turn a missed delivery into a fault.
    issue_assessment = models.ForeignKey(
        "MessageAssessment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="case_number_unique"),
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="case_reference_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "-last_activity_at"], name="case_org_activity"),
            models.Index(fields=["team", "-last_activity_at"], name="case_team_activity"),
            models.Index(fields=["organisation", "status"], name="case_org_status"),
            # The queue's "newest" and "oldest" sorts.
            models.Index(fields=["organisation", "-opened_at"], name="case_org_opened"),
            models.Index(fields=["team", "-opened_at"], name="case_team_opened"),
            # The queue's "most challenging first" sort. On PostgreSQL migration 0008 makes
            # it NULLS LAST, as the sort asks (SQLite cannot index that way; it needs not).
            models.Index(
                fields=["organisation", "-challenge_level", "-last_activity_at"],
                name="case_org_challenge",
            ),
        ]
        ordering = ["-last_activity_at"]

    def __str__(self) -> str:
        return self.reference

    @property
    def status_enum(self) -> CaseStatus:
        return CaseStatus(self.status)

    @property
    def issue(self) -> str | None:
        """What the case is about, or None before any customer message is assessed."""
        chosen = self.issue_assessment or self.latest_assessment
        return chosen.issue if chosen is not None else None

    @property
    def viewpoint_assessment(self) -> MessageAssessment | None:
        """The assessment whose point of view to show: the newest, unless it was read as
        another issue than the case's (a short answer's own point of view, "something that
        is not working" for "Thursday is fine", would mislead)."""
        latest, about = self.latest_assessment, self.issue_assessment
        if latest is None or about is None or latest.issue == about.issue:
            return latest
        return about


class Message(models.Model):
    """One contact from or to the customer, on any channel."""

    class Direction(models.TextChoices):
        INBOUND = "inbound", "From the customer"
        OUTBOUND = "outbound", "To the customer"

    # Served by the (organisation, external_id) and (case, sent_at) indexes below.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, db_index=False)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="messages", db_index=False
    )
    direction = models.CharField(max_length=10, choices=Direction.choices)
    channel = models.CharField(max_length=20, choices=ChannelChoices.choices)
    subject = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    # The staff member who wrote it (outbound) or wrote it up (a telephone or letter note).
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    recorded_at = models.DateTimeField(default=timezone.now)
    # Where the message came from (an email's Message-ID, a CSV row's id or content hash):
    # the key that makes every import idempotent.
    external_id = models.CharField(max_length=500, blank=True)
    in_reply_to = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="message_external_id_unique",
            )
        ]
        indexes = [models.Index(fields=["case", "sent_at"], name="message_case_time")]
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.get_channel_display()} on {self.case}"


class MessageAssessment(models.Model):
    """What the assessment engine read in one inbound message (issue 3; Unit 7 1.1, P1;
    C4 1.3-1.5), stored when the message arrives and replaced when a newer model re-reads it.

    `result` is `Assessment.as_dict()`: evidence spans index the text as assessed, which is
    the message's text unless `html_stripped` or `truncated` say otherwise.
    """

    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, primary_key=True, related_name="assessment"
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="assessments", db_index=False
    )
    model_version = models.CharField(max_length=40)
    issue = models.CharField(max_length=30)
    issue_confidence = models.FloatField()
    # The customer's own words in the message (core.assessment.case_issue.count_words): a
    # message of a few words does not change what its case is about.
    words = models.PositiveIntegerField(default=0)
    # None when the language is one the model does not read.
    challenge_level = models.PositiveSmallIntegerField(null=True, blank=True)
    trend = models.CharField(max_length=12, blank=True)
    language = models.CharField(max_length=40, blank=True)
    result = models.JSONField()
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["case", "message"], name="assessment_case_message"),
            # Re-assessment finds the messages an older model read.
            models.Index(fields=["model_version", "message"], name="assessment_version"),
            # The queue's issue filter reads the assessments of one issue.
            models.Index(fields=["issue", "message"], name="assessment_issue"),
        ]

    def __str__(self) -> str:
        return f"Assessment of message {self.message_id}"

    @property
    def indicator_names(self) -> list[str]:
        return [item["name"] for item in self.result.get("indicators", [])]

    @property
    def risk_names(self) -> list[str]:
        return [item["name"] for item in self.result.get("risks", [])]

    @property
    def issue_words(self) -> str:
        return label_words(self.issue)

    @property
    def signal_words(self) -> list[str]:
        return [label_words(name) for name in (*self.indicator_names, *self.risk_names)]


class AssessmentSignal(models.Model):
    """One indicator or risk an assessment found: the row the queue filters on."""

    assessment = models.ForeignKey(
        MessageAssessment, on_delete=models.CASCADE, related_name="signals", db_index=False
    )
    name = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "name"], name="assessment_signal_unique")
        ]
        indexes = [models.Index(fields=["name", "assessment"], name="assessment_signal_name")]

    def __str__(self) -> str:
        return self.name


class Note(models.Model):
    """An internal note: never shown to the customer."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Note on {self.case}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.case.organisation_id}/{instance.case_id}/{filename}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("The audit trail is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit trail is append-only.")


class AuditEntry(models.Model):
    """Who did what to which case, and when. Rows are added, never changed or removed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    case = models.ForeignKey(  # served by the (case, at) index below
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        db_index=False,
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Null for the system itself (an import run from the command line with no user named).
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=50)
    summary = models.CharField(max_length=300)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="audit_case_time")]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit trail is append-only.")
