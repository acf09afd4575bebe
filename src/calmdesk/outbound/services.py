"""Sending a reply to the customer (C4 2.8; C1 1.4, 2.6, 3.4).

An email goes out through Django's email backend, threaded with the customer's last email;
a reply on another channel is POSTed to the organisation's outbound webhook when one is set,
or recorded as sent by the agent (who sent the SMS, posted the answer or said it). Every
reply is stored first, so a failed send is kept with its error for retry and never lost;
only a reply that went out is recorded on the case. The same idempotency key never sends
twice. Every attempt is in the audit trail.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Collection
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from smtplib import SMTPException
from typing import Any, Literal

from django.conf import settings
from django.core.mail import EmailMessage, make_msgid
from django.db import IntegrityError, transaction
from django.utils import timezone

from calmdesk.cases.access import check_can_write
from calmdesk.cases.models import Case, ContactPoint, Message
from calmdesk.cases.services import assign_case, audit, change_status, record_message
from calmdesk.core.channels import Channel, ContactKind
from calmdesk.core.intake import IntakeError
from calmdesk.core.lifecycle import CaseStatus
from calmdesk.core.roles import NotAllowed
from calmdesk.core.sending import (
    Delivery,
    a_reply_on,
    as_sentence,
    blocking_problem,
    delivery_for,
    is_message_id,
    public_by_default,
    reply_problem,
    reply_subject,
    sms_parts,
    threading_headers,
    unconfirmed_findings,
)
from calmdesk.outbound import checking
from calmdesk.outbound.models import OutboundReply
from calmdesk.people.models import User

# A reply still "being sent" this long after its last attempt was cut off (the process
# stopped mid-send): it may be retried.
STALE_AFTER = timedelta(minutes=5)

# The contact point each channel's webhook needs.
_CONTACT_FOR: dict[Channel, ContactKind] = {
    Channel.EMAIL: ContactKind.EMAIL,
    Channel.SMS: ContactKind.PHONE,
    Channel.TELEPHONE: ContactKind.PHONE,
    Channel.SOCIAL_MEDIA: ContactKind.SOCIAL,
    Channel.LETTER: ContactKind.POSTAL,
}


class ReplyRefused(ValueError):
    """The reply cannot be sent as asked: 400 for the reply itself (empty, too long), 409 for
    a clash (a key already used for another reply, a retry of a reply not failed)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class NeedsConfirmation(ReplyRefused):
    """The reply has findings the agent has not said they send it with (409): the reply box
    asks "Send anyway"; the API takes `send_anyway`."""

    def __init__(self, types: list[str]) -> None:
        words = ", ".join(checking.TYPE_LABELS.get(t, t).lower() for t in types)
        super().__init__(
            f"This reply has findings to look at first ({words}). Change the wording, or "
            "confirm that you send it as it is.",
            409,
        )
        self.types = types


class DeliveryFailed(Exception):
    """The reply did not go out; the message says why, in words for the agent."""


@dataclass(frozen=True)
class SendOutcome:
    reply: OutboundReply
    # False when the idempotency key had already sent (or is sending) this reply.
    new: bool
    # The checker's findings on the text, as the reply box shows them.
    findings: tuple[checking.ShownFinding, ...] = ()


def default_channel(case: Case) -> str:
    """The channel the customer last wrote on, or the case's first channel (C1 3.4)."""
    last = (
        case.messages.filter(direction=Message.Direction.INBOUND)
        .order_by("-sent_at", "-id")
        .values_list("channel", flat=True)
        .first()
    )
    return last or case.first_channel


def unsent_replies(case: Case) -> list[OutboundReply]:
    """Replies that have not gone out: failed ones (kept for retry) and any being sent."""
    return list(
        case.outbound_replies.exclude(status=OutboundReply.Status.SENT).select_related("author")
    )


def contact_for(case: Case, channel: Channel) -> str:
    """The customer's address, number or handle for this channel ("" when none is known)."""
    kind = _CONTACT_FOR.get(channel)
    if kind is None:
        return ""
    return (
        ContactPoint.objects.filter(customer_id=case.customer_id, kind=kind.value)
        .order_by("id")
        .values_list("value", flat=True)
        .first()
        or ""
    )


