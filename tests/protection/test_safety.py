"""Safety incidents (C4 2.10, 3.10): a threat raises one incident per message at once,
alerts the people the policy names, leads the agent through the safety steps (each tick
recorded with who and when), and the incident log is for managers only."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from calmdesk.cases.imports import import_csv_text
from calmdesk.cases.models import AuditEntry, Message
from calmdesk.cases.services import open_case
from calmdesk.core.roles import NotAllowed
from calmdesk.notifications.models import Notification
from calmdesk.people.models import User
from calmdesk.protection import services
from calmdesk.protection.models import IncidentStep, SafetyIncident
from calmdesk.protection.services import (
    Conflict,
    ProtectionError,
    close_incident,
    raise_incident,
    raise_incidents_for,
    tick_step,
)

from .conftest import CALM, THREAT, write_again


@pytest.fixture
def helen(org):
    """The security officer the demo policy names in alert_usernames."""
    return User.objects.create_user(username="helen", organisation=org, role="manager")


@pytest.fixture
def threat_case(alice, customer, policy, bob, carol, helen, frank, dan, eve):
    return open_case(alice, alice.organisation, customer=customer, channel="email", text=THREAT)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_threat_raises_an_incident_at_once_with_the_policys_steps(threat_case):
    incident = SafetyIncident.objects.get()
    message = threat_case.messages.get()
    assert (incident.case, incident.message, incident.source, incident.status) == (
        threat_case,
        message,
        "assessment",
        "open",
    )
    assert "come down there and hurt you" in incident.description
    steps = list(incident.steps.values_list("position", "text"))
    assert len(steps) == 5
    assert steps[0] == (1, "If anyone is in immediate danger, call 999 first.")
    entry = AuditEntry.objects.get(action="protection.incident_raised")
    assert (entry.case, entry.actor, entry.detail["message_id"]) == (threat_case, None, message.pk)


def test_the_people_the_policy_names_are_alerted_and_no_one_else(threat_case, bob, carol, helen):
    incident = SafetyIncident.objects.get()
    # alert_roles: team_leader (of the case's team), manager; alert_usernames: helen.
    assert incident.alerted == ["bob", "carol", "helen"]
    alerted = set(
        Notification.objects.filter(kind="safety").values_list("recipient__username", flat=True)
    )
    assert alerted == {"bob", "carol", "helen"}


def test_a_team_leader_of_another_team_is_not_alerted(alice, customer, policy, org, returns_team):
    User.objects.create_user(
        username="rita", organisation=org, team=returns_team, role="team_leader"
    )
    open_case(alice, org, customer=customer, channel="email", text=THREAT)
    assert not Notification.objects.filter(recipient__username="rita").exists()


def test_one_incident_per_message_however_often_it_is_seen(threat_case):
    message = threat_case.messages.get()
    raise_incidents_for([message])
    raise_incidents_for([message])
    assert SafetyIncident.objects.count() == 1
    assert Notification.objects.filter(kind="safety").count() == 3


def test_each_threatening_message_raises_its_own(threat_case):
    write_again(threat_case, "I know where you live, I will come down there and hurt you.")
    write_again(threat_case, CALM)
    assert SafetyIncident.objects.filter(case=threat_case).count() == 2


def test_an_imported_threat_raises_an_incident(org, care_team, policy, bob):
    csv = (
        "external_id,customer_name,customer_email,channel,text\n"
        f'S-1,Sam Cole,sam@example.com,email,"{THREAT}"\n'
    )
    import_csv_text(org, csv)
    incident = SafetyIncident.objects.get()
    assert incident.message == Message.objects.get(external_id="S-1")
    assert incident.alerted == ["bob"]


def _threats(first: int, count: int) -> str:
    rows = "".join(
        f'S-{n},Sam Cole {n},sam{n}@example.com,email,"{THREAT}"\n'
        for n in range(first, first + count)
    )
    return "external_id,customer_name,customer_email,channel,text\n" + rows


def test_an_import_raises_its_incidents_in_a_fixed_number_of_queries(
    org, care_team, policy, bob, carol, helen
):
    import_csv_text(org, _threats(0, 1))  # the policy is read and kept on first use
    counts = []
    for first, count in [(10, 2), (20, 6)]:
        with CaptureQueriesContext(connection) as captured:
            import_csv_text(org, _threats(first, count))
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert SafetyIncident.objects.count() == 9
    for incident in SafetyIncident.objects.all():
        assert incident.alerted == ["bob", "carol", "helen"]
        assert incident.steps.count() == 5
        entry = AuditEntry.objects.get(
            action="protection.incident_raised", detail__incident_id=incident.pk
        )
        assert entry.detail["message_id"] == incident.message_id
    assert Notification.objects.filter(kind="safety").count() == 9 * 3


def test_incidents_raised_elsewhere_at_the_same_moment_are_not_raised_twice(
    org, care_team, policy, bob, monkeypatch
):
    create = services._create_incidents

    def another_worker_first(new, *, actor):
        if len(new) > 1:
            with transaction.atomic():
                create(new[:1], actor=actor)  # the other process, just before this one
        return create(new, actor=actor)

    monkeypatch.setattr(services, "_create_incidents", another_worker_first)
    import_csv_text(org, _threats(0, 3))
    assert SafetyIncident.objects.count() == 3
    assert AuditEntry.objects.filter(action="protection.incident_raised").count() == 3
    assert IncidentStep.objects.count() == 3 * 5


def test_a_failing_incident_never_drops_the_contact(alice, customer, policy, monkeypatch):
    def broken(*args):
        raise RuntimeError("incident store down")

    monkeypatch.setattr(services, "_raise_for", broken)
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=THREAT)
    assert case.messages.count() == 1


def test_without_a_policy_team_leaders_and_managers_are_still_alerted(alice, customer, bob, carol):
    open_case(alice, alice.organisation, customer=customer, channel="email", text=THREAT)
    incident = SafetyIncident.objects.get()
    assert incident.alerted == ["bob", "carol"]
    assert not incident.steps.exists()


def test_the_agent_is_led_through_the_steps_each_recorded(threat_case, alice):
    client = _client(alice)
    page = client.get(reverse("cases:detail", args=[threat_case.pk])).content.decode()
    assert "Safety incident open" in page
    assert "Mark step 1 done" in page
    incident = SafetyIncident.objects.get()
    step = incident.steps.get(position=3)
    response = client.post(reverse("protection:tick_step", args=[incident.pk, step.pk]))
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.done_by == alice
    assert step.done_at is not None
    entry = AuditEntry.objects.get(action="protection.incident_step")
    assert (entry.actor, entry.detail["position"]) == (alice, 3)
    page = client.get(reverse("cases:detail", args=[threat_case.pk])).content.decode()
    assert "Mark step 3 done" not in page
    assert "Mark step 2 done" in page


def test_a_step_is_ticked_once(threat_case, alice, bob):
    step = IncidentStep.objects.get(position=1)
    tick_step(alice, step)
    with pytest.raises(Conflict, match="already ticked by Alice Archer"):
        tick_step(bob, step)
    assert AuditEntry.objects.filter(action="protection.incident_step").count() == 1


def test_a_trainer_ticks_nothing_and_another_team_sees_nothing(threat_case, dan, frank):
    step = IncidentStep.objects.get(position=1)
    with pytest.raises(NotAllowed):
        tick_step(dan, step)
    response = _client(frank).post(
        reverse("protection:tick_step", args=[step.incident_id, step.pk])
    )
    assert response.status_code == 404
    step.refresh_from_db()
    assert step.done_at is None


def test_staff_raise_an_incident_by_hand(alice, case, policy, bob, carol):
    client = _client(alice)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Raise a safety incident" in page
    url = reverse("protection:raise_incident", args=[case.pk])
    empty = client.post(url, {"incident-description": ""})
    assert empty.status_code == 400
    assert 'id="id_incident-description_error"' in empty.content.decode()
    done = client.post(url, {"incident-description": "Caller said he would wait outside the shop."})
    assert done.status_code == 302
    incident = SafetyIncident.objects.get()
    assert (incident.source, incident.raised_by, incident.message) == ("staff", alice, None)
    assert set(
        Notification.objects.filter(kind="safety").values_list("recipient__username", flat=True)
    ) == {
        "bob",
        "carol",
    }


def test_raising_by_hand_needs_words_and_write_rights(case, dan, alice, policy):
    with pytest.raises(ProtectionError):
        raise_incident(alice, case, "  ")
    with pytest.raises(NotAllowed):
        raise_incident(dan, case, "Threat.")
    assert (
        _client(dan)
        .post(reverse("protection:raise_incident", args=[case.pk]), {"incident-description": "x"})
        .status_code
        == 403
    )


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 403), ("bob", 403), ("dan", 403), ("carol", 200)]
)
def test_the_incident_log_is_for_managers(threat_case, request, who, status):
    response = _client(request.getfixturevalue(who)).get(reverse("protection:incidents"))
    assert response.status_code == status
    if status == 200:
        assert threat_case.reference in response.content.decode()


def test_a_manager_of_another_organisation_sees_none_of_it(threat_case, eve):
    client = _client(eve)
    assert threat_case.reference not in client.get(reverse("protection:incidents")).content.decode()
    incident = SafetyIncident.objects.get()
    assert client.get(reverse("protection:incident", args=[incident.pk])).status_code == 404


@pytest.mark.parametrize("who", ["alice", "bob", "dan"])
def test_an_incident_page_is_not_found_for_others(threat_case, request, who):
    incident = SafetyIncident.objects.get()
    response = _client(request.getfixturevalue(who)).get(
        reverse("protection:incident", args=[incident.pk])
    )
    assert response.status_code == 404


def test_a_manager_closes_an_incident_with_a_note(threat_case, carol, alice):
    incident = SafetyIncident.objects.get()
    with pytest.raises(NotAllowed):
        close_incident(alice, incident, "Done.")
    client = _client(carol)
    url = reverse("protection:close_incident", args=[incident.pk])
    assert client.post(url, {"close-reason": ""}).status_code == 400
    assert (
        client.post(url, {"close-reason": "Police informed; customer banned."}).status_code == 302
    )
    incident.refresh_from_db()
    assert (incident.status, incident.closed_by) == ("closed", carol)
    with pytest.raises(Conflict, match="already closed"):
        close_incident(carol, incident, "Again.")
    log = client.get(reverse("protection:incidents"), {"status": "closed"}).content.decode()
    assert threat_case.reference in log
    assert threat_case.reference not in client.get(reverse("protection:incidents")).content.decode()
    detail = client.get(reverse("protection:incident", args=[incident.pk])).content.decode()
    assert "Police informed" in detail


def test_the_nav_links_the_log_for_managers_only(threat_case, carol, alice):
    assert "Safety incidents" in _client(carol).get(reverse("cases:queue")).content.decode()
    assert "Safety incidents" not in _client(alice).get(reverse("cases:queue")).content.decode()


def test_threats_in_one_batch_on_two_teams_alert_each_teams_own_people(
    alice, frank, bob, carol, helen, customer, policy, org, returns_team
):
    """One import batch, threats on cases of two teams: each incident alerts its own team's
    team leader (and the managers and named people), read once per team, not per message."""
    from calmdesk.cases.models import AssessmentSignal, MessageAssessment

    User.objects.create_user(
        username="rita", organisation=org, team=returns_team, role="team_leader"
    )
    care = open_case(alice, org, customer=customer, channel="email", text=CALM)
    returns = open_case(frank, org, customer=customer, channel="email", text=CALM)
    assert care.team_id != returns.team_id
    batch = []
    for case in [care, returns, care]:
        message = Message.objects.create(
            organisation=org, case=case, direction="inbound", channel="email", text=THREAT
        )
        MessageAssessment.objects.create(
            message=message,
            case=case,
            model_version="test",
            issue="other",
            issue_confidence=0.5,
            challenge_level=3,
            result={"indicators": [], "risks": [{"name": "threat_safety", "evidence": []}]},
        )
        AssessmentSignal.objects.create(assessment_id=message.pk, name="threat_safety")
        batch.append(message)
    services.protect_inbound(batch)
    alerted = {
        incident.message_id: incident.alerted
        for incident in SafetyIncident.objects.filter(message__in=batch)
    }
    assert alerted == {
        batch[0].pk: ["bob", "carol", "helen"],
        batch[1].pk: ["carol", "helen", "rita"],
        batch[2].pk: ["bob", "carol", "helen"],
    }
    # Seen again (a retried batch): no second incident for any message.
    services.protect_inbound(batch)
    assert SafetyIncident.objects.filter(message__in=batch).count() == 3


def test_an_incident_says_when_the_model_alone_read_the_threat(alice, customer, policy):
    """The model's evidence for a threat it reads alone ("called", "call") would mislead the
    team leader: the description says no rule knew the words, and to read the message."""
    note = (
        "Customer rang about a washing machine that did not arrive today. He was shouting from "
        "the start and called me a useless idiot. I gave one warning that I would end the call "
        "if the swearing continued; it continued and I ended the call politely."
    )
    case = open_case(alice, alice.organisation, customer=customer, channel="telephone", text=note)
    risk = next(r for r in case.latest_assessment.result["risks"] if r["name"] == "threat_safety")
    assert risk["sources"] == ["model"]
    description = SafetyIncident.objects.get(case=case).description
    assert "possible threat to safety by the model" in description
    assert "in the words" not in description


def test_an_incident_quotes_the_words_a_rule_read_as_a_threat(threat_case):
    description = SafetyIncident.objects.get().description
    assert 'Read as a threat to safety in the words "' in description


def test_the_log_counts_the_steps_done_out_of_all(threat_case, alice, carol):
    """ "Steps done" showed the number of steps, so an incident nobody had worked on read as
    "5 steps" done."""
    incident = SafetyIncident.objects.get()
    log = _client(carol).get(reverse("protection:incidents")).content.decode()
    assert "<td>0 of 5</td>" in log
    tick_step(alice, incident.steps.get(position=1))
    log = _client(carol).get(reverse("protection:incidents")).content.decode()
    assert "<td>1 of 5</td>" in log
