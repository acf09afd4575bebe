"""Which tolerance step applies now (C4 1.6, 3.8): pure rules, no Django.

The policy lists staged responses to unacceptable behaviour, mildest first. Each step names
the behaviours it answers and how many earlier steps the customer must already have had for it
to apply. Given the behaviours an assessment found and the customer's record, the step that
applies now is the most advanced step whose `after_steps` the record has reached, among the
steps that answer any of the behaviours found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from calmdesk.core.policy.schema import Behaviour, ToleranceRule, ToleranceStep
from calmdesk.core.roles import Role

STEP_LABELS: dict[ToleranceStep, str] = {
    ToleranceStep.WARNING: "Warning",
    ToleranceStep.FINAL_WARNING: "Final warning",
    ToleranceStep.END_CONTACT: "End the contact",
    ToleranceStep.RESTRICT_CONTACT: "Restrict contact",
    ToleranceStep.CLOSE_RELATIONSHIP: "Close the relationship",
}

BEHAVIOUR_LABELS: dict[Behaviour, str] = {
    Behaviour.ABUSIVE: "Abusive language",
    Behaviour.THREAT_LEGAL: "Threat of legal action",
    Behaviour.THREAT_PUBLIC: "Threat to go public",
    Behaviour.THREAT_LEAVE: "Threat to leave",
    Behaviour.THREAT_SAFETY: "Threat to someone's safety",
}

# Steps that change how the customer may reach us, decided with a reason and a review date.
RESTRICTING_STEPS: frozenset[ToleranceStep] = frozenset(
    {ToleranceStep.RESTRICT_CONTACT, ToleranceStep.CLOSE_RELATIONSHIP}
)

# Who may decide a step another role is named for: a more senior role may always decide.
_SENIORITY: dict[Role, int] = {Role.AGENT: 1, Role.TEAM_LEADER: 2, Role.MANAGER: 3}


@dataclass(frozen=True)
class StepNow:
    """The step that applies now, and the behaviour that led to it."""

    rule: ToleranceRule
    behaviour: Behaviour
    earlier_steps: int

    @property
    def step(self) -> ToleranceStep:
        return self.rule.step

    @property
    def label(self) -> str:
        return STEP_LABELS[self.rule.step]

    @property
    def restricts(self) -> bool:
        return self.rule.step in RESTRICTING_STEPS


def behaviours_found(risk_names: Iterable[str]) -> list[Behaviour]:
    """The risks of an assessment that are behaviours the tolerance policy can answer.

    >>> behaviours_found(["abusive", "needs_access_support", "threat_safety"])
    [<Behaviour.ABUSIVE: 'abusive'>, <Behaviour.THREAT_SAFETY: 'threat_safety'>]
    """
    known = {behaviour.value: behaviour for behaviour in Behaviour}
    found: list[Behaviour] = []
    for name in risk_names:
        behaviour = known.get(name)
        if behaviour is not None and behaviour not in found:
            found.append(behaviour)
    return found


def step_now(
    rules: Sequence[ToleranceRule], behaviours: Iterable[Behaviour | str], earlier_steps: int
) -> StepNow | None:
    """The step that applies after `earlier_steps` recorded steps, or None when no step of
    the policy answers these behaviours at this point of the record.

    Among the rules that answer a behaviour found and whose `after_steps` the record has
    reached, the one with the highest `after_steps` wins (the later in the policy on a tie):
    a customer with four earlier steps who is abusive again gets the fifth step, not a first
    warning.
    """
    if earlier_steps < 0:
        raise ValueError("earlier_steps cannot be negative")
    wanted = [Behaviour(b) for b in behaviours]
    best: StepNow | None = None
    for rule in rules:
        if rule.after_steps > earlier_steps:
            continue
        behaviour = next((b for b in wanted if b in rule.behaviours), None)
        if behaviour is None:
            continue
        if best is None or rule.after_steps >= best.rule.after_steps:
            best = StepNow(rule, behaviour, earlier_steps)
    return best


def rule_for(rules: Sequence[ToleranceRule], step: ToleranceStep | str) -> ToleranceRule | None:
    return next((rule for rule in rules if rule.step == ToleranceStep(step)), None)


def may_decide(role: Role | str, decided_by: Role | str) -> bool:
    """Whether someone of `role` may record a step the policy leaves to `decided_by`.

    >>> may_decide("agent", "manager"), may_decide("manager", "agent")
    (False, True)
    >>> may_decide("trainer", "agent")
    False
    """
    mine = _SENIORITY.get(Role(role))
    needed = _SENIORITY.get(Role(decided_by), _SENIORITY[Role.MANAGER])
    return mine is not None and mine >= needed
