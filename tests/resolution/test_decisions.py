"""Decisions within authority, refused above it (Unit 7 2.4, P3, P4; C1 3.1-3.2): through the
service, the case page and the API, at the limit and one penny over."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calmdesk.cases.models import AuditEntry
from calmdesk.cases.services import change_status, open_case
from calmdesk.core.policy import OptionStatus, Remedy
from calmdesk.core.roles import NotAllowed, Role
from calmdesk.resolution import services
from calmdesk.resolution.models import Decision, Escalation


def test_options_use_the_users_own_limit_and_the_case_facts(kettle_case, alice, bob):
    case = kettle_case("80.00")
    found = services.case_options(alice, case)
    refund = found.option(Remedy.REFUND)
    assert refund.amount == Decimal("80.00")
    assert refund.status == OptionStatus.NEEDS_APPROVAL  # Alice's own limit is 50
    assert refund.approver == Role.TEAM_LEADER
    # Alice's own limit on replacement has no maximum: allowed although the policy caps 150.
    assert found.option(Remedy.REPLACEMENT).status == OptionStatus.ALLOWED
    assert services.case_options(bob, case).option(Remedy.REFUND).status == OptionStatus.ALLOWED


def test_a_decision_exactly_at_the_limit_is_recorded_and_audited(kettle_case, alice):
    case = kettle_case("50.00")
    decision, created = services.record_decision(alice, case, "refund", note="Agreed by phone")
    assert created
    assert decision.amount == Decimal("50.00")
    entry = AuditEntry.objects.get(case=case, action="resolution.decided")
    assert entry.actor == alice
    assert "GBP 50.00" in entry.summary


def test_one_penny_over_the_limit_is_refused_and_changes_nothing(kettle_case, alice):
    case = kettle_case("50.01")
    before = AuditEntry.objects.count()
    with pytest.raises(services.AboveAuthority) as refused:
        services.record_decision(alice, case, "refund")
    assert refused.value.approver == Role.TEAM_LEADER
    assert "escalate it to a team leader" in str(refused.value)
    assert not Decision.objects.exists()
    assert AuditEntry.objects.count() == before


def test_a_smaller_amount_within_the_limit_may_be_agreed(kettle_case, alice):
    case = kettle_case("80.00")
    decision, _ = services.record_decision(alice, case, "refund", Decimal("50.00"))
    assert decision.amount == Decimal("50.00")
    with pytest.raises(services.AboveAuthority):
        services.record_decision(alice, case, "refund", Decimal("50.01"))
    with pytest.raises(services.BadInput):
        services.record_decision(alice, case, "refund", Decimal("80.01"))  # more than paid


def test_a_not_possible_remedy_is_refused_with_the_reason(kettle_case, alice):
    case = kettle_case("20.00")
    services.update_facts(alice, case, proof_of_purchase=False)
    with pytest.raises(services.Refused, match="receipt"):
        services.record_decision(alice, case, "refund")
    assert not Decision.objects.exists()


def test_a_double_submission_is_one_decision(kettle_case, alice):
    case = kettle_case("30.00")
    first, created = services.record_decision(alice, case, "refund")
    again, created_again = services.record_decision(alice, case, "refund")
    assert created
    assert not created_again
    assert first == again
    assert Decision.objects.count() == 1
    assert AuditEntry.objects.filter(action="resolution.decided").count() == 1


def test_decisions_on_a_closed_case_are_refused(kettle_case, alice):
    case = kettle_case("30.00")
    change_status(alice, case, "resolved")
    change_status(alice, case, "closed", reason="Customer happy")
    with pytest.raises(services.Refused, match="closed"):
        services.record_decision(alice, case, "refund")
    assert not Decision.objects.exists()


def test_trainers_and_other_teams_cannot_decide(kettle_case, dan, frank):
    case = kettle_case("30.00")
    for user in (dan, frank):
        with pytest.raises(NotAllowed):
            services.record_decision(user, case, "refund")
    assert not Decision.objects.exists()


def test_money_free_remedies_take_no_amount_and_unknown_remedies_are_refused(kettle_case, alice):
    case = kettle_case("30.00")
    with pytest.raises(services.BadInput):
        services.record_decision(alice, case, "advice", Decimal("5"))
    with pytest.raises(services.BadInput):
        services.record_decision(alice, case, "free_holiday")
    decision, _ = services.record_decision(alice, case, "advice")
    assert decision.amount is None


def test_facts_changes_are_audited_and_only_writers_change_them(kettle_case, alice, dan):
    case = kettle_case("30.00")
    services.update_facts(alice, case, price=Decimal("35.00"))
    entry = AuditEntry.objects.filter(action="resolution.facts_updated").last()
    assert entry.detail == {"changed": {"price": "35.00"}}
    with pytest.raises(NotAllowed):
        services.update_facts(dan, case, price=Decimal("1.00"))


# The case page


def test_the_panel_shows_each_status_and_the_position_for_not_possible_ones(
    client, kettle_case, alice
):
    case = kettle_case("80.00")
    services.update_facts(alice, case, stock_available=False)
    client.force_login(alice)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Ways forward" in page
    assert "Needs approval: a team leader" in page
    assert "Within your authority" in page
    assert "What to tell the customer:" in page
    assert "it is out of stock" in page
    assert 'id="escalate-refund"' in page
    assert 'id="facts-submit"' in page


def test_the_product_the_customer_names_is_offered_until_the_agent_records_a_group(
    client, policy, case, alice
):
    """The kettle in the customer's words is shown and its group offered in the form, with
    the reason; nothing is recorded until the agent saves, and then the group is shown."""
    client.force_login(alice)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'the customer names <strong class="named-product">kettle</strong>' in page
    assert "(Small kitchen appliances (kettles, toasters, blenders)?)" in page
    assert '<option value="small_appliances" selected>' in page
    assert "Suggested from the customer&#x27;s words (kettle)" in page
    assert services.fact_sheet(case).product_group == ""
    services.update_facts(alice, case, product_group="large_appliances")
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "the customer names" not in page
    assert "Suggested from" not in page
    assert '<option value="large_appliances" selected>' in page


def _emailed_case_page(client, user, customer, text):
    """A case the customer emailed `text` to, and its page as `user` sees it."""
    case = open_case(user, user.organisation, customer=customer, channel="email", text=text)
    client.force_login(user)
    return case, client.get(f"/cases/{case.pk}/").content.decode()


def test_a_kind_the_policy_lists_for_a_group_is_offered(client, policy, alice, customer):
    """The demo policy lists soundbars under Televisions and audio, though its name does not."""
    _, page = _emailed_case_page(
        client, alice, customer, "My new Aurora soundbar drops the sound every few minutes."
    )
    assert '<option value="tv_audio" selected>' in page


def test_what_the_customer_asks_for_is_offered_until_the_agent_records_it(
    client, policy, alice, customer
):
    case, page = _emailed_case_page(
        client, alice, customer, "My toaster burns one side. I would like a replacement, please."
    )
    assert "Not recorded yet: the customer asks for “a replacement”" in page
    assert 'name="facts-wants" value="a replacement"' in page
    assert "From the customer&#x27;s own words" in page
    assert services.fact_sheet(case).wants == ""
    services.update_facts(alice, case, wants="A new toaster")
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "the customer asks for" not in page
    assert 'name="facts-wants" value="A new toaster"' in page


def test_trainers_read_the_options_without_forms(client, kettle_case, dan):
    case = kettle_case("80.00")
    client.force_login(dan)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Ways forward" in page
    assert "read only" in page
    assert 'id="facts-submit"' not in page
    assert "agree-" not in page
    response = client.post(f"/cases/{case.pk}/decisions/", {"remedy": "advice"})
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_the_panel_says_when_no_policy_is_installed(client, case, alice):
    client.force_login(alice)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "No policy is installed" in page
    response = client.post(f"/cases/{case.pk}/decisions/", {"remedy": "advice"})
    assert response.status_code == 409


def test_the_page_records_at_the_limit_and_refuses_a_penny_over(client, kettle_case, alice):
    case = kettle_case("80.00")
    client.force_login(alice)
    over = client.post(
        f"/cases/{case.pk}/decisions/", {"remedy": "refund", "amount": "50.01", "note": ""}
    )
    assert over.status_code == 403
    body = over.content.decode()
    assert "above your authority" in body
    assert 'id="escalate-instead"' in body
    assert not Decision.objects.exists()
    at = client.post(f"/cases/{case.pk}/decisions/", {"remedy": "refund", "amount": "50.00"})
    assert at.status_code == 302
    assert Decision.objects.get().amount == Decimal("50.00")


def test_the_page_escalates_instead(client, kettle_case, alice, bob):
    case = kettle_case("80.00")
    client.force_login(alice)
    response = client.post(
        f"/cases/{case.pk}/escalations/", {"remedy": "refund", "amount": "", "note": "Upset"}
    )
    assert response.status_code == 302
    escalation = Escalation.objects.get()
    assert escalation.amount == Decimal("80.00")
    assert escalation.to_role == "team_leader"


def test_invalid_facts_show_the_error_by_the_field(client, kettle_case, alice):
    case = kettle_case("80.00")
    client.force_login(alice)
    response = client.post(f"/cases/{case.pk}/facts/", {"facts-price": "-3"})
    assert response.status_code == 400
    assert 'id="id_facts-price_error"' in response.content.decode()


# The API


def test_api_lists_the_options(api, kettle_case, alice):
    case = kettle_case("80.00")
    body = api(alice).get(f"/api/cases/{case.reference}/options").json()
    refund = next(o for o in body["options"] if o["remedy"] == "refund")
    assert refund["status"] == "needs_approval"
    assert refund["approver"] == "team_leader"
    assert body["facts"]["price"] == "80.00"
    assert body["currency"] == "GBP"


def test_api_decision_at_the_limit_and_a_penny_over(api, kettle_case, alice):
    case = kettle_case("80.00")
    caller = api(alice)
    path = f"/api/cases/{case.reference}/decisions"
    over = caller.post(path, {"remedy": "refund", "amount": "50.01"})
    assert over.status_code == 403
    assert over.json()["approver"] == "team_leader"
    assert over.json()["escalate"] == f"/api/cases/{case.reference}/escalations"
    assert not Decision.objects.exists()
    at = caller.post(path, {"remedy": "refund", "amount": "50.00"})
    assert at.status_code == 201
    assert at.json()["amount"] == "50.00"
    again = caller.post(path, {"remedy": "refund", "amount": "50.00"})
    assert again.status_code == 200
    assert again.json()["id"] == at.json()["id"]


def test_api_refuses_trainers_and_closed_cases(api, kettle_case, alice, dan):
    case = kettle_case("30.00")
    path = f"/api/cases/{case.reference}/decisions"
    assert api(dan).post(path, {"remedy": "refund"}).status_code == 403
    change_status(alice, case, "resolved")
    refused = api(alice).post(path, {"remedy": "refund"})
    assert refused.status_code == 409
    assert "re-open" in refused.json()["detail"]
    assert api(alice).post(path, {"remedy": "nothing"}).status_code in (400, 409)
