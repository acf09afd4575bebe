"""The follow-up panel's forms, the open-actions page and the API (Unit 7 3.3, P7, D2)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from calmdesk.followup import services
from calmdesk.followup.models import ActionRequest, FollowUp, SatisfactionCheck


def _due(hours=24):
    return (timezone.localtime() + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def _new_action(client, case, owner, **extra):
    data = {
        "action-kind": "repair",
        "action-owner": owner.pk,
        "action-due_at": _due(),
        "action-department": "",
        "action-note": "Thermostat",
        **extra,
    }
    return client.post(f"/actions/cases/{case.pk}/new/", data)


def test_an_agent_records_an_action_from_the_case_page(alice, case, client):
    client.force_login(alice)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Ask another department to act" in page
    assert 'for="id_action-due_at"' in page
    response = _new_action(client, case, alice)
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    action = ActionRequest.objects.get()
    assert (action.kind, action.owner, action.note) == ("repair", alice, "Thermostat")
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Action recorded." in page
    assert f'id="action-{action.pk}"' in page


def test_a_bad_action_is_shown_again_with_the_reason(alice, case, client):
    client.force_login(alice)
    response = _new_action(client, case, alice, **{"action-due_at": _due(-2)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "The due time must be in the future." in body
    assert 'role="alert"' in body
    assert f'href="/cases/{case.pk}/"' in body
    assert not ActionRequest.objects.exists()


def test_htmx_gets_the_refusal_in_place_of_the_case(alice, case, client):
    client.force_login(alice)
    response = client.post(
        f"/actions/cases/{case.pk}/new/",
        {"action-kind": "repair"},
        headers={"HX-Request": "true", "HX-Target": "case"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert body.lstrip().startswith("<link")
    assert '<div id="case"' in body
    assert "<html" not in body


def test_a_trainer_and_another_team_are_refused(dan, frank, case, client):
    client.force_login(dan)
    assert _new_action(client, case, dan).status_code == 403
    client.force_login(frank)
    assert _new_action(client, case, frank).status_code == 404
    assert not ActionRequest.objects.exists()


def test_done_and_then_satisfaction_from_the_page(alice, case, client):
    client.force_login(alice)
    _new_action(client, case, alice)
    action = ActionRequest.objects.get()
    response = client.post(f"/actions/{action.pk}/done/", {"outcome": "Fixed"})
    assert response.status_code == 302
    assert FollowUp.objects.get().action == action
    again = client.post(f"/actions/{action.pk}/done/", {"outcome": "Fixed"})
    assert again.status_code == 409
    assert "already marked done" in again.content.decode()
    response = client.post(
        f"/actions/cases/{case.pk}/satisfaction/",
        {"satisfaction-rating": "5", "satisfaction-comment": "Brilliant, thank you"},
    )
    assert response.status_code == 302
    assert SatisfactionCheck.objects.get().rating == 5
    assert FollowUp.objects.get().status == "done"


def test_a_missing_rating_is_linked_to_its_field(alice, case, client):
    client.force_login(alice)
    response = client.post(
        f"/actions/cases/{case.pk}/satisfaction/", {"satisfaction-comment": "meh"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_satisfaction-rating_error"' in body
    assert "<legend>" in body


def test_cancel_from_the_page_needs_a_reason(alice, case, client):
    client.force_login(alice)
    _new_action(client, case, alice)
    action = ActionRequest.objects.get()
    assert client.post(f"/actions/{action.pk}/cancel/", {"reason": ""}).status_code == 400
    assert client.post(f"/actions/{action.pk}/cancel/", {"reason": "Not needed"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "cancelled"


def test_the_open_actions_page_puts_overdue_first(alice, bob, case, client):
    soon = timezone.now() + timedelta(hours=2)
    later = services.create_action(
        alice, case, kind="repair", owner=alice, due_at=soon + timedelta(days=2)
    )
    overdue = services.create_action(alice, case, kind="call_back", owner=alice, due_at=soon)
    ActionRequest.objects.filter(pk=overdue.pk).update(due_at=timezone.now() - timedelta(hours=1))
    client.force_login(alice)
    page = client.get("/actions/").content.decode()
    assert "1 overdue." in page
    assert page.index(f'id="action-done-{overdue.pk}"') < page.index(f'id="action-done-{later.pk}"')
    assert 'class="fu-overdue"' in page
    response = client.post(f"/actions/{overdue.pk}/done/", {"outcome": "Rang", "next": "actions"})
    assert response["Location"] == "/actions/"
    client.force_login(bob)
    assert "No open actions owned by you." in client.get("/actions/").content.decode()
    team = client.get("/actions/", {"who": "team"}).content.decode()
    assert case.reference in team


def test_api_round_trip(alice, bob, case, api):
    caller = api(alice)
    due = (timezone.now() + timedelta(days=1)).isoformat()
    created = caller.post(
        f"/api/followup/cases/{case.reference}/actions",
        {"kind": "service_visit", "owner": "bob", "due_at": due, "note": "Engineer visit"},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["owner"], body["kind"], body["overdue"]) == ("bob", "service_visit", False)
    listed = api(bob).get("/api/followup/actions").json()
    assert [a["id"] for a in listed] == [body["id"]]
    done = caller.post(f"/api/followup/actions/{body['id']}/done", {"outcome": "Visited"})
    assert done.status_code == 200
    assert done.json()["action"] == body["id"]
    twice = caller.post(f"/api/followup/actions/{body['id']}/done", {"outcome": "Visited"})
    assert twice.status_code == 409
    check = caller.post(
        f"/api/followup/cases/{case.reference}/satisfaction", {"rating": 4, "comment": "Fine"}
    )
    assert check.status_code == 201
    state = caller.get(f"/api/followup/cases/{case.reference}").json()
    assert state["follow_ups"][0]["status"] == "done"
    assert state["satisfaction"][0]["rating"] == 4
    assert state["watch"] is None
    watched = caller.post(f"/api/followup/cases/{case.reference}/watch", {"reason": "Cross"})
    assert watched.status_code == 201
    assert watched.json()["trigger"] == "agent"


def test_api_refusals(alice, dan, frank, case, api):
    due = (timezone.now() + timedelta(days=1)).isoformat()
    payload = {"kind": "repair", "owner": "alice", "due_at": due}
    url = f"/api/followup/cases/{case.reference}/actions"
    assert api(dan).post(url, payload).status_code == 403
    assert api(frank).post(url, payload).status_code == 404
    unknown = api(alice).post(url, {**payload, "owner": "nobody"})
    assert unknown.status_code == 400
    assert "nobody" in unknown.json()["detail"]
    assert api(alice).post(url, {**payload, "kind": "teleport"}).status_code == 422
    bad = api(alice).post(
        f"/api/followup/cases/{case.reference}/satisfaction", {"rating": 9, "comment": "x"}
    )
    assert bad.status_code == 422
