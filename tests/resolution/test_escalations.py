"""Escalation and handover (Unit 7 P3, M1; C1 2.5; C4 2.7): the chain of command, the round
trip, sending back, passing up, and two people deciding at once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calmdesk.cases.models import AuditEntry
from calmdesk.cases.services import record_message
from calmdesk.core.roles import NotAllowed
from calmdesk.notifications.models import Notification
from calmdesk.people.models import AuthorityLimit
from calmdesk.resolution import services
from calmdesk.resolution.models import Decision, Escalation


def test_agent_to_team_leader_with_a_handover_summary(kettle_case, alice, bob, customer):
    customer.preferred_language = "Welsh"
    customer.save()
    case = kettle_case("80.00")
    escalation, created = services.escalate(alice, case, "refund", note="She is very upset")
    assert created
    assert escalation.to_role == "team_leader"
    assert escalation.amount == Decimal("80.00")
    text = escalation.handover
    assert "Handover for " + case.reference in text
    assert "Customer: Priya Shah (stated needs: Prefers Welsh)" in text
    assert "What happened:" in text
    assert "kettle" in text
    assert "What they want: Her money back." in text
    assert "Key facts: product: Small kitchen appliances" in text
    assert "paid GBP 80.00" in text
    assert "Tried so far: 1 message on the case." in text
    assert "Recommended: Refund to the original payment (GBP 80.00)." in text
    assert "Why: Refund to the original payment meets most" in text
    assert "above the authority of Alice Archer" in text
    assert "Note from the raiser: She is very upset." in text
    assert Notification.objects.filter(recipient=bob, kind="escalation").exists()
    assert AuditEntry.objects.filter(case=case, action="escalation.raised").exists()


def test_a_short_answer_does_not_change_what_the_handover_says_happened(kettle_case, alice):
    case = kettle_case("80.00")
    first = case.latest_assessment
    record_message(None, case, channel="email", text="OK, I will wait for the courier then.")
    case.refresh_from_db()
    assert case.latest_assessment.issue != first.issue
    escalation, _ = services.escalate(alice, case, "refund", note="Above my limit")
    assert f"read as {first.issue_words.lower()}" in escalation.handover.lower()
    assert first.result["point_of_view"].rstrip(".") in escalation.handover


def test_a_calmer_answer_keeps_the_highest_challenge_in_the_handover(kettle_case, alice):
    case = kettle_case("80.00")
    record_message(
        None,
        case,
        channel="email",
        text="This is a joke. Third time I have asked. Sort it today or I am cancelling my "
        "account and taking my business elsewhere.",
    )
    case.refresh_from_db()
    highest = case.latest_assessment
    assert highest.challenge_level >= 1
    record_message(None, case, channel="email", text="OK, thank you.")
    case.refresh_from_db()
    assert case.challenge_level < highest.challenge_level
    escalation, _ = services.escalate(alice, case, "refund", note="Above my limit")
    assert f"{case.challenge_level} of 3: calm now, " in escalation.handover
    assert f"{highest.challenge_level} of 3 at its highest (" in escalation.handover
    assert "Threat to leave" in escalation.handover


def test_the_same_escalation_twice_is_one(kettle_case, alice, bob):
    case = kettle_case("80.00")
    first, _ = services.escalate(alice, case, "refund")
    again, created = services.escalate(alice, case, "refund")
    assert again == first
    assert not created
    assert Escalation.objects.count() == 1


def test_within_authority_is_not_escalated(kettle_case, alice, bob):
    case = kettle_case("30.00")
    with pytest.raises(services.Refused, match="within your own authority"):
        services.escalate(alice, case, "refund")


def test_chain_of_command(kettle_case, alice, bob, carol):
    """Agent -> team leader (up to 300) -> manager (up to 2,500) -> the outside party."""
    case = kettle_case("300.00")
    to_leader, _ = services.escalate(alice, case, "refund")
    assert to_leader.to_role == "team_leader"
    services.update_facts(alice, case, price=Decimal("300.01"))
    to_manager, _ = services.escalate(alice, case, "credit_note")  # TL 400 covers 300.01
    assert to_manager.to_role == "team_leader"
    services.send_back(bob, to_leader, "Try again with the new price")
    over_leader, _ = services.escalate(alice, case, "refund")
    assert over_leader.to_role == "manager"
    assert not over_leader.to_party
    services.update_facts(alice, case, price=Decimal("2500.01"))
    services.send_back(carol, over_leader, "Price changed")
    outside, _ = services.escalate(alice, case, "refund")
    assert outside.to_role == "manager"
    assert outside.to_party == "manufacturer"
    assert "The manufacturer's UK service desk, service@maker.example" in outside.to_party_contact
    assert "it goes to The manufacturer's UK service desk" in outside.handover
    # A manager records the outside party's agreement, above the manager's own limit.
    services.decide(carol, outside, "agreed", note="Maker agreed by email")
    decision = Decision.objects.get(escalation=outside)
    assert decision.agreed_by_party == "The manufacturer's UK service desk"
    assert decision.amount == Decimal("2500.01")


def test_no_team_leader_on_the_team_sends_it_to_the_managers(kettle_case, alice, carol):
    case = kettle_case("80.00")
    escalation, _ = services.escalate(alice, case, "refund")
    assert escalation.to_role == "manager"
    assert Notification.objects.filter(recipient=carol).exists()


def test_round_trip_accept_and_decide(kettle_case, alice, bob):
    case = kettle_case("80.00")
    escalation, _ = services.escalate(alice, case, "refund")
    assert list(services.escalations_for(bob)) == [escalation]
    services.accept(bob, escalation)
    escalation.refresh_from_db()
    assert escalation.status == "accepted"
    assert escalation.receiver == bob
    services.decide(bob, escalation, "agreed", note="Refund agreed")
    escalation.refresh_from_db()
    assert escalation.status == "decided"
    assert escalation.outcome == "agreed"
    decision = Decision.objects.get()
    assert decision.decided_by == bob
    assert decision.amount == Decimal("80.00")
    assert decision.escalation == escalation
    actions = list(
        AuditEntry.objects.filter(case=case).values_list("action", flat=True).order_by("id")
    )
    assert actions[-4:] == [
        "escalation.raised",
        "escalation.accepted",
        "resolution.decided",
        "escalation.decided",
    ]
    texts = list(Notification.objects.filter(recipient=alice).values_list("text", flat=True))
    assert any("accepted" in text for text in texts)
    assert any("agreed refund, 80.00" in text for text in texts)
    assert list(services.escalations_for(bob)) == []


def test_refusing_needs_a_reason(kettle_case, alice, bob):
    case = kettle_case("80.00")
    escalation, _ = services.escalate(alice, case, "refund")
    with pytest.raises(services.BadInput):
        services.decide(bob, escalation, "refused")
    services.decide(bob, escalation, "refused", note="Used for three months: offer a repair")
    escalation.refresh_from_db()
    assert escalation.outcome == "refused"
    assert not Decision.objects.exists()


def test_send_back_with_a_note(kettle_case, alice, bob):
    case = kettle_case("80.00")
    escalation, _ = services.escalate(alice, case, "refund")
    with pytest.raises(services.BadInput):
        services.send_back(bob, escalation, "  ")
    services.send_back(bob, escalation, "Get the receipt photo first")
    escalation.refresh_from_db()
    assert escalation.status == "sent_back"
    assert escalation.decision_note.startswith("Get the")
    assert Notification.objects.filter(recipient=alice, text__contains="sent the").exists()
    assert AuditEntry.objects.filter(action="escalation.sent_back", case=case).exists()


def test_a_second_decision_is_refused_and_changes_nothing(kettle_case, alice, bob, carol):
    """Two people deciding at once: the row lock serialises them; the second is told."""
    case = kettle_case("80.00")
    escalation, _ = services.escalate(alice, case, "refund")
    stale = Escalation.objects.get(pk=escalation.pk)
    services.decide(bob, escalation, "agreed")
    with pytest.raises(services.Refused, match="already decided by Bob Baker"):
        services.decide(carol, stale, "refused", note="No")
    with pytest.raises(services.Refused):
        services.send_back(carol, stale, "No")
    assert Decision.objects.count() == 1
    stale.refresh_from_db()
    assert stale.outcome == "agreed"


def test_the_receiver_decides_only_within_their_own_authority_or_passes_it_up(
    kettle_case, alice, bob, carol
):
    AuthorityLimit.objects.create(user=bob, remedy="refund", max_amount=Decimal("200.00"))
    case = kettle_case("250.00")
    escalation, _ = services.escalate(alice, case, "refund")
    assert escalation.to_role == "team_leader"  # the policy's team leader limit is 300
    with pytest.raises(services.AboveAuthority, match="pass it up to a manager"):
        services.decide(bob, escalation, "agreed")
    assert not Decision.objects.exists()
    escalation.refresh_from_db()
    assert escalation.status == "open"
    onward = services.pass_up(bob, escalation, "Above my own refund limit")
    assert onward.to_role == "manager"
    assert onward.previous == escalation
    assert onward.raised_by == bob
    assert "Above my own refund limit" in onward.handover
    escalation.refresh_from_db()
    assert escalation.status == "passed_up"
    services.decide(carol, onward, "agreed")
    assert Decision.objects.get().decided_by == carol


def test_who_may_act(kettle_case, alice, bob, dan, frank, eve):
    case = kettle_case("80.00")
    escalation, _ = services.escalate(alice, case, "refund")
    for user in (alice, dan, frank, eve):
        assert not services.may_act_on(user, escalation)
        with pytest.raises(NotAllowed):
            services.accept(user, escalation)
    assert list(services.escalations_for(alice)) == []


# Pages and API


def test_inbox_page_and_deciding_on_the_page(client, kettle_case, alice, bob):
    case = kettle_case("80.00")
    escalation, _ = services.escalate(alice, case, "refund")
    client.force_login(bob)
    inbox = client.get("/escalations/").content.decode()
    assert case.reference in inbox
    assert "Priya Shah" in inbox
    page = client.get(f"/escalations/{escalation.pk}/").content.decode()
    assert "Handover" in page
    assert "Recommended: Refund" in page
    response = client.post(
        f"/escalations/{escalation.pk}/decide/",
        {"decide-outcome": "agreed", "decide-remedy": "", "decide-amount": "", "decide-note": ""},
    )
    assert response.status_code == 302
    again = client.post(
        f"/escalations/{escalation.pk}/decide/",
        {"decide-outcome": "refused", "decide-note": "no"},
    )
    assert again.status_code == 409
    assert "already decided by Bob Baker" in again.content.decode()
    client.force_login(alice)
    assert client.get("/escalations/").status_code == 403
    case_page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "agreed by Bob Baker" in case_page


def test_api_escalation_round_trip(api, kettle_case, alice, bob, carol):
    case = kettle_case("80.00")
    raised = api(alice).post(f"/api/cases/{case.reference}/escalations", {"remedy": "refund"})
    assert raised.status_code == 201
    escalation_id = raised.json()["id"]
    assert "Handover for" in raised.json()["handover"]
    listed = api(bob).get("/api/escalations").json()
    assert [row["id"] for row in listed] == [escalation_id]
    assert api(alice).get("/api/escalations").json() == []
    assert api(alice).post(f"/api/escalations/{escalation_id}/accept", {}).status_code == 403
    accepted = api(bob).post(f"/api/escalations/{escalation_id}/accept", {})
    assert accepted.json()["status"] == "accepted"
    decided = api(bob).post(f"/api/escalations/{escalation_id}/decide", {"outcome": "agreed"})
    assert decided.status_code == 200
    assert decided.json()["decision"]["amount"] == "80.00"
    late = api(carol).post(f"/api/escalations/{escalation_id}/decide", {"outcome": "agreed"})
    assert late.status_code == 409
    assert "already decided" in late.json()["detail"]
    assert Decision.objects.count() == 1
    back = api(carol).post(f"/api/escalations/{escalation_id}/send-back", {"note": "x"})
    assert back.status_code == 409


def test_api_send_back(api, kettle_case, alice, bob):
    case = kettle_case("80.00")
    escalation, _ = services.escalate(alice, case, "refund")
    empty = api(bob).post(f"/api/escalations/{escalation.pk}/send-back", {"note": ""})
    assert empty.status_code == 400
    back = api(bob).post(f"/api/escalations/{escalation.pk}/send-back", {"note": "Need receipt"})
    assert back.json()["status"] == "sent_back"


@pytest.fixture
def gina(org, care_team):
    """A second team leader on the Care team."""
    from calmdesk.people.models import User

    return User.objects.create_user(
        username="gina", password="calm-desk-test-password", first_name="Gina",
        organisation=org, team=care_team, role="team_leader",
    )  # fmt: skip


def test_an_escalation_may_go_to_one_named_person(kettle_case, alice, bob, gina):
    case = kettle_case("80.00")
    escalation, _ = services.escalate(alice, case, "refund", to="gina")
    assert escalation.to_user == gina
    assert list(services.escalations_for(gina)) == [escalation]
    assert list(services.escalations_for(bob)) == []
    assert services.may_act_on(gina, escalation)
    assert not services.may_act_on(bob, escalation)
    assert Notification.objects.filter(recipient=gina, kind="escalation").exists()
    assert not Notification.objects.filter(recipient=bob, kind="escalation").exists()


def test_a_named_person_must_hold_the_role_and_see_the_case(kettle_case, alice, bob, carol, frank):
    case = kettle_case("80.00")
    for who in ("carol", "frank", "nobody"):
        with pytest.raises(services.BadInput, match="cannot receive this escalation"):
            services.escalate(alice, case, "refund", to=who)
    assert not case.escalations.exists()


def test_the_page_and_the_api_name_the_receiver(client, api, kettle_case, alice, bob, gina):
    case = kettle_case("80.00")
    client.force_login(alice)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert '<option value="gina">Gina' in page
    response = client.post(
        f"/cases/{case.pk}/escalations/", {"remedy": "refund", "note": "", "to": "gina"}
    )
    assert response.status_code == 302
    assert case.escalations.get().to_user == gina
    case.escalations.all().delete()
    raised = api(alice).post(
        f"/api/cases/{case.reference}/escalations", {"remedy": "refund", "to": "bob"}
    )
    assert raised.status_code == 201
    assert raised.json()["to_user"] == "bob"
    wrong = api(alice).post(
        f"/api/cases/{case.reference}/escalations", {"remedy": "credit_note", "to": "carol"}
    )
    assert wrong.status_code == 400