def _from_domain() -> str:
    address = parseaddr(settings.CALMDESK_EMAIL_FROM)[1]
    return address.rpartition("@")[2] or "calmdesk.invalid"


def send_reply(
    actor: User,
    case: Case,
    *,
    channel: Channel | str,
    text: str,
    key: str,
    public: bool | None = None,
    confirmed: Collection[str] | Literal[True] = (),
    now: datetime | None = None,
) -> SendOutcome:
    """Check the reply, store it, then send it. The same `key` sends at most once: a second
    call with it returns the first reply (new=False) without sending anything.

    Refused (ReplyRefused): a closed case (re-open it first); an empty, overlong or
    unfinished reply (reply_problem); a promise above the sender's authority or personal data
    in a public reply (blocking_problem). Any other finding needs the sender's word that they
    send it as it is: `confirmed` holds the finding types they confirmed (True for all),
    else NeedsConfirmation. `public` None means public on social media.
    """
    check_can_write(actor, case)
    channel = Channel(channel)
    public = public_by_default(channel, public)
    refuse_if_closed(case)
    problem = reply_problem(text, channel)
    if problem:
        raise ReplyRefused(problem)
    key = key.strip()
    if not key or len(key) > 64:
        raise ReplyRefused("The reply needs an idempotency key of 1 to 64 characters.")
    found = tuple(checking.findings_for(actor, case, text, channel, public))
    blocked = blocking_problem([(shown.finding.type, shown.words) for shown in found])
    if blocked:
        raise ReplyRefused(blocked)
    types = [shown.finding.type for shown in found]
    waiting = [] if confirmed is True else unconfirmed_findings(types, confirmed)
    if waiting:
        raise NeedsConfirmation(waiting)
    now = now or timezone.now()
    delivery = delivery_for(
        channel, webhook_configured=bool(settings.CALMDESK_OUTBOUND_WEBHOOK_URL)
    )
    try:
        with transaction.atomic():
            reply = OutboundReply.objects.create(
                organisation_id=case.organisation_id,
                case=case,
                channel=channel.value,
                public=public,
                text=text.strip(),
                subject=reply_subject(case.subject, case.reference)
                if channel is Channel.EMAIL
                else "",
                author=actor,
                delivery=delivery.value,
                recipient=contact_for(case, channel),
                idempotency_key=key,
                message_id=make_msgid(domain=_from_domain()) if channel is Channel.EMAIL else "",
                created_at=now,
                updated_at=now,
                attempts=1,
            )
            audit(
                case.organisation_id,
                actor,
                "reply.sending",
                f"Sending {a_reply_on(channel)}",
                case=case,
                at=now,
                reply_id=reply.pk,
                delivery=delivery.value,
                findings=list(dict.fromkeys(types)),
                **({"sent_anyway": True} if types else {}),
            )
    except IntegrityError:
        existing = OutboundReply.objects.filter(
            organisation_id=case.organisation_id, idempotency_key=key
        ).first()
        if existing is None or existing.case_id != case.pk:
            raise ReplyRefused(
                "That idempotency key was already used for another reply.", 409
            ) from None
        return SendOutcome(existing, new=False, findings=found)
    return SendOutcome(_attempt(actor, reply), new=True, findings=found)


def refuse_if_closed(case: Case) -> None:
    """A closed case takes no reply: it is re-opened first (Status, Re-opened), as the case's
    life allows, so the reply never goes out on a case the desk counts as finished. A
    resolved case may still be followed up. The status is read afresh: it may have moved
    since the case was loaded."""
    status = Case.objects.filter(pk=case.pk).values_list("status", flat=True).first()
    if status == CaseStatus.CLOSED:
        raise ReplyRefused(
            f"{case.reference} is closed, so no reply goes out on it. If the customer needs "
            "more from us, re-open the case (Status: Re-opened) and then reply.",
            409,
        )


