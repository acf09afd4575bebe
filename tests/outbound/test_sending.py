"""Sending replies: email with the right headers, threading, the webhook, failures kept for
retry, no double sending, the audit trail (C4 2.8; C1 1.4, 2.6, 3.4)."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from calmdesk.cases.models import AuditEntry, ContactPoint, Message
from calmdesk.cases.services import (
    ContactDetails,
    find_or_create_customer,
    open_case,
    record_message,
)
from calmdesk.core.roles import NotAllowed
from calmdesk.outbound import services
from calmdesk.outbound.models import OutboundReply
from tests.outbound.conftest import Receiver

REPLY = "I'm sorry the kettle keeps switching off. I'll send a replacement today."


def _send(user, case, text=REPLY, channel="email", key="k1", **kwargs):
    """Send, the findings confirmed: these tests are about how a reply goes out."""
    kwargs.setdefault("confirmed", True)
    return services.send_reply(user, case, channel=channel, text=text, key=key, **kwargs)


def test_an_email_reply_goes_out_threaded_and_is_recorded(alice, email_case, settings):
    settings.CALMDESK_EMAIL_FROM = "Brightside Care <care@brightside.example>"
    outcome = _send(alice, email_case)
    reply = outcome.reply
    assert outcome.new
    assert reply.status == "sent"
    assert reply.delivery == "email"
    [email] = mail.outbox
    assert email.to == ["priya@example.com"]
    assert email.from_email == "Brightside Care <care@brightside.example>"
    assert email.subject == f"Re: Kettle switches itself off [{email_case.reference}]"
    assert email.body == REPLY
    assert email.extra_headers["Message-ID"] == reply.message_id
    assert reply.message_id.endswith("@brightside.example>")
    # Threaded with the customer's last email, the whole thread in References.
    assert email.extra_headers["In-Reply-To"] == "<second@customer.example>"
    assert email.extra_headers["References"] == (
        "<first@customer.example> <our-answer@calmdesk.example> <second@customer.example>"
    )
    message = email.message()
    assert message["In-Reply-To"] == "<second@customer.example>"
    assert message["Message-ID"] == reply.message_id
    # Recorded on the case as an outbound message with the Message-ID we made.
    sent = reply.sent_message
    assert sent.direction == Message.Direction.OUTBOUND
    assert sent.channel == "email"
    assert sent.external_id == reply.message_id
    assert sent.in_reply_to == "<second@customer.example>"
    assert sent.author == alice
    assert sent.text == REPLY
    assert sent.subject == email.subject
    actions = list(
        AuditEntry.objects.filter(case=email_case, action__startswith="reply.").values_list(
            "action", flat=True
        )
    )
    assert actions == ["reply.sending", "reply.sent"]


def test_a_stored_id_that_is_not_a_message_id_stays_out_of_the_headers(alice, email_case):
    """An import may store any id (a ticket number, a line break in a bad file): the reply
    still goes out, threaded with the customer's last real Message-ID."""
    record_message(
        None,
        email_case,
        channel="email",
        direction="inbound",
        text="Any news on the kettle?",
        external_id="ticket 17\nBcc: someone@elsewhere.example",
        sent_at=timezone.now() - timedelta(minutes=5),
    )
    reply = _send(alice, email_case).reply
    assert reply.status == "sent"
    [email] = mail.outbox
    assert email.extra_headers["In-Reply-To"] == "<second@customer.example>"
    assert "ticket" not in email.extra_headers["References"]
    assert "Bcc" not in str(email.message())
    assert reply.sent_message.in_reply_to == "<second@customer.example>"


def test_a_reply_to_a_case_without_emails_has_no_threading_headers(alice, case):
    reply = _send(alice, case).reply
    assert reply.status == "sent"
    [email] = mail.outbox
    assert "In-Reply-To" not in email.extra_headers
    assert "References" not in email.extra_headers
    assert email.subject.startswith("Re: Customer rang")


def test_the_same_key_sends_once(alice, email_case):
    first = _send(alice, email_case, key="same")
    second = _send(alice, email_case, key="same", text="A different text")
    assert first.new
    assert not second.new
    assert second.reply.pk == first.reply.pk
    assert len(mail.outbox) == 1
    assert Message.objects.filter(case=email_case, direction="outbound").count() == 2  # 1 before


def test_a_key_used_on_another_case_is_refused(alice, email_case, case):
    _send(alice, email_case, key="shared")
    with pytest.raises(services.ReplyRefused, match="already used") as refused:
        _send(alice, case, key="shared")
    assert refused.value.status == 409


def test_no_email_address_fails_and_is_kept_then_retried(alice, org, settings):
    no_email = find_or_create_customer(org, ContactDetails(name="Sam Cole", phone="07700 900999"))
    case = open_case(alice, org, customer=no_email, channel="telephone", text="Rang about a fan.")
    reply = _send(alice, case).reply
    assert reply.status == "failed"
    assert reply.attempts == 1
    assert "no email address" in reply.last_error
    assert reply.sent_message is None
    assert not mail.outbox
    assert not Message.objects.filter(case=case, direction="outbound").exists()
    assert AuditEntry.objects.filter(case=case, action="reply.failed").exists()
    # The customer gives an address; the retry sends to it.
    ContactPoint.objects.create(
        organisation=org, customer=no_email, kind="email", value="sam@example.com"
    )
    reply = services.retry(alice, reply)
    assert reply.status == "sent"
    assert reply.attempts == 2
    assert reply.last_error == ""
    assert mail.outbox[0].to == ["sam@example.com"]
    assert OutboundReply.objects.count() == 1


