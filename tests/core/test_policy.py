"""The policy file and the options it gives (issue 4): every check, condition and boundary."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from calmdesk.core.policy import (
    CaseFacts,
    Condition,
    OptionStatus,
    OutsideParty,
    PolicyError,
    Remedy,
    approver_for,
    load_policy,
    options_for,
)
from calmdesk.core.roles import Role

DEMO = Path(__file__).parents[2] / "src" / "calmdesk" / "demo" / "policy.yaml"
TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def demo_text() -> str:
    return DEMO.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def policy(demo_text):
    return load_policy(demo_text)


def changed(text: str, edit) -> str:
    data = yaml.safe_load(text)
    edit(data)
    return yaml.safe_dump(data, sort_keys=False)


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        load_policy(text)
    return [str(problem) for problem in caught.value.problems]


def facts(**overrides) -> CaseFacts:
    base = {
        "today": TODAY,
        "product_group": "small_appliances",
        "purchase_date": date(2026, 11, 10),
        "price": Decimal("49.99"),
        "proof_of_purchase": True,
        "fault_confirmed": True,
        "stock_available": True,
    }
    return CaseFacts(**(base | overrides))


def option(policy, remedy: Remedy, role: Role = Role.AGENT, **overrides):
    return next(o for o in options_for(policy, facts(**overrides), role) if o.remedy == remedy)


# ---------------------------------------------------------------- loading and checking


def test_the_demo_policy_loads_with_every_remedy_and_role(policy):
    assert set(policy.remedies) == set(Remedy)
    assert {Role.AGENT, Role.TEAM_LEADER, Role.MANAGER} <= set(policy.authority)
    assert policy.promises.update_every_hours == 48


def test_product_groups_may_list_the_kinds_of_thing_customers_name(policy, demo_text):
    assert "soundbar" in policy.product_groups["tv_audio"].kinds
    assert policy.product_groups["computing"].kinds == ()  # optional

    def empty_kind(data):
        data["product_groups"]["tv_audio"]["kinds"] = ["soundbar", ""]

    [problem] = problems(changed(demo_text, empty_kind))
    assert "product_groups.tv_audio.kinds.1" in problem


def test_a_wrong_type_names_its_line_and_field(demo_text):
    text = demo_text.replace("satisfaction: 0.9", "satisfaction: very high")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "very high" in row)
    assert problems(text) == [
        f"line {line}: remedies.refund.satisfaction: Input should be a valid number, "
        "unable to parse string as a number"
    ]


def test_an_unknown_remedy_is_named(demo_text):
    text = demo_text.replace("  goodwill_gesture:\n    label:", "  free_holiday:\n    label:")
    [problem] = problems(text)
    assert "remedies.free_holiday" in problem
    assert problem.startswith("line ")


def test_authority_for_a_remedy_the_policy_does_not_offer_is_refused(demo_text):
    def drop_refund(data):
        del data["remedies"]["refund"]

    [problem] = problems(changed(demo_text, drop_refund))
    assert "authority.agent.refund: no such remedy in remedies" in problem


def test_a_loop_in_the_chain_of_command_is_refused(demo_text):
    def loop(data):
        data["chain_of_command"]["manager"] = "agent"

    [problem] = problems(changed(demo_text, loop))
    assert "chain_of_command: a loop (agent -> team_leader -> manager -> agent)" in problem


def test_a_role_without_authority_rules_is_refused(demo_text):
    def drop(data):
        del data["authority"]["team_leader"]

    [problem] = problems(changed(demo_text, drop))
    assert "the role team_leader has no authority rules" in problem


def test_a_misspelt_field_is_an_error_not_ignored(demo_text):
    text = demo_text.replace("  update_every_hours: 48", "  update_evry_hours: 48")
    found = problems(text)
    assert any("promises.update_evry_hours: Extra inputs are not permitted" in p for p in found)
    assert any("promises.update_every_hours: Field required" in p for p in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the policy: the file is empty"),
        ("version: [1\n", "line 2: the policy: not valid YAML"),
        ("- just a list\n", "line 1: the policy: the file must be a mapping of fields"),
        (b"version: \xff\n", "the policy: not UTF-8 text (byte 9 cannot be read)"),
        ("x: " + "y" * 300_000, "a policy file may be at most 262,144"),
    ],
)
def test_unreadable_files_get_one_clear_problem(text, expected):
    [problem] = problems(text)
    assert expected in problem


# ---------------------------------------------------------------- conditions


def test_every_remedy_is_possible_when_every_condition_holds(policy):
    assert all(o.possible for o in options_for(policy, facts(), Role.MANAGER))


@pytest.mark.parametrize(
    ("overrides", "remedy", "condition", "words"),
    [
        ({"purchase_date": date(2025, 11, 29)}, Remedy.REPAIR, Condition.WITHIN_WARRANTY,
         "the 12-month guarantee ended on 29 November 2026"),
        ({"purchase_date": date(2026, 10, 30)}, Remedy.REFUND, Condition.WITHIN_RETURN_WINDOW,
         "the 30-day return period ended on 29 November 2026"),
        ({"proof_of_purchase": False}, Remedy.CREDIT_NOTE, Condition.PROOF_OF_PURCHASE,
         "we need a receipt"),
        ({"fault_confirmed": False}, Remedy.REPAIR, Condition.FAULT_CONFIRMED,
         "the fault has not been confirmed yet"),
        ({"stock_available": False}, Remedy.ALTERNATIVE_PRODUCT, Condition.STOCK_AVAILABLE,
         "it is out of stock"),
        ({"product_group": None}, Remedy.REPAIR, Condition.WITHIN_WARRANTY,
         "we do not know yet which product it is"),
    ],
)  # fmt: skip
def test_a_failing_condition_makes_the_remedy_not_possible_and_says_why(
    policy, overrides, remedy, condition, words
):
    found = option(policy, remedy, **overrides)
    assert found.status == OptionStatus.NOT_POSSIBLE
    assert condition in found.failed_conditions
    assert words in found.position
    # The position gives the organisation's reason, never a bare rule reference.
    assert found.position.startswith(found.position[0].upper())
    assert "policy" not in found.position.lower()


def test_windows_end_on_their_last_day_inclusive(policy):
    assert option(policy, Remedy.REFUND, purchase_date=date(2026, 10, 31)).possible
    assert not option(policy, Remedy.REFUND, purchase_date=date(2026, 10, 30)).possible
    assert option(policy, Remedy.REPAIR, purchase_date=date(2025, 11, 30)).possible


def test_a_guarantee_from_the_31st_ends_on_the_last_day_of_a_short_month(policy):
    found = option(
        policy,
        Remedy.REPAIR,
        today=date(2027, 3, 1),
        purchase_date=date(2026, 2, 28),
        product_group="small_appliances",
    )
    assert not found.possible
    assert "ended on 28 February 2027" in found.position


# ---------------------------------------------------------------- authority


@pytest.mark.parametrize(
    ("price", "status"),
    [("49.99", "allowed"), ("50.00", "allowed"), ("50.01", "needs_approval")],
)
def test_an_agent_refunds_up_to_exactly_the_limit_and_not_a_penny_over(policy, price, status):
    found = option(policy, Remedy.REFUND, price=Decimal(price))
    assert found.status == status
    if status == "needs_approval":
        assert found.approver == Role.TEAM_LEADER
        assert "a team leader must agree it" in found.justification


def test_personal_limits_replace_the_role_for_the_remedies_they_name(policy):
    from calmdesk.core.policy import Authority

    limits = {Remedy.REFUND: Authority(max_amount=Decimal("100.00"))}
    found = options_for(policy, facts(price=Decimal("80.00")), Role.AGENT, limits)
    refund = next(o for o in found if o.remedy == Remedy.REFUND)
    assert refund.status == OptionStatus.ALLOWED


def test_the_chain_goes_past_a_team_leader_to_the_manager_and_then_outside(policy):
    assert approver_for(policy, Role.AGENT, Remedy.REFUND, Decimal("300.00")) == Role.TEAM_LEADER
    assert approver_for(policy, Role.AGENT, Remedy.REFUND, Decimal("300.01")) == Role.MANAGER
    assert (
        approver_for(policy, Role.AGENT, Remedy.REFUND, Decimal("2500.01"))
        == OutsideParty.MANUFACTURER
    )
    found = option(policy, Remedy.REFUND, Role.MANAGER, price=Decimal("3000.00"))
    assert found.status == OptionStatus.NEEDS_APPROVAL
    assert "The manufacturer's UK service desk must agree it" in found.justification


def test_a_manager_may_agree_what_an_agent_may_not(policy):
    found = option(policy, Remedy.GOODWILL_GESTURE, Role.MANAGER)
    assert found.status == OptionStatus.ALLOWED
    assert option(policy, Remedy.GOODWILL_GESTURE).status == OptionStatus.NEEDS_APPROVAL


# ---------------------------------------------------------------- ranking and words


def test_possible_options_come_first_best_balance_first(policy):
    found = options_for(policy, facts(proof_of_purchase=False), Role.AGENT)
    possible = [o for o in found if o.possible]
    assert found[: len(possible)] == possible
    assert [o.score for o in possible] == sorted((o.score for o in possible), reverse=True)


def test_a_threat_to_leave_lifts_the_options_that_keep_the_customer(policy):
    calm = {o.remedy: o.score for o in options_for(policy, facts(), Role.AGENT)}
    leaving = {
        o.remedy: o.score for o in options_for(policy, facts(risks=("threat_leave",)), Role.AGENT)
    }
    assert leaving[Remedy.CREDIT_NOTE] > calm[Remedy.CREDIT_NOTE]
    assert leaving[Remedy.ADVICE] < calm[Remedy.ADVICE]


def test_each_option_justifies_its_balance_in_words(policy):
    replacement = option(policy, Remedy.REPLACEMENT)
    assert replacement.justification.startswith("Replacement of the same model meets")
    assert "cost to us GBP 34.99" in replacement.justification
    assert replacement.justification.endswith("Within your authority.")
    assert replacement.cost == Decimal("34.99")
