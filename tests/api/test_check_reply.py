"""`POST /api/replies/check`: the reply checker through the API."""

from __future__ import annotations

from pathlib import Path

from calmdesk.policy.services import install_policy

DEMO = Path(__file__).parents[2] / "src" / "calmdesk" / "demo" / "policy.yaml"


def test_a_provoking_reply_gets_its_finding_with_a_better_wording(api, alice):
    reply = "Calm down. As I already said, your parcel is on its way."
    response = api(alice).post("/api/replies/check", {"reply": reply})
    assert response.status_code == 200, response.content
    provoking = [f for f in response.json()["findings"] if f["type"] == "provoking"]
    assert provoking
    first = provoking[0]
    assert reply[first["start"] : first["end"]].lower().startswith("calm down")
    assert first["suggestion"]
    assert first["criterion"]


def test_the_callers_authority_comes_from_the_policy(api, alice, org):
    install_policy(org, DEMO.read_text(), actor=None)
    reply = (
        "I'm sorry this happened. I will refund you £400 today and you will hear from me by "
        "Friday. Does that make sense?"
    )
    findings = api(alice).post("/api/replies/check", {"reply": reply}).json()["findings"]
    assert "above_authority" in {f["type"] for f in findings}


def test_the_price_paid_checks_a_promise_of_all_of_it(api, alice, org):
    install_policy(org, DEMO.read_text(), actor=None)
    reply = "I'm sorry. I will refund you in full today. Does that make sense?"
    body = {"reply": reply, "order_value": "400.00"}
    findings = api(alice).post("/api/replies/check", body).json()["findings"]
    assert "above_authority" in {f["type"] for f in findings}
    findings = api(alice).post("/api/replies/check", {"reply": reply}).json()["findings"]
    assert "above_authority" not in {f["type"] for f in findings}
    refused = api(alice).post("/api/replies/check", {"reply": reply, "order_value": "-1"})
    assert refused.status_code == 422


def test_a_public_reply_with_the_customers_details_is_flagged(api, alice):
    reply = (
        "Sorry about this! Your order 4471233 to 12 High Street, LS1 4AB is delayed; "
        "we will update you by Monday."
    )
    body = {"reply": reply, "channel": "social_media", "public": True}
    findings = api(alice).post("/api/replies/check", body).json()["findings"]
    assert "public_personal_data" in {f["type"] for f in findings}


def test_an_empty_reply_is_a_clear_400(api, alice):
    response = api(alice).post("/api/replies/check", {"reply": "   "})
    assert response.status_code == 400
    assert "empty" in response.json()["detail"]


def test_checking_needs_a_token(client, db):
    response = client.post("/api/replies/check", "{}", content_type="application/json")
    assert response.status_code == 401