def test_an_smtp_error_is_kept_for_retry(alice, email_case, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"priya@example.com": (550, b"mailbox unavailable")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    reply = _send(alice, email_case).reply
    assert reply.status == "failed"
    assert reply.last_error.startswith("The mail server did not take the email")
    assert not Message.objects.filter(external_id=reply.message_id).exists()
    monkeypatch.undo()
    reply = services.retry(alice, reply)
    assert reply.status == "sent"
    # The retry keeps the same Message-ID, so the customer's mail client threads it the same.
    assert mail.outbox[0].extra_headers["Message-ID"] == reply.message_id
    assert reply.sent_message.external_id == reply.message_id


def test_a_sent_reply_cannot_be_retried(alice, email_case):
    reply = _send(alice, email_case).reply
    with pytest.raises(services.ReplyRefused, match="already been sent"):
        services.retry(alice, reply)
    assert len(mail.outbox) == 1


def test_other_channels_are_recorded_as_sent_without_a_webhook(alice, case, settings):
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = ""
    reply = _send(alice, case, channel="sms", text="Your replacement kettle comes on Friday.").reply
    assert reply.status == "sent"
    assert reply.delivery == "recorded"
    assert reply.recipient == "07700 900123"
    assert reply.sent_message.channel == "sms"
    assert reply.sent_message.external_id == ""
    assert not mail.outbox


def test_the_webhook_receives_the_reply(alice, case, webhook):
    text = "Your replacement kettle comes on Friday. " * 5
    reply = _send(alice, case, channel="sms", text=text.strip(), key="hook-1").reply
    assert reply.status == "sent"
    assert reply.delivery == "webhook"
    [(headers, body)] = webhook.received
    assert headers["Content-Type"] == "application/json"
    assert headers["Idempotency-Key"] == "hook-1"
    assert body["case"] == case.reference
    assert body["channel"] == "sms"
    assert body["to"] == "07700 900123"
    assert body["text"] == text.strip()
    assert [len(part) for part in body["sms_parts"]] == [153, 51]
    assert AuditEntry.objects.get(action="reply.sent").summary == (
        "SMS reply handed to the outbound webhook"
    )


def test_spoken_replies_never_go_to_the_webhook(alice, case, webhook):
    reply = _send(alice, case, channel="telephone", text="Said: a new kettle comes Friday.").reply
    assert reply.delivery == "recorded"
    assert reply.status == "sent"
    assert webhook.received == []


def test_a_webhook_error_is_kept_for_retry(alice, case, webhook):
    webhook.status = 503
    reply = _send(
        alice, case, channel="letter", text="A letter about your kettle, sent today."
    ).reply
    assert reply.status == "failed"
    assert reply.last_error == "The outbound webhook answered 503 Service Unavailable."
    assert reply.sent_message is None
    webhook.status = 200
    reply = services.retry(alice, reply)
    assert reply.status == "sent"
    assert reply.attempts == 2
    assert [body["attempt"] for _, body in webhook.received] == [1, 2]


def test_a_webhook_that_does_not_answer_in_time_fails(alice, case, settings):
    slow = Receiver(delay=2.0)
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = slow.url
    settings.CALMDESK_OUTBOUND_WEBHOOK_TIMEOUT = 0.3
    try:
        reply = _send(alice, case, channel="sms", text="Short SMS.").reply
    finally:
        slow.close()
    assert reply.status == "failed"
    assert reply.last_error == "The outbound webhook did not answer within 0.3 s."


def test_an_unreachable_webhook_fails(alice, case, settings):
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = "http://127.0.0.1:9/nowhere"
    reply = _send(alice, case, channel="sms", text="Short SMS.").reply
    assert reply.status == "failed"
    assert reply.last_error.startswith("The outbound webhook could not be reached")


def test_a_webhook_url_that_is_not_http_is_refused_at_send(alice, case, settings):
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = "file:///etc/passwd"
    reply = _send(alice, case, channel="sms", text="Short SMS.").reply
    assert reply.status == "failed"
    assert "http://" in reply.last_error


@pytest.mark.parametrize(
    ("text", "channel", "words"),
    [
        ("   ", "email", "empty"),
        ("x" * 10_001, "email", "10,001 characters"),
        ("a" * 1_000, "sms", "7 parts"),
    ],
)
def test_empty_and_oversized_replies_are_refused(alice, case, text, channel, words):
    with pytest.raises(services.ReplyRefused, match=words):
        _send(alice, case, text=text, channel=channel)
    assert not OutboundReply.objects.exists()
    assert not mail.outbox


def test_a_trainer_cannot_send(dan, case):
    with pytest.raises(NotAllowed):
        _send(dan, case)
    assert not OutboundReply.objects.exists()


def test_an_agent_of_another_team_cannot_send(alice, returns_case):
    with pytest.raises(NotAllowed):
        _send(alice, returns_case)


def test_a_retry_by_someone_who_may_not_write_is_refused(alice, dan, org, settings):
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = "http://127.0.0.1:9/nowhere"
    case = open_case(alice, org, customer=alice_customer(org), channel="sms", text="Hi there")
    reply = _send(alice, case, channel="sms", text="Short SMS.").reply
    with pytest.raises(NotAllowed):
        services.retry(dan, reply)


def alice_customer(org):
    return find_or_create_customer(org, ContactDetails(name="Lee", phone="07700 900111"))


def test_a_reply_cut_off_mid_send_can_be_retried_after_a_while(alice, case, settings):
    reply = _send(alice, case, channel="sms", text="Short SMS.").reply
    OutboundReply.objects.filter(pk=reply.pk).update(status="draft", sent_message=None)
    reply.refresh_from_db()
    with pytest.raises(services.ReplyRefused, match="being sent"):
        services.retry(alice, reply)
    from django.utils import timezone

    later = timezone.now() + services.STALE_AFTER * 2
    assert services.retry(alice, reply, now=later).status == "sent"