def retry(actor: User, reply: OutboundReply, *, now: datetime | None = None) -> OutboundReply:
    """Send a failed reply again (or one whose sending was cut off). Two retries at once:
    the first sends, the second is refused."""
    check_can_write(actor, reply.case)
    refuse_if_closed(reply.case)
    now = now or timezone.now()
    with transaction.atomic():
        locked = OutboundReply.objects.select_for_update().get(pk=reply.pk)
        stale = (
            locked.status == OutboundReply.Status.DRAFT and locked.updated_at < now - STALE_AFTER
        )
        if locked.status == OutboundReply.Status.SENT:
            raise ReplyRefused("This reply has already been sent.", 409)
        if locked.status != OutboundReply.Status.FAILED and not stale:
            raise ReplyRefused("This reply is being sent right now.", 409)
        locked.status = OutboundReply.Status.DRAFT
        locked.attempts += 1
        locked.updated_at = now
        # The customer may have given an address since the last attempt.
        locked.recipient = contact_for(locked.case, Channel(locked.channel)) or locked.recipient
        locked.delivery = delivery_for(
            Channel(locked.channel),
            webhook_configured=bool(settings.CALMDESK_OUTBOUND_WEBHOOK_URL),
        ).value
        locked.save(update_fields=["status", "attempts", "updated_at", "recipient", "delivery"])
        audit(
            locked.organisation_id,
            actor,
            "reply.retried",
            f"Retrying {a_reply_on(Channel(locked.channel))} (attempt {locked.attempts})",
            case=locked.case,
            at=now,
            reply_id=locked.pk,
        )
    return _attempt(actor, locked)


def _attempt(actor: User, reply: OutboundReply) -> OutboundReply:
    """Deliver outside any transaction (a slow mail server holds no lock), then record."""
    try:
        _deliver(reply)
    except DeliveryFailed as exc:
        return _finish(actor, reply, error=str(exc))
    return _finish(actor, reply, error="")


def _deliver(reply: OutboundReply) -> None:
    delivery = Delivery(reply.delivery)
    if delivery is Delivery.EMAIL:
        _send_email(reply)
    elif delivery is Delivery.WEBHOOK:
        _post_webhook(reply)


def _send_email(reply: OutboundReply) -> None:
    if not reply.recipient:
        raise DeliveryFailed(
            "The customer has no email address on record. Add one under Customer "
            "(record a contact with it), then retry, or reply on another channel."
        )
    thread = list(
        Message.objects.filter(case_id=reply.case_id, channel=Channel.EMAIL.value)
        .exclude(external_id="")
        .order_by("sent_at", "id")
        .values_list("external_id", "direction")
    )
    inbound = [
        mid
        for mid, direction in thread
        if direction == Message.Direction.INBOUND and is_message_id(mid)
    ]
    headers = {"Message-ID": reply.message_id}
    headers |= threading_headers([mid for mid, _ in thread], inbound[-1] if inbound else "")
    email = EmailMessage(
        subject=reply.subject,
        body=reply.text,
        from_email=settings.CALMDESK_EMAIL_FROM,
        to=[reply.recipient],
        headers=headers,
    )
    try:
        email.send(fail_silently=False)
    except (SMTPException, OSError, ValueError) as exc:
        raise DeliveryFailed(f"The mail server did not take the email: {exc}"[:500]) from None


def webhook_payload(reply: OutboundReply) -> dict[str, Any]:
    """What the outbound webhook receives (documented in docs/sending.md)."""
    payload: dict[str, Any] = {
        "reply": reply.pk,
        "idempotency_key": reply.idempotency_key,
        "case": reply.case.reference,
        "channel": reply.channel,
        "public": reply.public,
        "to": reply.recipient,
        "customer": reply.case.customer.name,
        "text": reply.text,
        "attempt": reply.attempts,
    }
    if reply.channel == Channel.SMS.value:
        payload["sms_parts"] = sms_parts(reply.text)
    return payload


