"""The stored assessment in case and message responses, and the queue's assessment filters."""

from __future__ import annotations

from calmdesk.cases.services import open_case, record_message

CALM = "Thanks, could you tell me your opening hours on Saturday?"
FURIOUS = (
    "This is the THIRD time my parcel has not arrived. You are useless idiots and I am "
    "contacting my lawyer."
)


def test_a_case_shows_each_customer_message_with_its_assessment(api, alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=CALM)
    api(alice).post(f"/api/cases/{case.reference}/messages", {"channel": "email", "text": FURIOUS})
    reply = record_message(alice, case, channel="email", text="Sorry.", direction="outbound")
    body = api(alice).get(f"/api/cases/{case.reference}").json()
    assert body["challenge_level"] == 3
    assert {"angry", "abusive", "threat_legal"} <= set(body["signals"])
    assert body["issue"] == "delivery"  # the surer, longer reading of the two
    first, furious, sent = body["messages"]
    assert first["assessment"]["challenge_level"] == 0
    assert furious["assessment"]["issue"] == "delivery"
    assert furious["assessment"]["trend"] == "escalating"
    legal = next(r for r in furious["assessment"]["risks"] if r["name"] == "threat_legal")
    span = legal["evidence"][0]
    assert FURIOUS[span["start"] : span["end"]] == span["text"]
    assert (sent["id"], sent["assessment"]) == (reply.pk, None)


def test_a_new_message_answer_carries_its_assessment(api, alice, case):
    response = api(alice).post(
        f"/api/cases/{case.reference}/messages", {"channel": "email", "text": FURIOUS}
    )
    assert response.status_code == 201
    assert response.json()["assessment"]["challenge_level"] == 3


def test_the_list_filters_and_sorts_by_the_assessment(api, alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=CALM)
    furious = open_case(alice, alice.organisation, customer=customer, channel="sms", text=FURIOUS)
    caller = api(alice)
    by_challenge = caller.get("/api/cases", sort="challenge").json()["items"]
    assert [item["reference"] for item in by_challenge] == [furious.reference, case.reference]
    assert [i["challenge_level"] for i in by_challenge] == [3, 0]
    assert [i["issue"] for i in by_challenge] == ["delivery", "query_request"]
    only = caller.get("/api/cases", risk="abusive", min_challenge=2).json()["items"]
    assert [item["reference"] for item in only] == [furious.reference]
    assert caller.get("/api/cases", indicator="anxious").json()["items"] == []
    about = caller.get("/api/cases", issue="delivery").json()["items"]
    assert [item["reference"] for item in about] == [furious.reference]


def test_an_unknown_issue_is_a_clear_400(api, alice, case):
    response = api(alice).get("/api/cases", issue="broken")
    assert response.status_code == 400
    assert "Unknown issue 'broken'" in response.json()["detail"]


def test_an_unknown_indicator_is_a_clear_400(api, alice, case):
    response = api(alice).get("/api/cases", indicator="grumpy")
    assert response.status_code == 400
    assert "Unknown indicator 'grumpy'" in response.json()["detail"]
