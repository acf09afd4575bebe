"""Sending replies in the REST API (C4 2.8; C1 1.4, 2.6, 3.4).

POST /api/cases/{reference}/replies sends a reply (201; the same idempotency key again
answers 200 with the first reply and sends nothing); POST /api/replies/{id}/retry sends a
failed one again. A reply that failed to go out is still created (status "failed", with
`last_error`) and kept for retry.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AwareDatetime

from calmdesk.api.auth import caller
from calmdesk.api.replies import FindingOut
from calmdesk.cases.access import get_case_by_reference_for
from calmdesk.cases.api import WRITE_ERRORS
from calmdesk.core.channels import Channel
from calmdesk.core.sending import MAX_REPLY_CHARS, sms_parts
from calmdesk.outbound import services
from calmdesk.outbound.forms import new_key
from calmdesk.outbound.models import OutboundReply

router = Router(tags=["replies"])


class ReplyIn(Schema):
    text: str = Field(max_length=MAX_REPLY_CHARS + 1_000)
    channel: Channel | None = Field(
        None, description="Defaults to the channel the customer last wrote on."
    )
    public: bool | None = Field(
        None,
        description="A public social-media reply (the default on social media); false for a "
        "private message. Ignored on other channels.",
    )
    send_anyway: bool = Field(
        False,
        description="Send even though the checker has findings (409 without it). A promise "
        "above your authority or personal data in a public reply is never sent (400).",
    )
    idempotency_key: str | None = Field(
        None,
        max_length=64,
        description="Send the same key again and the reply is not sent twice.",
    )


class ReplyOut(Schema):
    id: int
    case: str
    channel: str
    public: bool
    status: str = Field(description="sent, failed (kept for retry) or draft (being sent).")
    delivery: str = Field(description="email, webhook or recorded (sent by the agent).")
    recipient: str
    subject: str
    text: str
    attempts: int
    last_error: str
    message_id: str = Field(description="The email's Message-ID (email replies only).")
    sent_message: int | None = Field(description="The message recorded on the case.")
    sms_parts: int | None
    idempotency_key: str
    author: str
    created_at: AwareDatetime
    sent_at: AwareDatetime | None
    findings: list[FindingOut] = []

    @staticmethod
    def of(reply: OutboundReply, findings: list[FindingOut] | None = None) -> ReplyOut:
        return ReplyOut(
            id=reply.pk,
            case=reply.case.reference,
            channel=reply.channel,
            public=reply.public,
            status=reply.status,
            delivery=reply.delivery,
            recipient=reply.recipient,
            subject=reply.subject,
            text=reply.text,
            attempts=reply.attempts,
            last_error=reply.last_error,
            message_id=reply.message_id,
            sent_message=reply.sent_message_id,
            sms_parts=len(sms_parts(reply.text)) if reply.channel == Channel.SMS else None,
            idempotency_key=reply.idempotency_key,
            author=reply.author.username if reply.author else "",
            created_at=reply.created_at,
            sent_at=reply.sent_at,
            findings=findings or [],
        )


@router.post(
    "/cases/{reference}/replies",
    response={201: ReplyOut, 200: ReplyOut, **WRITE_ERRORS},
    summary="Send a reply",
)
def send_reply(request: HttpRequest, reference: str, payload: ReplyIn) -> Status[ReplyOut]:
    """Check the reply, then send it: email through the mail backend, threaded; other
    channels to the outbound webhook or recorded as sent. `findings` are the checker's on
    the text sent. A failed send answers 201 with status "failed" and is kept for retry.
    Refused: a closed case (409); a promise above the caller's authority or personal data in
    a public reply (400); any other finding unless `send_anyway` (409)."""
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    channel = payload.channel or Channel(services.default_channel(case))
    try:
        outcome = services.send_reply(
            user,
            case,
            channel=channel,
            text=payload.text,
            key=payload.idempotency_key or new_key(),
            public=payload.public,
            confirmed=True if payload.send_anyway else (),
        )
    except services.NeedsConfirmation as exc:
        raise HttpError(
            exc.status, f"{exc} To send it as it is, send it again with send_anyway: true."
        ) from None
    except services.ReplyRefused as exc:
        raise HttpError(exc.status, str(exc)) from None
    findings = [FindingOut(**shown.finding.as_dict()) for shown in outcome.findings]
    return Status(201 if outcome.new else 200, ReplyOut.of(outcome.reply, findings))


@router.post(
    "/replies/{reply_id}/retry",
    response={200: ReplyOut, **WRITE_ERRORS},
    summary="Retry a failed reply",
)
def retry_reply(request: HttpRequest, reply_id: int) -> ReplyOut:
    """Send a failed reply again; 409 when it has been sent or is being sent."""
    user = caller(request)
    reply = services.replies_visible_to(user).filter(pk=reply_id).first()
    if reply is None:
        raise Http404("No such reply.")
    try:
        return ReplyOut.of(services.retry(user, reply))
    except services.ReplyRefused as exc:
        raise HttpError(exc.status, str(exc)) from None
