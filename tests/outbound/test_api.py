"""POST /api/cases/{reference}/replies and POST /api/replies/{id}/retry (C4 2.8; C1 1.4)."""

from __future__ import annotations

from django.core import mail

from calmdesk.outbound.models import OutboundReply


def test_send_a_reply_by_api(alice, email_case, api):
    reply = {"text": "Calm down. I'll send a replacement on Friday.", "idempotency_key": "api-1"}
    asked = api(alice).post(f"/api/cases/{email_case.reference}/replies", reply)
    assert asked.status_code == 409  # findings: sent only when the caller says so
    assert "provoking words" in asked.json()["detail"]
    assert "send_anyway" in asked.json()["detail"]
    assert not mail.outbox
    assert not OutboundReply.objects.exists()
    reply["send_anyway"] = True
    response = api(alice).post(f"/api/cases/{email_case.reference}/replies", reply)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "sent"
    assert body["channel"] == "email"
    assert body["delivery"] == "email"
    assert body["recipient"] == "priya@example.com"
    assert body["subject"] == f"Re: Kettle switches itself off [{email_case.reference}]"
    assert body["message_id"].startswith("<")
    assert body["sent_message"]
    assert next(f["type"] for f in body["findings"]) == "provoking"
    assert body["findings"][0]["suggestion"]
    assert mail.outbox[0].extra_headers["In-Reply-To"] == "<second@customer.example>"
    again = api(alice).post(f"/api/cases/{email_case.reference}/replies", reply)
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert len(mail.outbox) == 1


def test_an_sms_reply_reports_its_parts(alice, case, api):
    response = api(alice).post(
        f"/api/cases/{case.reference}/replies",
        {"text": "b" * 170, "channel": "sms", "send_anyway": True},
    )
    assert response.status_code == 201
    assert response.json()["sms_parts"] == 2
    assert response.json()["delivery"] == "recorded"


def test_a_failed_send_is_created_and_retried_by_api(alice, case, api, settings):
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = "http://127.0.0.1:9/nowhere"
    response = api(alice).post(
        f"/api/cases/{case.reference}/replies",
        {"text": "Short.", "channel": "sms", "send_anyway": True},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "failed"
    assert "could not be reached" in body["last_error"]
    assert body["sent_message"] is None
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = ""
    retried = api(alice).post(f"/api/replies/{body['id']}/retry", {})
    assert retried.status_code == 200
    assert retried.json()["status"] == "sent"
    assert retried.json()["attempts"] == 2
    conflict = api(alice).post(f"/api/replies/{body['id']}/retry", {})
    assert conflict.status_code == 409
    assert conflict.json() == {"detail": "This reply has already been sent."}


def test_empty_and_oversized_replies_are_400(alice, case, api):
    empty = api(alice).post(f"/api/cases/{case.reference}/replies", {"text": "  "})
    assert empty.status_code == 400
    assert "empty" in empty.json()["detail"]
    big = api(alice).post(f"/api/cases/{case.reference}/replies", {"text": "x" * 10_500})
    assert big.status_code == 400
    assert "10,500 characters" in big.json()["detail"]
    huge = api(alice).post(f"/api/cases/{case.reference}/replies", {"text": "x" * 20_000})
    assert huge.status_code == 422  # past the schema's bound: refused before any work
    assert not OutboundReply.objects.exists()


def test_a_trainer_gets_403_and_another_team_404(dan, frank, case, api):
    trainer = api(dan).post(f"/api/cases/{case.reference}/replies", {"text": "Hello."})
    assert trainer.status_code == 403
    other = api(frank).post(f"/api/cases/{case.reference}/replies", {"text": "Hello."})
    assert other.status_code == 404
    assert not OutboundReply.objects.exists()


def test_retry_of_an_unseen_reply_is_404(alice, eve, case, api, settings):
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = "http://127.0.0.1:9/nowhere"
    body = (
        api(alice)
        .post(
            f"/api/cases/{case.reference}/replies",
            {"text": "Short.", "channel": "sms", "send_anyway": True},
        )
        .json()
    )
    assert api(eve).post(f"/api/replies/{body['id']}/retry", {}).status_code == 404


PUBLIC_DETAILS = "Sorry about this. Your new kettle goes to 14 Mill Lane, Leeds LS1 4AB on Friday."


def test_the_check_api_takes_social_media_as_public_unless_told(alice, api):
    """The same default as the reply box and `calmdesk check-reply`."""

    def types(**payload):
        response = api(alice).post("/api/replies/check", {"reply": PUBLIC_DETAILS, **payload})
        assert response.status_code == 200, response.content
        return [finding["type"] for finding in response.json()["findings"]]

    assert "public_personal_data" in types(channel="social_media")
    assert "public_personal_data" not in types(channel="social_media", public=False)
    assert "public_personal_data" not in types(channel="email")


def test_a_social_media_reply_by_api_is_public_unless_told(alice, customer, api):
    from calmdesk.cases.services import open_case

    case = open_case(
        alice, alice.organisation, customer=customer, channel="social_media", text="@us help"
    )
    url = f"/api/cases/{case.reference}/replies"
    public = api(alice).post(url, {"text": PUBLIC_DETAILS, "send_anyway": True})
    assert public.status_code == 400
    assert "private message" in public.json()["detail"]
    private = api(alice).post(url, {"text": PUBLIC_DETAILS, "public": False, "send_anyway": True})
    assert private.status_code == 201, private.content
    assert private.json()["public"] is False
