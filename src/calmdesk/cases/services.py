"""The use-cases of the case desk: one function per intent, the acting user always named.

Each one checks the user's rights, writes inside one transaction and leaves an audit entry.
`actor=None` is the system itself (an import started from the command line).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from calmdesk.cases import hooks
from calmdesk.cases.access import assignable_users_for, check_can_write
from calmdesk.cases.assessing import assess_messages
from calmdesk.cases.models import (
    Attachment,
    AuditEntry,
    Case,
    ContactPoint,
    Customer,
    Message,
    Note,
)
from calmdesk.core.channels import Channel, ContactKind, normalise_contact
from calmdesk.core.intake import IntakeError, check_attachment, clean_message_text
from calmdesk.core.lifecycle import (
    CaseStatus,
    check_transition,
    format_reference,
    status_after_inbound,
)
from calmdesk.core.roles import NotAllowed, rights_for
from calmdesk.people.models import Organisation, Team, User


def audit(
    organisation_id: int,
    actor: User | None,
    action: str,
    summary: str,
    *,
    case: Case | None = None,
    customer: Customer | None = None,
    at: datetime | None = None,
    **detail: Any,
) -> AuditEntry:
    entry = audit_entry(
        organisation_id, actor, action, summary, case=case, customer=customer, at=at, **detail
    )
    entry.save(force_insert=True)
    return entry


def audit_entry(
    organisation_id: int,
    actor: User | None,
    action: str,
    summary: str,
    *,
    case: Case | None = None,
    customer: Customer | None = None,
    at: datetime | None = None,
    **detail: Any,
) -> AuditEntry:
    """An audit entry not yet saved, for writing many with one bulk_create."""
    return AuditEntry(
        at=at or timezone.now(),
        organisation_id=organisation_id,
        actor=actor,
        action=action,
        summary=summary[:300],
        case=case,
        customer=customer or (case.customer if case else None),
        detail=detail,
    )


def _check_actor_in(actor: User | None, organisation: Organisation) -> None:
    if actor is None:
        return
    if actor.organisation_id != organisation.pk:
        raise NotAllowed("You can only work inside your own organisation.")
    if not rights_for(actor.role).can_write:
        raise NotAllowed(f"A {actor.role_enum.label.lower()} can read cases but not change them.")


@dataclass(frozen=True)
class ContactDetails:
    name: str
    email: str = ""
    phone: str = ""
    social: str = ""
    postal: str = ""

    def points(self) -> list[tuple[ContactKind, str]]:
        pairs = [
            (ContactKind.EMAIL, self.email),
            (ContactKind.PHONE, self.phone),
            (ContactKind.SOCIAL, self.social),
            (ContactKind.POSTAL, self.postal),
        ]
        return [(kind, value.strip()) for kind, value in pairs if value.strip()]


def find_or_create_customer(organisation: Organisation, details: ContactDetails) -> Customer:
    """The customer any of these contact points already belongs to, or a new one.

    New contact points are added to the customer found, so the next contact on another
    channel is recognised too.
    """
    points = [(kind, value, normalise_contact(kind, value)) for kind, value in details.points()]
    customer = None
    for kind, _, normalised in points:
        match = (
            ContactPoint.objects.filter(
                organisation=organisation, kind=kind.value, normalised=normalised
            )
            .select_related("customer")
            .first()
        )
        if match:
            customer = match.customer
            break
    if customer is None:
        name = details.name.strip() or (points[0][1] if points else "")
        if not name:
            raise IntakeError("A customer needs a name or a way to contact them.")
        customer = Customer.objects.create(organisation=organisation, name=name[:200])
    for kind, value, normalised in points:
        ContactPoint.objects.get_or_create(
            organisation=organisation,
            kind=kind.value,
            normalised=normalised,
            defaults={"customer": customer, "value": value[:320]},
        )
    return customer


def _next_case_number(organisation: Organisation) -> int:
    # The conditional update takes a row lock, so two intakes never get the same number.
    Organisation.objects.filter(pk=organisation.pk).update(
        last_case_number=F("last_case_number") + 1
    )
    return Organisation.objects.values_list("last_case_number", flat=True).get(pk=organisation.pk)


def intake_team(organisation: Organisation) -> Team:
    team = organisation.teams.filter(is_intake=True).first() or organisation.teams.first()
    if team is None:
        raise IntakeError(f"{organisation.name} has no team to receive new cases.")
    return team


@transaction.atomic
def open_case(
    actor: User | None,
    organisation: Organisation,
    *,
    customer: Customer,
    channel: Channel | str,
    text: str,
    subject: str = "",
    team: Team | None = None,
    direction: str = Message.Direction.INBOUND,
    sent_at: datetime | None = None,
    external_id: str = "",
    in_reply_to: str = "",
    now: datetime | None = None,
) -> Case:
    """Open a case for a customer with its first message (Unit 7 2.1; C1 1.1)."""
    _check_actor_in(actor, organisation)
    if customer.organisation_id != organisation.pk:
        raise NotAllowed("That customer belongs to another organisation.")
    channel = Channel(channel)
    text = clean_message_text(text)
    now = now or timezone.now()
    if team is None:
        team = actor.team if actor is not None and actor.team_id else intake_team(organisation)
    if team.organisation_id != organisation.pk:
        raise NotAllowed("That team belongs to another organisation.")
    if (
        actor is not None
        and rights_for(actor.role).scope.value == "own_team"
        and team.pk != actor.team_id
    ):
        raise NotAllowed("You can only open cases for your own team.")
    number = _next_case_number(organisation)
    sent_at = sent_at or now
    case = Case.objects.create(
        organisation=organisation,
        number=number,
        reference=format_reference(number),
        customer=customer,
        subject=(subject or subject_from(text))[:200],
        first_channel=channel.value,
        team=team,
        assignee=actor if actor is not None and actor.role != "manager" else None,
        opened_at=sent_at,
        last_activity_at=sent_at,
        message_count=1,
    )
    message = Message.objects.create(
        organisation=organisation,
        case=case,
        direction=direction,
        channel=channel.value,
        subject=subject[:300],
        text=text,
        author=actor if channel != Channel.EMAIL else None,
        sent_at=sent_at,
        recorded_at=now,
        external_id=external_id[:500],
        in_reply_to=in_reply_to[:500],
    )
    if assess_messages([message]):
        case.refresh_from_db(fields=["latest_assessment", "challenge_level"])
    hooks.run_inbound([message])
    audit(
        organisation.pk,
        actor,
        "case.opened",
        f"Opened {case.reference} from {channel.label.lower()}",
        case=case,
        at=now,
        channel=channel.value,
    )
    return case


def subject_from(text: str) -> str:
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    return first_line if len(first_line) <= 80 else first_line[:77].rstrip() + "…"


@transaction.atomic
def record_message(
    actor: User | None,
    case: Case,
    *,
    channel: Channel | str,
    text: str,
    direction: str = Message.Direction.INBOUND,
    subject: str = "",
    sent_at: datetime | None = None,
    external_id: str = "",
    in_reply_to: str = "",
    now: datetime | None = None,
) -> Message:
    """Add a message to a case; a customer writing again re-opens a finished case."""
    if actor is not None:
        check_can_write(actor, case)
    channel = Channel(channel)
    text = clean_message_text(text)
    now = now or timezone.now()
    sent_at = sent_at or now
    case = Case.objects.select_for_update().get(pk=case.pk)
    if direction == Message.Direction.INBOUND and not case.status_enum.is_open:
        from calmdesk.resolution import reopening

        if reopening.starts_new_case(case, sent_at):  # after the re-open window (issue 4)
            return reopening.open_successor(
                actor,
                case,
                channel=channel.value,
                text=text,
                subject=subject,
                sent_at=sent_at,
                external_id=external_id,
                in_reply_to=in_reply_to,
                now=now,
            )
    message = Message.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        direction=direction,
        channel=channel.value,
        subject=subject[:300],
        text=text,
        author=actor
        if direction == Message.Direction.OUTBOUND or channel != Channel.EMAIL
        else None,
        sent_at=sent_at,
        recorded_at=now,
        external_id=external_id[:500],
        in_reply_to=in_reply_to[:500],
    )
    fields = ["message_count", "last_activity_at"]
    case.message_count += 1
    case.last_activity_at = max(case.last_activity_at, sent_at)
    if direction == Message.Direction.INBOUND:
        new_status = status_after_inbound(case.status)
        if new_status != case.status:
            audit(
                case.organisation_id,
                actor,
                "case.status_changed",
                f"{CaseStatus(case.status).label} → {new_status.label} (customer wrote again)",
                case=case,
                at=now,
                old=case.status,
                new=new_status.value,
            )
            case.status = new_status.value
            fields.append("status")
            if new_status == CaseStatus.REOPENED:
                from calmdesk.resolution import reopening

                reopening.after_reopen(actor, case, now)
    case.save(update_fields=fields)
    assess_messages([message])
    hooks.run_inbound([message])
    audit(
        case.organisation_id,
        actor,
        "message.recorded",
        f"{message.get_direction_display()} by {channel.label.lower()}",
        case=case,
        at=now,
        message_id=message.pk,
    )
    return message


@transaction.atomic
def add_note(actor: User, case: Case, text: str, *, now: datetime | None = None) -> Note:
    check_can_write(actor, case)
    text = clean_message_text(text, what="The note")
    now = now or timezone.now()
    note = Note.objects.create(case=case, author=actor, text=text, created_at=now)
    Case.objects.filter(pk=case.pk).update(last_activity_at=now)
    audit(
        case.organisation_id,
        actor,
        "note.added",
        "Added a note",
        case=case,
        at=now,
        note_id=note.pk,
    )
    return note


@transaction.atomic
def add_attachment(
    actor: User | None,
    case: Case,
    name: str,
    data: bytes,
    *,
    message: Message | None = None,
    max_bytes: int | None = None,
) -> Attachment:
    """Keep a file on a case after checking its real type and size."""
    if actor is not None:
        check_can_write(actor, case)
    checked = check_attachment(
        name, data, max_bytes=max_bytes or settings.CALMDESK_MAX_ATTACHMENT_BYTES
    )
    attachment = Attachment(
        case=case,
        message=message,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    with files_removed_on_failure():
        store_attachment_file(attachment, data)
        attachment.save()
        audit(
            case.organisation_id,
            actor,
            "attachment.added",
            f"Attached {checked.name}",
            case=case,
            attachment=checked.name,
            size=checked.size,
        )
    return attachment


_stored_files: ContextVar[list[str]] = ContextVar("stored_files")


def store_attachment_file(attachment: Attachment, data: bytes) -> None:
    """Write an attachment's file to storage, inside `files_removed_on_failure`, which
    deletes it again if the block fails. The row itself is saved by the caller."""
    attachment.file.save(attachment.name, ContentFile(data), save=False)
    _stored_files.get().append(attachment.file.name)


@contextmanager
def files_removed_on_failure() -> Iterator[None]:
    """Delete files stored inside this block if the block fails.

    A database rollback cannot take back a file written to storage, so an import or upload
    that fails half-way would leave orphans without this.
    """
    if _stored_files.get(None) is not None:
        # An enclosing block already owns the clean-up; its failure removes these files too.
        yield
        return
    stored: list[str] = []
    token = _stored_files.set(stored)
    try:
        yield
    except BaseException:
        storage = Attachment._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise
    finally:
        _stored_files.reset(token)


@transaction.atomic
def assign_case(
    actor: User, case: Case, assignee: User | None, *, now: datetime | None = None
) -> Case:
    check_can_write(actor, case)
    if (assignee.pk if assignee else None) == case.assignee_id:
        return case  # unchanged: nothing to check, record or audit
    may_assign_others = rights_for(actor.role).can_assign_to_others
    if (
        assignee is not None
        and not assignable_users_for(actor, case).filter(pk=assignee.pk).exists()
    ):
        if not may_assign_others:
            raise NotAllowed("An agent can take a case but not give it to someone else.")
        raise NotAllowed(f"{assignee.display_name()} cannot take cases of this team.")
    if assignee is None and not may_assign_others and case.assignee_id != actor.pk:
        raise NotAllowed(
            "An agent can let go of their own case but not take one off a colleague; "
            "take it yourself, or ask a team leader."
        )
    old = case.assignee
    case.assignee = assignee
    case.save(update_fields=["assignee"])
    audit(
        case.organisation_id,
        actor,
        "case.assigned",
        f"Assigned to {assignee.display_name()}" if assignee else "Unassigned",
        case=case,
        at=now,
        old=old.pk if old else None,
        new=assignee.pk if assignee else None,
    )
    return case


@transaction.atomic
def change_status(
    actor: User,
    case: Case,
    status: CaseStatus | str,
    *,
    reason: str = "",
    now: datetime | None = None,
) -> Case:
    """Move the case; `reason` is recorded, and some moves need one (closing with actions
    still open, for example: the hooks of other apps say so)."""
    check_can_write(actor, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    old = CaseStatus(case.status)
    new = check_transition(old, status)
    reason = reason.strip()[:300]
    hooks.run_before_status(actor, case, old.value, new.value, reason)
    case.status = new.value
    case.save(update_fields=["status"])
    audit(
        case.organisation_id,
        actor,
        "case.status_changed",
        f"{old.label} → {new.label}" + (f" ({reason})" if reason else ""),
        case=case,
        at=now,
        old=old.value,
        new=new.value,
        **({"reason": reason} if reason else {}),
    )
    hooks.run_after_status(actor, case, old.value, new.value, reason)
    return case


# The stated needs an agent may record on a customer (C4 1.2; Unit 7 1.1): never a guess.
_NEEDS_FLAGS = (
    "needs_large_print",
    "needs_sign_language",
    "needs_carer_or_advocate",
    "needs_relay_service",
)
_NEEDS_TEXT = {"preferred_language": 40, "other_needs": 300}
_NEEDS_CHOICES = {
    "terminology": frozenset(Customer.Terminology.values),
    "kind": frozenset(Customer.Kind.values),
}


def _clean_needs(needs: dict[str, Any]) -> dict[str, Any]:
    unknown = set(needs) - set(_NEEDS_FLAGS) - set(_NEEDS_TEXT) - set(_NEEDS_CHOICES)
    if unknown:
        raise TypeError(f"Not a stated need: {', '.join(sorted(unknown))}")
    clean: dict[str, Any] = {}
    for name, value in needs.items():
        if name in _NEEDS_FLAGS:
            clean[name] = bool(value)
        elif name in _NEEDS_TEXT:
            value = " ".join(str(value).split())
            if len(value) > _NEEDS_TEXT[name]:
                label = name.replace("_", " ").capitalize()
                raise IntakeError(f"{label} may be at most {_NEEDS_TEXT[name]} characters.")
            clean[name] = value
        elif value not in _NEEDS_CHOICES[name]:
            raise IntakeError(f"Unknown {name} {value!r}.")
        else:
            clean[name] = value
    return clean


@transaction.atomic
def update_customer_needs(actor: User | None, customer: Customer, **needs: Any) -> Customer:
    """Record what a customer has told us they need to be served well, with an audit entry.

    Only the needs named are changed; a call that changes nothing writes nothing.
    """
    _check_actor_in(actor, customer.organisation)
    clean = _clean_needs(needs)
    changed = [name for name, value in clean.items() if getattr(customer, name) != value]
    if not changed:
        return customer
    for name in changed:
        setattr(customer, name, clean[name])
    customer.save(update_fields=changed)
    audit(
        customer.organisation_id,
        actor,
        "customer.needs_updated",
        f"Updated the stated needs of {customer.name}",
        customer=customer,
        changed={name: clean[name] for name in changed},
    )
    return customer


@transaction.atomic
def open_case_for_contact(
    actor: User | None,
    organisation: Organisation,
    details: ContactDetails,
    *,
    channel: Channel | str,
    text: str,
    subject: str = "",
    needs: dict[str, Any] | None = None,
) -> Case:
    """Record a contact as a new case: recognise or add the customer, keep the needs they
    stated, and open the case. Nothing is kept if any part is refused."""
    _check_actor_in(actor, organisation)
    customer = find_or_create_customer(organisation, details)
    if needs:
        update_customer_needs(actor, customer, **needs)
    return open_case(
        actor, organisation, customer=customer, channel=channel, text=text, subject=subject
    )
