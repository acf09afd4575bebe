"""The reply box on the case page: live checking, better wording, sending and retry, with
HTMX and without JavaScript (C4 2.4, 2.8, 3.6-3.7; C1 1.4, 3.4, 3.8)."""

from __future__ import annotations

from django.core import mail

from calmdesk.cases.models import Message
from calmdesk.outbound.models import OutboundReply

# Two digs in two sentences: two findings (one in one sentence is one dig, one finding).
PROVOKING = "Calm down. As I already said, the engineer comes on Friday."
HTMX = {"HX-Request": "true"}


def _data(text, channel="email", key="key-1", **extra):
    return {"reply-channel": channel, "reply-text": text, "reply-key": key, **extra}


def test_the_case_page_has_the_reply_box_for_writers(alice, email_case, client):
    client.force_login(alice)
    page = client.get(f"/cases/{email_case.pk}/").content.decode()
    assert 'id="reply-heading">Reply</h2>' in page
    assert 'for="id_reply-text"' in page
    assert 'for="id_reply-channel"' in page
    # The live check: on input (typing or pasting) with a delay, never again on leaving the
    # box, swapping only the inside of the findings region, which keeps its aria-live.
    assert f'hx-post="/replies/cases/{email_case.pk}/check/"' in page
    assert 'hx-trigger="input changed delay:400ms"' in page
    assert 'hx-trigger="keyup' not in page
    assert ", change" not in page
    assert 'hx-target="#reply-findings" hx-swap="innerHTML"' in page
    assert 'hx-swap="outerHTML" hx-sync' not in page
    assert '<div id="reply-findings" class="ob-findings" aria-live="polite">' in page
    # The customer last wrote by email, so the reply goes by email.
    assert '<option value="email" selected>' in page
    assert 'name="reply-key"' in page
    assert "outbound.css" in page


def test_a_trainer_sees_no_reply_box(dan, email_case, client):
    client.force_login(dan)
    page = client.get(f"/cases/{email_case.pk}/").content.decode()
    assert 'id="reply-heading"' not in page


