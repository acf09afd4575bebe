"""Write imported messages in batches, by the rules of `open_case` and `record_message`.

Each batch gives the same team, assignee, status and audit entries as those services would,
with a few queries per batch rather than several per message, which is what lets a large
mailbox import in seconds. The caller owns the transaction: a batch writes nothing that a
rollback cannot take back except attachment files, which `files_removed_on_failure` removes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Count, F, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Greatest

from calmdesk.cases import hooks
from calmdesk.cases.access import cases_visible_to
from calmdesk.cases.assessing import assess_messages
from calmdesk.cases.models import Attachment, AuditEntry, Case, ContactPoint, Customer, Message
from calmdesk.cases.services import (
    ContactDetails,
    intake_team,
    store_attachment_file,
    subject_from,
)
from calmdesk.core.channels import Channel, normalise_contact
from calmdesk.core.email_parsing import EmailAttachment
from calmdesk.core.intake import IntakeError, check_attachment
from calmdesk.core.lifecycle import CaseStatus, format_reference, status_after_inbound
from calmdesk.core.roles import NotAllowed, Role
from calmdesk.people.models import Organisation, User

# Keeps every IN (...) list under the parameter limits of SQLite and PostgreSQL.
_LOOKUP_SLICE = 500
_T = TypeVar("_T")


@dataclass(frozen=True)
class Incoming:
    """One message to import, from an email or a CSV row, named for error messages."""

    label: str
    key: str
    channel: Channel
    text: str
    contact: ContactDetails
    direction: str = Message.Direction.INBOUND
    subject: str = ""
    sent_at: datetime | None = None
    in_reply_to: str = ""
    thread_ids: tuple[str, ...] = ()
    case_reference: str = ""
    attachments: tuple[EmailAttachment, ...] = ()

    def error(self, reason: object) -> str:
        return f"{self.label}: {reason}" if self.label else str(reason)


def batches(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _in_slices(values: Iterable[_T]) -> Iterator[list[_T]]:
    return batches(values, _LOOKUP_SLICE)


@dataclass
class _Batch:
    new_cases: list[Case] = field(default_factory=list)
    changed_cases: dict[int, Case] = field(default_factory=dict)
    messages: list[tuple[Incoming, Message]] = field(default_factory=list)
    # (action, case, message, detail) in the order the services would write them.
    events: list[tuple[str, Case, Message | None, dict[str, Any]]] = field(default_factory=list)
    case_by_key: dict[str, Case] = field(default_factory=dict)


class BatchWriter:
    """Writes batches of messages with the rules of `open_case` and `record_message`."""

    def __init__(self, organisation: Organisation, actor: User | None, now: datetime) -> None:
        self.organisation = organisation
        self.actor = actor
        self.now = now
        self.team = actor.team if actor is not None and actor.team_id else intake_team(organisation)
        self.assignee = actor if actor is not None and actor.role != Role.MANAGER else None
        self.writable_cases: QuerySet[Case] = (
            cases_visible_to(actor)
            if actor is not None
            else Case.objects.filter(organisation=organisation)
        )
        # Every message key known to be stored, with the id of its case.
        self.case_id_by_key: dict[str, int] = {}
        self.customer_by_point: dict[tuple[str, str], Customer] = {}
        self.new_customers: list[Customer] = []
        self.new_points: list[ContactPoint] = []
        self.created_cases = 0
        self.created_messages = 0
        self.skipped_duplicates = 0
        self.attachments = 0
        self.refused_attachments: list[str] = []

    def write(self, items: list[Incoming]) -> None:
        self._remember_stored_keys(items)
        cases_by_id, cases_by_reference = self._cases_answered(items)
        self._remember_contacts(items)
        batch = _Batch()
        for item in items:
            if item.key in self.case_id_by_key or item.key in batch.case_by_key:
                self.skipped_duplicates += 1
                continue
            case = self._case_for(item, batch, cases_by_id, cases_by_reference)
            if case is None:
                case = self._new_case(item)
                batch.new_cases.append(case)
                batch.events.append(("case.opened", case, None, {"channel": item.channel.value}))
                batch.messages.append((item, self._message(case, item)))
            else:
                self._add_to(case, item, batch)
                message = self._message(case, item)
                batch.messages.append((item, message))
                batch.events.append(("message.recorded", case, message, {}))
            batch.case_by_key[item.key] = case
        self._save(batch)
        for key, case in batch.case_by_key.items():
            self.case_id_by_key[key] = case.pk

    def _remember_stored_keys(self, items: list[Incoming]) -> None:
        wanted = {key for item in items for key in (item.key, *item.thread_ids)}
        wanted -= self.case_id_by_key.keys()
        for keys in _in_slices(wanted):
            self.case_id_by_key.update(
                # The non-empty test lets PostgreSQL use the partial unique index on
                # (organisation, external_id) for long lists of keys too.
                Message.objects.filter(organisation=self.organisation, external_id__in=keys)
                .exclude(external_id="")
                .values_list("external_id", "case_id")
            )

    def _cases_answered(self, items: list[Incoming]) -> tuple[dict[int, Case], dict[str, Case]]:
        """The stored cases this batch adds to, locked, if the actor may write to them."""
        ids = {
            self.case_id_by_key[thread_id]
            for item in items
            for thread_id in item.thread_ids
            if thread_id in self.case_id_by_key
        }
        references = {item.case_reference for item in items if item.case_reference}
        cases: dict[int, Case] = {}
        for some_ids in _in_slices(ids):
            cases.update(self.writable_cases.select_for_update().in_bulk(some_ids))
        for some_references in _in_slices(references):
            found = self.writable_cases.select_for_update().filter(reference__in=some_references)
            cases.update({case.pk: case for case in found})
        return cases, {case.reference: case for case in cases.values()}

    def _case_for(
        self,
        item: Incoming,
        batch: _Batch,
        cases_by_id: dict[int, Case],
        cases_by_reference: dict[str, Case],
    ) -> Case | None:
        found = None
        if item.case_reference:
            if item.case_reference not in cases_by_reference:
                raise IntakeError(item.error(f"there is no case {item.case_reference} to add to."))
            found = cases_by_reference[item.case_reference]
        for thread_id in () if found else item.thread_ids:
            if thread_id in batch.case_by_key:
                found = batch.case_by_key[thread_id]
                break
            if thread_id in self.case_id_by_key:
                case_id = self.case_id_by_key[thread_id]
                if case_id not in cases_by_id:
                    raise NotAllowed(
                        item.error("it answers an email on a case of a team you cannot work on.")
                    )
                found = cases_by_id[case_id]
                break
        if found is None or item.direction != Message.Direction.INBOUND or found.pk is None:
            return found
        from calmdesk.resolution import reopening

        # Re-opens a finished case within the policy's window; after it, a new linked case.
        return reopening.case_for_contact(self.actor, found, item.sent_at or self.now, item.key)

    def _remember_contacts(self, items: list[Incoming]) -> None:
        wanted = {
            (kind.value, normalise_contact(kind, value))
            for item in items
            if not item.case_reference
            for kind, value in item.contact.points()
        }
        wanted -= self.customer_by_point.keys()
        for some in _in_slices(sorted(wanted)):
            points = ContactPoint.objects.filter(
                organisation=self.organisation, normalised__in=[n for _, n in some]
            ).select_related("customer")
            for point in points:
                if (point.kind, point.normalised) in wanted:
                    self.customer_by_point[(point.kind, point.normalised)] = point.customer

    def _customer_for(self, item: Incoming) -> Customer:
        """The customer a contact point names, or a new one, as `find_or_create_customer`."""
        points = [
            (kind.value, value, normalise_contact(kind, value))
            for kind, value in item.contact.points()
        ]
        customer = next(
            (
                self.customer_by_point[(kind, normalised)]
                for kind, _, normalised in points
                if (kind, normalised) in self.customer_by_point
            ),
            None,
        )
        if customer is None:
            name = item.contact.name.strip() or (points[0][1] if points else "")
            if not name:
                raise IntakeError(item.error("a customer needs a name or a way to contact them."))
            customer = Customer(organisation=self.organisation, name=name[:200])
            self.new_customers.append(customer)
        for kind, value, normalised in points:
            if (kind, normalised) not in self.customer_by_point:
                self.customer_by_point[(kind, normalised)] = customer
                self.new_points.append(
                    ContactPoint(
                        organisation=self.organisation,
                        customer=customer,
                        kind=kind,
                        value=value[:320],
                        normalised=normalised,
                    )
                )
        return customer

    def _new_case(self, item: Incoming) -> Case:
        sent_at = item.sent_at or self.now
        return Case(
            organisation=self.organisation,
            customer=self._customer_for(item),
            subject=(item.subject or subject_from(item.text))[:200],
            first_channel=item.channel.value,
            team=self.team,
            assignee=self.assignee,
            status=CaseStatus.NEW.value,
            opened_at=sent_at,
            last_activity_at=sent_at,
            message_count=1,
        )

    def _add_to(self, case: Case, item: Incoming, batch: _Batch) -> None:
        case.message_count += 1
        case.last_activity_at = max(case.last_activity_at, item.sent_at or self.now)
        if item.direction == Message.Direction.INBOUND:
            new_status = status_after_inbound(case.status)
            if new_status != case.status:
                batch.events.append(
                    ("case.status_changed", case, None, {"old": case.status, "new": new_status})
                )
                case.status = new_status.value
        if case.pk is not None:
            batch.changed_cases[case.pk] = case

    def _message(self, case: Case, item: Incoming) -> Message:
        # An import moves records that already exist; nobody on the desk wrote or noted them,
        # so no author is named. The audit entry names who imported them.
        return Message(
            organisation=self.organisation,
            case=case,
            direction=item.direction,
            channel=item.channel.value,
            subject=item.subject[:300],
            text=item.text,
            sent_at=item.sent_at or self.now,
            recorded_at=self.now,
            external_id=item.key,
            in_reply_to=item.in_reply_to,
        )

    def _save(self, batch: _Batch) -> None:
        Customer.objects.bulk_create(self.new_customers)
        ContactPoint.objects.bulk_create(self.new_points)
        self.new_customers, self.new_points = [], []
        self._number(batch.new_cases)
        Case.objects.bulk_create(batch.new_cases)
        Message.objects.bulk_create([message for _, message in batch.messages])
        assess_messages([message for _, message in batch.messages])
        hooks.run_inbound([message for _, message in batch.messages])
        self._update_counts(batch.changed_cases)
        entries = [self._audit_entry(*event) for event in batch.events]
        files: list[Attachment] = []
        for item, message in batch.messages:
            for attachment in item.attachments:
                self._keep_file(item, message, attachment, files, entries)
        Attachment.objects.bulk_create(files)
        AuditEntry.objects.bulk_create(entries)
        self.created_cases += len(batch.new_cases)
        self.created_messages += len(batch.messages)

    def _update_counts(self, cases: dict[int, Case]) -> None:
        """Bring stored cases up to date with the messages just added, in a few statements.

        A per-case UPDATE, or Django's bulk_update with its CASE per row, would cost more
        than writing the messages themselves.
        """
        for ids in _in_slices(cases):
            messages = Message.objects.filter(case=OuterRef("pk")).values("case")
            Case.objects.filter(pk__in=ids).update(
                message_count=Subquery(messages.annotate(n=Count("pk")).values("n")),
                last_activity_at=Greatest(
                    F("last_activity_at"), Subquery(messages.annotate(t=Max("sent_at")).values("t"))
                ),
            )
        by_status: dict[str, list[int]] = {}
        for case in cases.values():
            by_status.setdefault(case.status, []).append(case.pk)
        for status, status_ids in by_status.items():
            for ids in _in_slices(status_ids):
                Case.objects.filter(pk__in=ids).exclude(status=status).update(status=status)

    def _number(self, cases: list[Case]) -> None:
        """Give new cases the next numbers, reserved in one conditional update (a row lock)."""
        if not cases:
            return
        organisations = Organisation.objects.filter(pk=self.organisation.pk)
        organisations.update(last_case_number=F("last_case_number") + len(cases))
        last = organisations.values_list("last_case_number", flat=True).get()
        for number, case in enumerate(cases, start=last - len(cases) + 1):
            case.number = number
            case.reference = format_reference(number)

    def _audit_entry(
        self, action: str, case: Case, message: Message | None, detail: dict[str, Any]
    ) -> AuditEntry:
        if action == "case.opened":
            summary = f"Opened {case.reference} from {Channel(detail['channel']).label.lower()}"
        elif action == "case.status_changed":
            old, new = CaseStatus(detail["old"]), CaseStatus(detail["new"])
            summary = f"{old.label} → {new.label} (customer wrote again)"
            detail = {"old": old.value, "new": new.value}
        else:
            assert message is not None
            summary = (
                f"{message.get_direction_display()} by {Channel(message.channel).label.lower()}"
            )
            detail = {"message_id": message.pk}
        return self._entry(action, summary, case, detail)

    def _entry(self, action: str, summary: str, case: Case, detail: dict[str, Any]) -> AuditEntry:
        return AuditEntry(
            organisation=self.organisation,
            actor=self.actor,
            action=action,
            summary=summary[:300],
            case=case,
            customer_id=case.customer_id,
            detail=detail,
            at=self.now,
        )

    def _keep_file(
        self,
        item: Incoming,
        message: Message,
        attachment: EmailAttachment,
        files: list[Attachment],
        entries: list[AuditEntry],
    ) -> None:
        """Store a file as `add_attachment` does, or record why not; a refused file never
        stops its message. The rows are written with the rest of the batch."""
        case = message.case
        try:
            checked = check_attachment(
                attachment.filename,
                attachment.data,
                max_bytes=settings.CALMDESK_MAX_ATTACHMENT_BYTES,
            )
        except IntakeError as exc:
            self.refused_attachments.append(item.error(exc))
            summary = f"Did not keep {attachment.filename}: {exc}"
            detail = {
                "attachment": attachment.filename,
                "reason": str(exc),
                "message_id": message.pk,
            }
            entries.append(self._entry("attachment.refused", summary, case, detail))
            return
        file = Attachment(
            case=case,
            message=message,
            name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=hashlib.sha256(attachment.data).hexdigest(),
            uploaded_by=self.actor,
        )
        store_attachment_file(file, attachment.data)
        files.append(file)
        detail = {"attachment": checked.name, "size": checked.size}
        entries.append(self._entry("attachment.added", f"Attached {checked.name}", case, detail))
        self.attachments += 1