def _post_webhook(reply: OutboundReply) -> None:
    url = settings.CALMDESK_OUTBOUND_WEBHOOK_URL
    if not url.startswith(("http://", "https://")):
        raise DeliveryFailed("CALMDESK_OUTBOUND_WEBHOOK_URL must be an http:// or https:// URL.")
    timeout = settings.CALMDESK_OUTBOUND_WEBHOOK_TIMEOUT
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=json.dumps(webhook_payload(reply)).encode(),
        headers={
            "Content-Type": "application/json",
            "Idempotency-Key": reply.idempotency_key,
            "User-Agent": "calmdesk",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read(65_536)
    except urllib.error.HTTPError as exc:
        raise DeliveryFailed(f"The outbound webhook answered {exc.code} {exc.reason}.") from None
    except TimeoutError:
        raise DeliveryFailed(f"The outbound webhook did not answer within {timeout} s.") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise DeliveryFailed(
                f"The outbound webhook did not answer within {timeout} s."
            ) from None
        raise DeliveryFailed(f"The outbound webhook could not be reached: {exc.reason}.") from None
    except OSError as exc:
        raise DeliveryFailed(f"The outbound webhook could not be reached: {exc}.") from None


@transaction.atomic
def _finish(actor: User, reply: OutboundReply, *, error: str) -> OutboundReply:
    reply = OutboundReply.objects.select_for_update().select_related("case").get(pk=reply.pk)
    now = timezone.now()
    reply.updated_at = now
    if error:
        reply.status = OutboundReply.Status.FAILED
        reply.last_error = error[:500]
        reply.save(update_fields=["status", "last_error", "updated_at"])
        audit(
            reply.organisation_id,
            actor,
            "reply.failed",
            f"{_capital(a_reply_on(Channel(reply.channel)))} failed to send: {as_sentence(error)}",
            case=reply.case,
            at=now,
            reply_id=reply.pk,
            attempts=reply.attempts,
        )
        return reply
    try:
        message = record_message(
            actor,
            reply.case,
            channel=reply.channel,
            text=reply.text,
            direction=Message.Direction.OUTBOUND,
            subject=reply.subject,
            sent_at=now,
            external_id=reply.message_id,
            in_reply_to=_replying_to(reply),
            now=now,
        )
    except (IntakeError, NotAllowed) as exc:  # pragma: no cover - checked before sending
        raise ReplyRefused(str(exc)) from exc
    reply.status = OutboundReply.Status.SENT
    reply.last_error = ""
    reply.sent_message = message
    reply.sent_at = now
    reply.save(update_fields=["status", "last_error", "sent_message", "sent_at", "updated_at"])
    _case_after_reply(actor, reply.case, now)
    how = {
        Delivery.EMAIL: f"emailed to {reply.recipient}",
        Delivery.WEBHOOK: "handed to the outbound webhook",
        Delivery.RECORDED: "recorded as sent by the agent",
    }[Delivery(reply.delivery)]
    audit(
        reply.organisation_id,
        actor,
        "reply.sent",
        f"{reply.get_channel_display()} reply {how}",
        case=reply.case,
        at=now,
        reply_id=reply.pk,
        message_id=message.pk,
        attempts=reply.attempts,
    )
    return reply


def _case_after_reply(actor: User, case: Case, now: datetime) -> None:
    """A reply sent means someone is working the case: nobody's case becomes the sender's,
    and a new one moves to In progress (each with its audit entry). The agent sets Waiting on
    customer themselves when the reply asks something of the customer."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.assignee_id is None:
        # A manager outside the team, say, may not take it: it stays for its team.
        with suppress(NotAllowed):
            assign_case(actor, case, actor, now=now)
    if case.status == CaseStatus.NEW:
        change_status(actor, case, CaseStatus.IN_PROGRESS, reason="a reply was sent", now=now)


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


def _replying_to(reply: OutboundReply) -> str:
    if reply.channel != Channel.EMAIL.value:
        return ""
    latest_first = (
        Message.objects.filter(
            case_id=reply.case_id,
            channel=Channel.EMAIL.value,
            direction=Message.Direction.INBOUND,
        )
        .exclude(external_id="")
        .order_by("-sent_at", "-id")
        .values_list("external_id", flat=True)
    )
    return next((mid for mid in latest_first.iterator() if is_message_id(mid)), "")


def replies_visible_to(user: User) -> Any:
    from calmdesk.cases.access import cases_visible_to

    return OutboundReply.objects.filter(case__in=cases_visible_to(user)).select_related("case")