def test_htmx_check_returns_only_the_findings(alice, email_case, client):
    client.force_login(alice)
    response = client.post(f"/replies/cases/{email_case.pk}/check/", _data(PROVOKING), headers=HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    # The inside of the region only: the region and its aria-live stay on the page.
    assert body.strip().startswith('<h3 id="findings-heading">')
    assert 'id="reply-findings"' not in body
    assert "<html" not in body
    assert "Provoking words" in body
    assert "<mark>Calm down</mark>" in body
    assert "Telling an upset customer to calm down" in body  # why it matters
    assert "(C1 3.8)" in body
    assert "Use better wording" in body
    assert 'value="provoking:0:9"' in body


def test_a_missing_part_is_offered_as_a_sentence_to_add(alice, email_case, client):
    """A missing part has no words to replace: its button says what it does, for screen
    readers too, instead of "Use better wording for “”"."""
    client.force_login(alice)
    response = client.post(
        f"/replies/cases/{email_case.pk}/check/",
        _data("We have looked into the kettle."),
        headers=HTMX,
    )
    body = response.content.decode()
    assert "No next step" in body
    assert 'Add this sentence<span class="visually-hidden"> (no next step)</span>' in body
    assert "for “”" not in body


def test_adding_the_suggested_sentence_completes_the_reply(alice, email_case, client):
    client.force_login(alice)
    text = "We have looked into the kettle."
    response = client.post(
        f"/replies/cases/{email_case.pk}/improve/",
        _data(text, apply=f"no_next_step:{len(text)}:{len(text)}"),
        headers=HTMX,
    )
    body = response.content.decode()
    box = body[body.index('hx-trigger="input') :].split("</textarea>")[0]
    box = box[box.index('hx-sync="closest form:abort">') :]
    assert box.startswith(f'hx-sync="closest form:abort">{text} I&#x27;ll ')
    assert box.endswith("update you by [day and time].")


def test_check_without_javascript_shows_the_page_with_findings(alice, email_case, client):
    client.force_login(alice)
    response = client.post(f"/replies/cases/{email_case.pk}/check/", _data(PROVOKING))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" in body
    assert "Check your reply on" in body
    assert "<mark>Calm down</mark>" in body
    assert PROVOKING in body  # the text is kept in the box


def test_a_good_reply_has_no_findings(alice, case, client):
    client.force_login(alice)
    text = "Thank you for waiting. I'll send a replacement kettle and call you on Friday by 5pm."
    body = client.post(f"/replies/cases/{case.pk}/check/", _data(text), headers=HTMX)
    assert "No findings" in body.content.decode()


def test_use_better_wording_replaces_the_span(alice, email_case, client):
    client.force_login(alice)
    response = client.post(
        f"/replies/cases/{email_case.pk}/improve/",
        _data(PROVOKING, apply="provoking:0:9"),
        headers=HTMX,
    )
    body = response.content.decode()
    assert body.strip().startswith('<div id="reply-box"')
    assert (
        "I can hear how frustrating this is, and I want to sort it out. As I already said" in body
    )
    assert "<mark>Calm down</mark>" not in body
    assert "<mark>As I already said</mark>" in body  # the other finding is still there


def test_use_better_wording_works_without_javascript(alice, email_case, client):
    client.force_login(alice)
    response = client.post(
        f"/replies/cases/{email_case.pk}/improve/", _data(PROVOKING, apply="provoking:11:28")
    )
    body = response.content.decode()
    assert "<html" in body
    assert "Calm down. To recap, the engineer comes on Friday." in body


def test_a_stale_better_wording_changes_nothing(alice, email_case, client):
    client.force_login(alice)
    body = client.post(
        f"/replies/cases/{email_case.pk}/improve/",
        _data(PROVOKING, apply="provoking:3:7"),
        headers=HTMX,
    ).content.decode()
    assert PROVOKING in body
    assert "That finding has changed" in body


def test_sending_redirects_to_the_case_with_the_reply_in_the_timeline(alice, email_case, client):
    client.force_login(alice)
    text = "I'm sorry about the kettle. I'll send a replacement and call you on Friday."
    response = client.post(f"/replies/cases/{email_case.pk}/send/", _data(text))
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{email_case.pk}/"
    page = client.get(f"/cases/{email_case.pk}/").content.decode()
    assert "Reply emailed to priya@example.com." in page
    assert text.replace("'", "&#x27;") in page
    assert len(mail.outbox) == 1


def test_double_submission_sends_once(alice, email_case, client):
    client.force_login(alice)
    text = "I'll send a replacement and call you on Friday."
    client.post(f"/replies/cases/{email_case.pk}/send/", _data(text, key="twice"))
    client.post(f"/replies/cases/{email_case.pk}/send/", _data(text, key="twice"))
    assert len(mail.outbox) == 1
    assert OutboundReply.objects.count() == 1
    page = client.get(f"/cases/{email_case.pk}/").content.decode()
    assert "already sent once" in page


def test_an_empty_reply_is_refused_with_the_error_linked_to_the_field(alice, email_case, client):
    client.force_login(alice)
    response = client.post(f"/replies/cases/{email_case.pk}/send/", _data("  "))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Write the reply first: it is empty." in body
    assert 'id="id_reply-text_error"' in body
    assert 'aria-invalid="true"' in body
    assert "id_reply-text_error" in body.split('name="reply-text"')[1].split(">")[0]
    assert not OutboundReply.objects.exists()


def test_an_oversized_sms_is_refused_in_place_for_htmx(alice, case, client):
    client.force_login(alice)
    response = client.post(
        f"/replies/cases/{case.pk}/send/", _data("a" * 1_000, channel="sms"), headers=HTMX
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert body.strip().startswith("<link")
    assert '<div id="case"' in body
    assert "7 parts" in body


def test_a_failed_send_is_shown_with_a_retry_button(alice, case, client, settings):
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = "http://127.0.0.1:9/nowhere"
    client.force_login(alice)
    response = client.post(
        f"/replies/cases/{case.pk}/send/", _data("Your kettle comes Friday.", channel="sms")
    )
    assert response.status_code == 302
    reply = OutboundReply.objects.get()
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "The reply was not sent" in page
    assert "Failed, kept for retry" in page
    assert "could not be reached" in page
    assert f'action="/replies/{reply.pk}/retry/"' in page
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = ""
    response = client.post(f"/replies/{reply.pk}/retry/")
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == "sent"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "SMS reply recorded as sent." in page
    assert f'id="reply-{reply.pk}"' not in page
    assert Message.objects.filter(case=case, direction="outbound").count() == 1


def test_a_trainer_cannot_send_or_check(dan, case, client):
    client.force_login(dan)
    assert client.post(f"/replies/cases/{case.pk}/send/", _data("Hello")).status_code == 403
    assert client.post(f"/replies/cases/{case.pk}/check/", _data("Hello")).status_code == 403
    assert not OutboundReply.objects.exists()


def test_another_team_gets_404(frank, case, client, alice):
    client.force_login(frank)
    assert client.post(f"/replies/cases/{case.pk}/send/", _data("Hello")).status_code == 404
    assert client.post(f"/replies/cases/{case.pk}/improve/", _data("Hello")).status_code == 404


def test_retry_of_a_reply_on_another_teams_case_is_404(alice, frank, returns_case, client):
    from calmdesk.outbound import services

    reply = services.send_reply(
        frank, returns_case, channel="sms", text="Hello.", key="frank-1", confirmed=True
    ).reply
    client.force_login(alice)
    assert client.post(f"/replies/{reply.pk}/retry/").status_code == 404


def test_sending_needs_the_csrf_token(alice, email_case):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(f"/replies/cases/{email_case.pk}/send/", _data("Hello there."))
    assert response.status_code == 403
    assert not OutboundReply.objects.exists()


def test_an_sms_shows_its_parts_while_typing(alice, case, client):
    client.force_login(alice)
    body = client.post(
        f"/replies/cases/{case.pk}/check/", _data("a" * 200, channel="sms"), headers=HTMX
    ).content.decode()
    assert "As an SMS: 2 parts (153, 47 characters, at most 153 a part)" in body


def test_start_from_the_draft_fills_the_box_with_the_sms_draft(alice, case, client):
    client.force_login(alice)
    response = client.post(
        f"/replies/cases/{case.pk}/draft/", _data("", channel="sms"), headers=HTMX
    )
    body = response.content.decode()
    assert body.strip().startswith('<div id="reply-box"')
    text = body.split('name="reply-text"')[1].split(">", 1)[1].split("</textarea>")[0]
    assert text.startswith("Hi Priya")
    assert "\n" not in text
    assert "As an SMS:" in body
    assert " autofocus" in body


def test_start_from_the_draft_without_javascript(alice, email_case, client):
    client.force_login(alice)
    body = client.post(f"/replies/cases/{email_case.pk}/draft/", _data("")).content.decode()
    assert "<html" in body
    assert "Dear Priya" in body


def test_the_public_box_is_on_social_media_only_and_starts_ticked(alice, customer, client):
    from calmdesk.cases.services import open_case

    social = open_case(
        alice, alice.organisation, customer=customer, channel="social_media", text="@us help"
    )
    client.force_login(alice)
    page = client.get(f"/cases/{social.pk}/").content.decode()
    box = page.split('<input type="checkbox" name="reply-public"')[1].split(">")[0]
    assert "checked" in box
    assert 'name="reply-public_shown"' in page
    # Address and phone in a public reply: found at once, with the box as it starts.
    text = "Sorry. We will ring you on 07700 900456 and post it to 14 Mill Lane, LS1 4AB."
    data = _data(text, channel="social_media", **{"reply-public": "on", "reply-public_shown": "1"})
    body = client.post(f"/replies/cases/{social.pk}/check/", data, headers=HTMX).content.decode()
    assert "Personal data in public" in body
    assert "must be changed before it can be sent" in body
    # A box the agent never saw (the channel was just chosen) counts as public too.
    body = client.post(
        f"/replies/cases/{social.pk}/check/", _data(text, channel="social_media"), headers=HTMX
    ).content.decode()
    assert "Personal data in public" in body
    # Unticked: a private message.
    unticked = _data(text, channel="social_media", **{"reply-public_shown": "1"})
    body = client.post(
        f"/replies/cases/{social.pk}/check/", unticked, headers=HTMX
    ).content.decode()
    assert "Personal data in public" not in body


def test_choosing_a_channel_checks_again_and_brings_the_public_box(alice, email_case, client):
    client.force_login(alice)
    page = client.get(f"/cases/{email_case.pk}/").content.decode()
    assert 'id="id_reply-public"' not in page  # email: no Public box
    assert '<div id="reply-public-field">' in page
    select = page.split('id="id_reply-channel"')[1].split(">")[0]
    assert 'hx-trigger="change"' in select
    assert 'hx-target="#reply-findings"' in select
    text = "Sorry. We will ring you on 07700 900456."
    chosen = {**HTMX, "HX-Trigger": "id_reply-channel"}
    body = client.post(
        f"/replies/cases/{email_case.pk}/check/",
        _data(text, channel="social_media"),
        headers=chosen,
    ).content.decode()
    oob = body.split('<div id="reply-public-field" hx-swap-oob="true">')[1]
    assert "checked" in oob.split('<input type="checkbox" name="reply-public"')[1].split(">")[0]
    assert "Personal data in public" in body
    back = client.post(
        f"/replies/cases/{email_case.pk}/check/", _data(text), headers=chosen
    ).content.decode()
    oob = back.split('<div id="reply-public-field" hx-swap-oob="true">')[1]
    assert 'id="id_reply-public"' not in oob
    # Typing does not redraw the box (it may have the focus).
    typed = client.post(
        f"/replies/cases/{email_case.pk}/check/", _data(text, channel="social_media"), headers=HTMX
    ).content.decode()
    assert "hx-swap-oob" not in typed
