"""Tolerance and safety through the API (C4 1.6, 2.10, 3.8, 3.10): the same rules, checked
on the server, with clear error codes."""

from __future__ import annotations

import pytest

from calmdesk.cases.services import open_case
from calmdesk.protection.models import ContactRestriction, SafetyIncident, ToleranceStepTaken
from calmdesk.protection.services import record_step

from .conftest import THREAT


def _url(case):
    return f"/api/cases/{case.reference}/tolerance"


def _steps(case, alice, n):
    for step in ["warning", "final_warning", "end_contact"][:n]:
        record_step(alice, case, step=step, behaviour="abusive")


def test_the_step_that_applies_now_and_the_record(api, alice, abusive_case):
    body = api(alice).get(_url(abusive_case)).json()
    assert body["policy_installed"] is True
    assert body["behaviours_found"] == ["abusive"]
    assert body["earlier_steps"] == 0
    assert body["step_now"]["step"] == "warning"
    assert body["step_now"]["decided_by"] == "agent"
    assert body["step_now"]["you_may_record"] is True
    assert body["step_now"]["guidance"].startswith("Name the behaviour")
    assert (body["history"], body["restriction"]) == ([], None)


def test_an_agent_records_the_step_once(api, alice, abusive_case):
    caller = api(alice)
    payload = {"step": "warning", "behaviour": "abusive", "earlier_steps": 0, "note": "Warned."}
    created = caller.post(_url(abusive_case), payload)
    assert created.status_code == 201
    assert created.json()["number"] == 1
    assert created.json()["by"] == "alice"
    again = caller.post(_url(abusive_case), payload)
    assert again.status_code == 409
    assert "record changed" in again.json()["detail"]
    assert ToleranceStepTaken.objects.count() == 1
    assert caller.get(_url(abusive_case)).json()["step_now"]["step"] == "final_warning"


def test_a_step_that_does_not_apply_now_is_a_409(api, alice, abusive_case):
    response = api(alice).post(_url(abusive_case), {"step": "end_contact", "behaviour": "abusive"})
    assert response.status_code == 409
    assert "'Warning' applies now" in response.json()["detail"]


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_a_managers_step_is_refused_for_others(api, alice, abusive_case, request, who):
    _steps(abusive_case, alice, 3)
    user = request.getfixturevalue(who)
    caller = api(user)
    assert caller.get(_url(abusive_case)).json()["step_now"]["you_may_record"] is False
    response = caller.post(
        _url(abusive_case),
        {
            "step": "restrict_contact",
            "behaviour": "abusive",
            "reason": "Abuse.",
            "channel": "email",
        },
    )
    assert response.status_code == 403
    assert "manager's decision" in response.json()["detail"]
    assert not ContactRestriction.objects.exists()


def test_a_manager_restricts_and_lifts(api, alice, carol, abusive_case):
    _steps(abusive_case, alice, 3)
    caller = api(carol)
    missing = caller.post(
        _url(abusive_case), {"step": "restrict_contact", "behaviour": "abusive", "channel": "email"}
    )
    assert missing.status_code == 400
    assert "needs a reason" in missing.json()["detail"]
    created = caller.post(
        _url(abusive_case),
        {
            "step": "restrict_contact",
            "behaviour": "abusive",
            "reason": "Abuse.",
            "contact_person": "alice",
            "review_on": "2099-01-31",
        },
    )
    assert created.status_code == 201
    restriction = caller.get(_url(abusive_case)).json()["restriction"]
    assert restriction["contact_person"] == "alice"
    assert restriction["review_on"] == "2099-01-31"
    lift_url = f"/api/restrictions/{restriction['id']}/lift"
    assert api(alice).post(lift_url, {"reason": "Apologised."}).status_code == 403
    assert caller.post(lift_url, {"reason": ""}).status_code == 422
    lifted = caller.post(lift_url, {"reason": "Apologised."})
    assert lifted.status_code == 200
    assert lifted.json()["restriction"] is None
    assert caller.post(lift_url, {"reason": "Again."}).status_code == 409


def test_an_unknown_named_contact_is_a_400(api, carol, abusive_case):
    response = api(carol).post(
        _url(abusive_case),
        {
            "step": "restrict_contact",
            "behaviour": "abusive",
            "reason": "x",
            "contact_person": "zed",
        },
    )
    assert response.status_code == 400


def test_reading_and_writing_rights(api, dan, eve, frank, abusive_case):
    assert api(dan).get(_url(abusive_case)).status_code == 200
    refused = api(dan).post(_url(abusive_case), {"step": "warning", "behaviour": "abusive"})
    assert refused.status_code == 403
    assert api(eve).get(_url(abusive_case)).status_code == 404
    assert api(frank).get(_url(abusive_case)).status_code == 404
    bad = api(dan).post(_url(abusive_case), {"step": "scold", "behaviour": "abusive"})
    assert bad.status_code == 422


def test_incidents_by_api(api, alice, bob, carol, customer, policy):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=THREAT)
    assert api(alice).get("/api/incidents").status_code == 403
    assert api(bob).get("/api/incidents").status_code == 403
    log = api(carol).get("/api/incidents").json()
    assert [item["case"] for item in log] == [case.reference]
    assert log[0]["alerted"] == ["bob", "carol"]
    incident_id = log[0]["id"]
    ticked = api(alice).post(f"/api/incidents/{incident_id}/steps/1", {})
    assert ticked.status_code == 200
    assert ticked.json()["steps"][0]["done_by"] == "alice"
    assert api(alice).post(f"/api/incidents/{incident_id}/steps/1", {}).status_code == 409
    assert (
        api(alice).post(f"/api/incidents/{incident_id}/close", {"reason": "x"}).status_code == 403
    )
    closed = api(carol).post(f"/api/incidents/{incident_id}/close", {"reason": "Handled."})
    assert closed.json()["status"] == "closed"
    assert api(carol).get("/api/incidents", status="open").json() == []


def test_raising_an_incident_by_api(api, alice, dan, case, policy):
    created = api(alice).post(f"/api/cases/{case.reference}/incidents", {"description": "Threat."})
    assert created.status_code == 201
    assert created.json()["source"] == "staff"
    assert len(created.json()["steps"]) == 5
    refused = api(dan).post(f"/api/cases/{case.reference}/incidents", {"description": "x"})
    assert refused.status_code == 403
    assert SafetyIncident.objects.count() == 1


def test_another_organisation_cannot_touch_an_incident(api, alice, eve, customer, policy):
    open_case(alice, alice.organisation, customer=customer, channel="email", text=THREAT)
    incident = SafetyIncident.objects.get()
    assert api(eve).get(f"/api/incidents/{incident.pk}").status_code == 404
    assert api(eve).post(f"/api/incidents/{incident.pk}/steps/1", {}).status_code == 404
    assert api(eve).get("/api/incidents").json() == []
