"""What may be sent, and what sending does to the case (issue 5 audit): promises above the
sender's authority and personal details in public are refused; other findings need the
sender's "Send anyway"; placeholders and overlong text are refused with the reason; a reply
on a new case moves it on and gives it to the sender; a closed case takes no reply."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail

from calmdesk.cases.models import AuditEntry, Case
from calmdesk.cases.services import change_status, open_case
from calmdesk.core.channels import Channel
from calmdesk.core.sending import reply_problem
from calmdesk.outbound import services
from calmdesk.outbound.models import OutboundReply

HTMX = {"HX-Request": "true"}
# Says sorry and names the next step: no findings for a calm customer.
CLEAN = "I'm sorry about the kettle. I'll post a new one today and ring you on Friday."
# A promise Alice (refunds up to £50) may not make on her own.
TOO_MUCH = "I'm sorry about the kettle. I will refund you £90 today and ring you on Friday."
# Where the customer lives and how to reach them, in a post everyone can read.
PERSONAL = (
    "Sorry about this. We will send a new kettle to 14 Mill Lane, Leeds LS1 4AB and ring "
    "you on 07700 900456 on Friday."
)


def _data(text, channel="email", key="k-1", **extra):
    return {"reply-channel": channel, "reply-text": text, "reply-key": key, **extra}


@pytest.fixture
def social_case(alice, customer):
    return open_case(
        alice,
        alice.organisation,
        customer=customer,
        channel="social_media",
        text="@brightside my kettle keeps switching off, not happy",
    )


def _finding_types(alice, case, text, channel="email", public=False):
    from calmdesk.core.channels import Channel
    from calmdesk.outbound.checking import findings_for

    return [s.finding.type for s in findings_for(alice, case, text, Channel(channel), public)]


# --- blocking findings (audit item 2) ---


def test_a_promise_above_authority_is_never_sent(alice, bob, case, policy):
    assert "above_authority" in _finding_types(alice, case, TOO_MUCH)
    with pytest.raises(services.ReplyRefused) as refused:
        services.send_reply(alice, case, channel="sms", text=TOO_MUCH, key="a", confirmed=True)
    assert refused.value.status == 400
    assert "Ask a team leader to approve it, or escalate the case" in str(refused.value)
    assert "(“I will refund you £90 today" in str(refused.value)
    assert not OutboundReply.objects.exists()
    # Within a team leader's authority, the same promise goes out.
    outcome = services.send_reply(bob, case, channel="sms", text=TOO_MUCH, key="b")
    assert outcome.reply.status == "sent"


def test_a_promise_above_authority_is_refused_in_the_reply_box(alice, case, policy, client):
    client.force_login(alice)
    response = client.post(
        f"/replies/cases/{case.pk}/send/",
        _data(TOO_MUCH, channel="sms", **{"reply-confirmed": "above_authority"}),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "escalate the case" in body
    assert 'id="reply-send-anyway"' not in body  # no way round it in the box
    assert not OutboundReply.objects.exists()


def test_personal_details_in_a_public_reply_are_never_sent(alice, social_case):
    with pytest.raises(services.ReplyRefused) as refused:
        services.send_reply(
            alice, social_case, channel="social_media", text=PERSONAL, key="p", confirmed=True
        )
    assert "Move these details to a private message" in str(refused.value)
    assert not OutboundReply.objects.exists()
    # The same words as a private message go out.
    outcome = services.send_reply(
        alice, social_case, channel="social_media", text=PERSONAL, key="q", public=False
    )
    assert outcome.reply.status == "sent"
    assert outcome.reply.public is False


def test_the_api_refuses_public_personal_details_even_sent_anyway(alice, social_case, api):
    response = api(alice).post(
        f"/api/cases/{social_case.reference}/replies",
        {"text": PERSONAL, "channel": "social_media", "send_anyway": True},
    )
    assert response.status_code == 400
    assert "private message" in response.json()["detail"]
    assert not OutboundReply.objects.exists()


# --- advisory findings need "Send anyway" (audit item 2) ---


def test_a_reply_with_findings_asks_for_send_anyway_then_sends(alice, email_case, client):
    text = "Calm down. I'll post a new kettle today and ring you on Friday."
    client.force_login(alice)
    # A reply without findings goes at once.
    clean = client.post(f"/replies/cases/{email_case.pk}/send/", _data(CLEAN, key="clean"))
    assert clean.status_code == 302
    entry = AuditEntry.objects.get(case=email_case, action="reply.sending")
    assert entry.detail["findings"] == []
    assert "sent_anyway" not in entry.detail
    mail.outbox.clear()
    first = client.post(f"/replies/cases/{email_case.pk}/send/", _data(text), headers=HTMX)
    assert first.status_code == 400
    body = first.content.decode()
    assert "Send this reply as it is?" in body
    button = body.split('id="reply-send-anyway"')[0].rsplit("<button", 1)[1]
    assert 'name="reply-confirmed"' in button
    assert 'value="provoking"' in button
    assert text.replace("'", "&#x27;") in body  # the reply is kept in the box
    assert OutboundReply.objects.count() == 1
    assert not mail.outbox
    second = client.post(
        f"/replies/cases/{email_case.pk}/send/",
        _data(text, **{"reply-confirmed": "provoking"}),
    )
    assert second.status_code == 302
    assert len(mail.outbox) == 1
    entry = AuditEntry.objects.filter(case=email_case, action="reply.sending").last()
    assert entry.detail["findings"] == ["provoking"]
    assert entry.detail["sent_anyway"] is True


def test_a_confirmation_covers_only_the_findings_it_was_given_for(alice, email_case):
    text = "Calm down. I'll post a new kettle today and ring you on Friday."
    with pytest.raises(services.NeedsConfirmation) as asked:
        services.send_reply(
            alice, email_case, channel="email", text=text, key="c", confirmed={"jargon"}
        )
    assert asked.value.types == ["provoking"]
    assert asked.value.status == 409


# --- placeholders (audit item 4) ---


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Sorry for the wait. I'll [next action] and update you by Friday.", "[next action]"),
        ("Sorry for the wait. I'll ring you by [day and time].", "[day and time]"),
        (
            "Sorry. [the same in plain words…] I'll ring you on Friday.",
            "[the same in plain words…]",
        ),
    ],
)
def test_an_unfilled_placeholder_is_refused_by_name(alice, email_case, client, text, named):
    assert named in (reply_problem(text, Channel.EMAIL) or "")
    client.force_login(alice)
    response = client.post(
        f"/replies/cases/{email_case.pk}/send/", _data(text, **{"reply-confirmed": "x"})
    )
    assert response.status_code == 400
    assert f"Fill in “{named}” before sending" in response.content.decode()
    assert not OutboundReply.objects.exists()


def test_the_added_next_step_must_be_filled_in_before_sending(alice, email_case, client):
    """The one-click "Add this sentence" leaves placeholders; sending them is refused."""
    text = "We have looked into the kettle."
    client.force_login(alice)
    improved = client.post(
        f"/replies/cases/{email_case.pk}/improve/",
        _data(text, apply=f"no_next_step:{len(text)}:{len(text)}"),
    ).content.decode()
    assert "Not ready to send:" in improved  # said live, before the agent tries
    sent = "We have looked into the kettle. I'll [next action] and update you by [day and time]."
    with pytest.raises(services.ReplyRefused, match=r"“\[next action\]” and “\[day and time\]”"):
        services.send_reply(alice, email_case, channel="email", text=sent, key="ph", confirmed=True)


# --- one limit, said live (audit item 5) ---


def test_a_long_paste_is_not_cut_and_the_check_says_it_is_too_long(alice, email_case, client):
    client.force_login(alice)
    page = client.get(f"/cases/{email_case.pk}/").content.decode()
    textarea = page.split('name="reply-text"')[1].split(">")[0]
    assert "maxlength" not in textarea  # a paste is never silently cut
    assert "At most 10,000 characters." in page
    live = client.post(
        f"/replies/cases/{email_case.pk}/check/", _data("word " * 6_000), headers=HTMX
    ).content.decode()
    assert "Not ready to send:" in live
    assert (
        "30,000 characters long; the most calmdesk sends is 10,000. Shorten it by 20,000." in live
    )
    sent = client.post(f"/replies/cases/{email_case.pk}/send/", _data("word " * 6_000))
    assert sent.status_code == 400
    body = sent.content.decode()
    assert "30,000 characters long" in body
    assert "11,000" not in body
    assert "11000" not in body
    assert not OutboundReply.objects.exists()


# --- the case after a reply (audit item 6) ---


def test_a_reply_on_a_new_unassigned_case_moves_it_on_and_gives_it_to_the_sender(
    alice, bob, carol, customer, monkeypatch
):
    case = open_case(
        carol,
        carol.organisation,
        customer=customer,
        channel="email",
        text="My kettle switches itself off.",
    )
    assert (case.status, case.assignee) == ("new", None)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "Connection refused")

    # A reply that did not go out changes nothing on the case.
    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        failed = services.send_reply(
            alice, case, channel="email", text=CLEAN, key="n", confirmed=True
        ).reply
    assert failed.status == "failed"
    case.refresh_from_db()
    assert (case.status, case.assignee) == ("new", None)
    # Sent, it moves the case on and gives it to the sender, each in the history.
    assert services.retry(alice, failed).status == "sent"
    case.refresh_from_db()
    assert case.status == "in_progress"
    assert case.assignee == alice
    actions = list(AuditEntry.objects.filter(case=case).values_list("action", flat=True))
    assert "case.assigned" in actions
    assert "case.status_changed" in actions
    # A case someone has stays theirs, and a status the agent chose stays.
    change_status(bob, case, "waiting_customer")
    services.send_reply(bob, case, channel="email", text=CLEAN, key="w", confirmed=True)
    case.refresh_from_db()
    assert (case.status, case.assignee) == ("waiting_customer", alice)


def test_a_closed_case_takes_no_reply_until_it_is_re_opened(alice, case, client):
    change_status(alice, case, "resolved")
    # A resolved case may be followed up, and stays resolved.
    services.send_reply(alice, case, channel="sms", text=CLEAN, key="r", confirmed=True)
    assert Case.objects.get(pk=case.pk).status == "resolved"
    change_status(alice, case, "closed", reason="no answer after a week")
    with pytest.raises(services.ReplyRefused, match="re-open the case") as refused:
        services.send_reply(alice, case, channel="sms", text=CLEAN, key="x", confirmed=True)
    assert refused.value.status == 409
    client.force_login(alice)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="reply-closed"' in page
    assert 'id="reply-send"' not in page
    response = client.post(f"/replies/cases/{case.pk}/send/", _data(CLEAN, channel="sms"))
    assert response.status_code == 400
    assert "is closed, so no reply goes out on it" in response.content.decode()
    assert OutboundReply.objects.count() == 1  # the follow-up only
    change_status(alice, case, "reopened")
    again = services.send_reply(alice, case, channel="sms", text=CLEAN, key="y", confirmed=True)
    assert again.reply.status == "sent"
    assert Case.objects.get(pk=case.pk).status == "reopened"


def test_a_failed_reply_is_not_retried_on_a_closed_case(alice, case, settings):
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = "http://127.0.0.1:9/nowhere"
    reply = services.send_reply(alice, case, channel="sms", text=CLEAN, key="z").reply
    assert reply.status == "failed"
    change_status(alice, case, "resolved")
    change_status(alice, case, "closed", reason="no answer after a week")
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = ""
    with pytest.raises(services.ReplyRefused, match="closed"):
        services.retry(alice, reply)


# --- wording (audit item 7) ---


def test_a_unicode_sms_counts_67_a_part(alice, case, client):
    client.force_login(alice)
    body = client.post(
        f"/replies/cases/{case.pk}/check/", _data("é" + "😀" * 80, channel="sms"), headers=HTMX
    ).content.decode()
    assert "As an SMS: 2 parts (67, 14 characters, at most 67 a part)" in body
    one = client.post(
        f"/replies/cases/{case.pk}/check/", _data("Sorry 😀", channel="sms"), headers=HTMX
    ).content.decode()
    assert "(7 characters of 70)" in one


def test_a_failed_email_reads_as_sentences(alice, email_case, client, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    client.force_login(alice)
    client.post(f"/replies/cases/{email_case.pk}/send/", _data(CLEAN))
    page = client.get(f"/cases/{email_case.pk}/").content.decode()
    assert "Connection refused. It is kept on the case" in page
    entry = AuditEntry.objects.get(case=email_case, action="reply.failed")
    assert entry.summary.startswith("An email reply failed to send: ")
    assert entry.summary.endswith("Connection refused.")
    sending = AuditEntry.objects.get(case=email_case, action="reply.sending")
    assert sending.summary == "Sending an email reply"


def test_better_wordings_are_quoted_without_stray_spaces(alice, email_case, client):
    client.force_login(alice)
    body = client.post(
        f"/replies/cases/{email_case.pk}/check/",
        _data("We have looked into the kettle."),
        headers=HTMX,
    ).content.decode()
    assert "Better: “I&#x27;ll" in body
    assert "Better: “ " not in body
    assert " ”" not in body
