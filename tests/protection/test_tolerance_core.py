"""Which tolerance step applies now (C4 1.6, 3.8): every step of the demo policy, the record
that leads to it, and behaviours the policy does not answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from calmdesk.core.policy import load_policy
from calmdesk.core.policy.schema import Behaviour, ToleranceRule, ToleranceStep
from calmdesk.core.roles import Role
from calmdesk.core.tolerance import behaviours_found, may_decide, rule_for, step_now

DEMO = load_policy(
    (Path(__file__).parents[2] / "src" / "calmdesk" / "demo" / "policy.yaml").read_text()
)
RULES = DEMO.tolerance


@pytest.mark.parametrize(
    ("earlier", "expected"),
    [
        (0, ToleranceStep.WARNING),
        (1, ToleranceStep.FINAL_WARNING),
        (2, ToleranceStep.END_CONTACT),
        (3, ToleranceStep.RESTRICT_CONTACT),
        (4, ToleranceStep.CLOSE_RELATIONSHIP),
        (9, ToleranceStep.CLOSE_RELATIONSHIP),
    ],
)
def test_abuse_after_n_earlier_steps_gets_the_next_step(earlier, expected):
    now = step_now(RULES, [Behaviour.ABUSIVE], earlier)
    assert now is not None
    assert (now.step, now.behaviour, now.earlier_steps) == (expected, Behaviour.ABUSIVE, earlier)
    assert now.rule.guidance


def test_restricting_and_closing_are_a_managers_decision_with_review_days():
    restrict = rule_for(RULES, "restrict_contact")
    close = rule_for(RULES, ToleranceStep.CLOSE_RELATIONSHIP)
    assert (restrict.decided_by, restrict.review_days) == (Role.MANAGER, 90)
    assert (close.decided_by, close.review_days) == (Role.MANAGER, 180)
    assert step_now(RULES, ["abusive"], 3).restricts
    assert not step_now(RULES, ["abusive"], 2).restricts


@pytest.mark.parametrize("earlier", [0, 1])
def test_a_safety_threat_has_no_tolerance_step_before_two_earlier_steps(earlier):
    # The demo policy answers a first safety threat with the safety procedure, not a warning.
    assert step_now(RULES, [Behaviour.THREAT_SAFETY], earlier) is None


@pytest.mark.parametrize(
    ("earlier", "expected"),
    [(2, ToleranceStep.END_CONTACT), (3, ToleranceStep.END_CONTACT), (4, "close_relationship")],
)
def test_a_safety_threat_after_earlier_steps(earlier, expected):
    now = step_now(RULES, ["threat_safety"], earlier)
    assert (now.step, now.behaviour) == (expected, Behaviour.THREAT_SAFETY)


@pytest.mark.parametrize("behaviour", ["threat_legal", "threat_public", "threat_leave"])
@pytest.mark.parametrize("earlier", [0, 1, 2, 3, 4])
def test_behaviours_the_policy_does_not_answer_get_no_step(behaviour, earlier):
    assert step_now(RULES, [behaviour], earlier) is None


def test_no_behaviours_no_step():
    assert step_now(RULES, [], 3) is None


def test_several_behaviours_take_the_most_advanced_step_that_applies():
    # Abuse and a legal threat together: the legal threat adds nothing, abuse decides.
    now = step_now(RULES, ["threat_legal", "abusive"], 1)
    assert (now.step, now.behaviour) == (ToleranceStep.FINAL_WARNING, Behaviour.ABUSIVE)
    # Abuse and a safety threat after two steps: both lead to ending the contact.
    assert step_now(RULES, ["abusive", "threat_safety"], 2).step == ToleranceStep.END_CONTACT


def test_on_a_tie_the_later_rule_in_the_policy_wins():
    rules = [
        ToleranceRule(step="warning", behaviours=["abusive"], decided_by="agent", guidance="a"),
        ToleranceRule(step="end_contact", behaviours=["abusive"], decided_by="agent", guidance="b"),
    ]
    assert step_now(rules, ["abusive"], 0).step == ToleranceStep.END_CONTACT


def test_a_negative_record_is_a_mistake():
    with pytest.raises(ValueError, match="cannot be negative"):
        step_now(RULES, ["abusive"], -1)


def test_unknown_behaviour_is_refused():
    with pytest.raises(ValueError, match="'rude' is not a valid Behaviour"):
        step_now(RULES, ["rude"], 0)


def test_behaviours_found_keeps_only_behaviours_once_in_order():
    names = ["angry", "threat_safety", "abusive", "threat_safety", "needs_access_support"]
    assert behaviours_found(names) == [Behaviour.THREAT_SAFETY, Behaviour.ABUSIVE]


@pytest.mark.parametrize(
    ("role", "decided_by", "allowed"),
    [
        ("agent", "agent", True),
        ("agent", "team_leader", False),
        ("agent", "manager", False),
        ("team_leader", "agent", True),
        ("team_leader", "manager", False),
        ("manager", "manager", True),
        ("manager", "agent", True),
        ("trainer", "agent", False),
        ("trainer", "trainer", False),
    ],
)
def test_who_may_decide_a_step(role, decided_by, allowed):
    assert may_decide(role, decided_by) is allowed
