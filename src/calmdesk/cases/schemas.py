"""The shapes the cases API accepts and returns; pydantic checks input before any service runs."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema
from pydantic import AwareDatetime, Field

from calmdesk.cases.models import Case, Customer, Message, MessageAssessment, Note
from calmdesk.core.channels import Channel
from calmdesk.core.lifecycle import CaseStatus
from calmdesk.people.models import Team, User

MAX_EXTERNAL_ID = 500


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


class SpanOut(Schema):
    start: int
    end: int
    text: str


class SignalOut(Schema):
    """An indicator or risk the assessment found, with the words that showed it."""

    name: str
    score: float
    sources: list[str]
    evidence: list[SpanOut]


class AccessNeedOut(Schema):
    kind: str
    evidence: list[SpanOut]


class NeedsOut(Schema):
    language: str | None
    other_languages: list[str]
    accessibility: list[AccessNeedOut]
    terminology: str
    terminology_evidence: list[SpanOut]


class AssessmentOut(Schema):
    issue: str
    issue_confidence: float
    indicators: list[SignalOut]
    risks: list[SignalOut]
    needs: NeedsOut
    point_of_view: str | None
    challenge_level: int | None
    trend: str | None
    channel: str | None
    model_version: str
    truncated: bool
    html_stripped: bool
    indicators_supported: bool
    unsupported_reason: str | None


class CustomerIn(Schema):
    name: str = Field("", max_length=200)
    email: str = Field("", max_length=320)
    phone: str = Field("", max_length=64)
    handle: str = Field("", max_length=320, description="A social media handle, e.g. @priya")


class CaseIn(Schema):
    customer: CustomerIn
    channel: Channel = Channel.API
    text: str = Field(description="The customer's first message; at most 1 MB.")
    subject: str = Field("", max_length=200)
    team: int | None = Field(None, description="Team id; defaults to yours, or the intake team.")
    sent_at: AwareDatetime | None = None
    external_id: str = Field(
        "",
        max_length=MAX_EXTERNAL_ID,
        description="Your id for this contact; posting it again returns the same case.",
    )


class MessageIn(Schema):
    direction: Literal["inbound", "outbound"] = "inbound"
    channel: Channel
    text: str = Field(description="At most 1 MB.")
    subject: str = Field("", max_length=300)
    sent_at: AwareDatetime | None = None
    external_id: str = Field(
        "",
        max_length=MAX_EXTERNAL_ID,
        description="Your id for this message; posting it again returns the same message.",
    )


class NoteIn(Schema):
    text: str


class StatusIn(Schema):
    status: CaseStatus
    reason: str = Field(
        "",
        max_length=300,
        description="Why; needed for some moves, such as closing a case with actions open.",
    )


class AssignIn(Schema):
    assignee: str | None = Field(
        description="Username of the person to take the case, or null to unassign."
    )


class PersonOut(Schema):
    id: int
    username: str
    name: str

    @staticmethod
    def of(user: User | None) -> PersonOut | None:
        if user is None:
            return None
        return PersonOut(id=user.pk, username=user.username, name=user.display_name())


class TeamOut(Schema):
    id: int
    name: str

    @staticmethod
    def of(team: Team | None) -> TeamOut | None:
        return TeamOut(id=team.pk, name=team.name) if team is not None else None


class CustomerSummaryOut(Schema):
    id: int
    name: str


class ContactOut(Schema):
    kind: str
    value: str


class CustomerOut(CustomerSummaryOut):
    kind: str
    stated_needs: list[str] = Field(description="Only needs the customer has told us about.")
    contacts: list[ContactOut]

    @staticmethod
    def of(customer: Customer) -> CustomerOut:
        return CustomerOut(
            id=customer.pk,
            name=customer.name,
            kind=customer.kind,
            stated_needs=customer.stated_needs(),
            contacts=[ContactOut(kind=c.kind, value=c.value) for c in customer.contacts.all()],
        )


class CaseSummaryOut(Schema):
    reference: str
    subject: str
    status: CaseStatus
    first_channel: Channel
    team: TeamOut
    assignee: PersonOut | None
    customer: CustomerSummaryOut
    opened_at: AwareDatetime
    last_activity_at: AwareDatetime
    message_count: int
    challenge_level: int | None = Field(
        description="0 calm to 3 highly challenging, from the newest assessed customer "
        "message; null when none is assessed or its language is not one the model reads."
    )
    signals: list[str] = Field(
        description="Indicators and risks found in the newest assessed customer message."
    )
    issue: str | None = Field(
        description="What the case is about: the issue of the customer message that says it "
        "best. A later message changes it only when it has words enough and reads its issue "
        "surely (a short answer such as 'Thursday is fine' does not). Null before any "
        "customer message is assessed."
    )

    @staticmethod
    def of(case: Case) -> CaseSummaryOut:
        return CaseSummaryOut(
            **_case_fields(case),
            customer=CustomerSummaryOut(id=case.customer.pk, name=case.customer.name),
        )


def _case_fields(case: Case) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "subject": case.subject,
        "status": CaseStatus(case.status),
        "first_channel": Channel(case.first_channel),
        "team": TeamOut(id=case.team.pk, name=case.team.name),
        "assignee": PersonOut.of(case.assignee),
        "opened_at": case.opened_at,
        "last_activity_at": case.last_activity_at,
        "message_count": case.message_count,
        "challenge_level": case.challenge_level,
        "issue": case.issue,
        "signals": (
            [*latest.indicator_names, *latest.risk_names]
            if (latest := case.latest_assessment) is not None
            else []
        ),
    }


class CasePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CaseSummaryOut]


class MessageOut(Schema):
    id: int
    direction: Literal["inbound", "outbound"]
    channel: Channel
    subject: str
    text: str
    author: PersonOut | None
    sent_at: AwareDatetime
    recorded_at: AwareDatetime
    external_id: str
    assessment: AssessmentOut | None = Field(
        description="What the assessment engine read in a customer's message when it arrived "
        "(null for messages from staff, or not assessed yet)."
    )

    @staticmethod
    def of(message: Message) -> MessageOut:
        return MessageOut(
            id=message.pk,
            direction=message.direction,
            channel=Channel(message.channel),
            subject=message.subject,
            text=message.text,
            author=PersonOut.of(message.author),
            sent_at=message.sent_at,
            recorded_at=message.recorded_at,
            external_id=message.external_id,
            assessment=_stored_assessment(message),
        )


def _stored_assessment(message: Message) -> dict[str, Any] | None:
    try:
        return message.assessment.result
    except MessageAssessment.DoesNotExist:
        return None


class NoteOut(Schema):
    id: int
    text: str
    author: PersonOut | None
    created_at: AwareDatetime

    @staticmethod
    def of(note: Note) -> NoteOut:
        return NoteOut(
            id=note.pk, text=note.text, author=PersonOut.of(note.author), created_at=note.created_at
        )


class CaseOut(CaseSummaryOut):
    customer: CustomerOut
    messages: list[MessageOut]
    notes: list[NoteOut] = Field(description="Internal notes; never shown to the customer.")

    @staticmethod
    def of(case: Case) -> CaseOut:
        return CaseOut(
            **_case_fields(case),
            customer=CustomerOut.of(case.customer),
            messages=[
                MessageOut.of(m) for m in case.messages.select_related("author", "assessment")
            ],
            notes=[NoteOut.of(n) for n in case.notes.select_related("author")],
        )


class MeOut(Schema):
    id: int
    username: str
    name: str
    role: str
    role_label: str
    organisation: str | None
    team: TeamOut | None
    can_write_cases: bool
    can_assign_to_others: bool


class CaseListQuery(Schema):
    status: str = Field("", description="A status, or 'open' for anything not resolved or closed.")
    channel: str = Field("", description="The channel the case first came in by.")
    team: int | None = Field(None, description="Team id.")
    assignee: str = Field("", description="A user id, 'me', or 'none' for unassigned.")
    q: str = Field("", description="Search reference, customer name, subject and message text.")
    sort: str = Field(
        "activity",
        description="activity, challenge (most challenging first), oldest_activity, newest, "
        "oldest or reference.",
    )
    min_challenge: int | None = Field(
        None,
        description="Only cases whose newest assessed message is at this level (0-3) or above.",
    )
    indicator: str = Field("", description="Only cases whose newest assessment found it.")
    risk: str = Field("", description="Only cases whose newest assessment found it.")
    issue: str = Field("", description="Only cases about this issue (the case's `issue`).")
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0)
