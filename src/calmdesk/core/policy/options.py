"""Every way forward for a case, within whose authority, ranked against the drivers (issue 4).

Unit 7 2.3-2.4, 3.2, P4, M3, D1; C4 2.6-2.7; C1 1.2-1.3, 2.4-2.5. Given what is known about
the case and the acting person's role, each remedy of the policy is *allowed* (within their
authority), *needs approval* (above it: the option names who may agree it) or *not possible*
(a condition fails: the option says which, and what to tell the customer instead of quoting
the rule). Possible options are ranked by how well they balance what the customer needs with
the organisation's drivers, and each carries a short written justification of that balance.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from calmdesk.core.policy.schema import (
    Authority,
    Condition,
    Driver,
    OutsideParty,
    Policy,
    Remedy,
    RemedyRule,
)
from calmdesk.core.roles import Role

PENNY = Decimal("0.01")
# How much the customer's satisfaction counts against the organisation's drivers; more for
# a customer who is already at the end of their patience.
SATISFACTION_SHARE = {0: 0.5, 1: 0.5, 2: 0.6, 3: 0.65}
# Risks that make a driver matter more for this case.
RISK_DRIVERS = {
    "threat_leave": Driver.RETAIN_CUSTOMERS,
    "threat_public": Driver.PROTECT_REPUTATION,
    "threat_legal": Driver.PROTECT_REPUTATION,
}
RISK_BOOST = 1.5

DRIVER_WORDS = {
    Driver.RETAIN_CUSTOMERS: "keeping the customer",
    Driver.GROW_CUSTOMER_BASE: "winning new customers",
    Driver.PROTECT_MARGIN: "the margin",
    Driver.PROTECT_REPUTATION: "our reputation",
}


class OptionStatus(StrEnum):
    ALLOWED = "allowed"
    NEEDS_APPROVAL = "needs_approval"
    NOT_POSSIBLE = "not_possible"


@dataclass(frozen=True)
class CaseFacts:
    """What is known about the case when the options are drawn up."""

    today: date
    product_group: str | None = None
    purchase_date: date | None = None
    price: Decimal | None = None
    proof_of_purchase: bool = False
    fault_confirmed: bool = False
    stock_available: bool = True
    challenge_level: int | None = None
    risks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Option:
    remedy: Remedy
    label: str
    status: OptionStatus
    amount: Decimal | None  # what the customer receives, when money is involved
    cost: Decimal  # what it costs the organisation
    score: float  # 0-1, the balance of customer satisfaction and the drivers
    justification: str
    failed_conditions: tuple[Condition, ...] = ()
    # Who may agree it when it is above this role's authority: a role, or an outside party.
    approver: Role | OutsideParty | None = None
    # For the customer, when it cannot be offered: the organisation's position and its reason.
    position: str | None = None
    unmet: tuple[str, ...] = field(default=())  # the failing conditions in plain words

    @property
    def possible(self) -> bool:
        return self.status != OptionStatus.NOT_POSSIBLE


def options_for(
    policy: Policy,
    facts: CaseFacts,
    role: Role,
    limits: Mapping[Remedy, Authority] | None = None,
) -> list[Option]:
    """Every remedy of the policy as an option for this case and role, best first.

    `limits` are the acting person's own authority limits, which replace their role's for
    the remedies they name.
    """
    weights = _case_weights(policy, facts)
    share = SATISFACTION_SHARE.get(facts.challenge_level or 0, 0.5)
    options = [
        _option(policy, facts, role, limits or {}, remedy, rule, weights, share)
        for remedy, rule in policy.remedies.items()
    ]
    return sorted(options, key=lambda option: (not option.possible, -option.score, option.label))


def authority_covers(authority: Authority | None, amount: Decimal | None) -> bool:
    """Whether an authority rule lets its holder agree this amount (None: no money)."""
    if authority is None or not authority.allowed:
        return False
    return authority.max_amount is None or amount is None or amount <= authority.max_amount


def approver_for(
    policy: Policy, role: Role, remedy: Remedy, amount: Decimal | None
) -> Role | OutsideParty | None:
    """The first role up the chain of command from `role` whose authority covers the remedy
    and amount; past the last role, the first outside party named; None if nobody."""
    current: object = policy.chain_of_command.get(role)
    seen: set[Role] = {role}
    while isinstance(current, Role) and current not in seen:
        seen.add(current)
        if authority_covers(policy.authority.get(current, {}).get(remedy), amount):
            return current
        current = policy.chain_of_command.get(current)
    if isinstance(current, list):
        return current[0] if current else None
    if isinstance(current, OutsideParty):
        return current
    return None


def _case_weights(policy: Policy, facts: CaseFacts) -> dict[Driver, float]:
    weights = {driver: float(weight) for driver, weight in policy.drivers.items()}
    for risk in facts.risks:
        if (driver := RISK_DRIVERS.get(risk)) is not None:
            weights[driver] *= RISK_BOOST
    total = sum(weights.values())
    return {driver: weight / total for driver, weight in weights.items()}


def _option(
    policy: Policy,
    facts: CaseFacts,
    role: Role,
    limits: Mapping[Remedy, Authority],
    remedy: Remedy,
    rule: RemedyRule,
    weights: dict[Driver, float],
    share: float,
) -> Option:
    amount = _amount(rule, facts)
    cost = _cost(rule, facts)
    failed = tuple(c for c in rule.conditions if not _holds(policy, facts, c))
    fit = sum(weights[driver] * rule.drivers[driver] for driver in weights)
    score = round(share * rule.satisfaction + (1 - share) * fit, 4)
    common = {
        "remedy": remedy,
        "label": rule.label,
        "amount": amount,
        "cost": cost,
        "score": score,
    }
    if failed:
        unmet = tuple(_unmet(policy, facts, condition) for condition in failed)
        return Option(
            **common,
            status=OptionStatus.NOT_POSSIBLE,
            justification=f"Not possible: {'; '.join(unmet)}.",
            failed_conditions=failed,
            position=f"{rule.position} ({'; '.join(unmet)}).",
            unmet=unmet,
        )
    authority = limits.get(remedy) or policy.authority.get(role, {}).get(remedy)
    balance = _balance(rule, weights, share, cost, policy.currency)
    if authority_covers(authority, amount):
        return Option(
            **common,
            status=OptionStatus.ALLOWED,
            justification=f"{balance} Within your authority.",
        )
    approver = approver_for(policy, role, remedy, amount)
    who = _approver_words(policy, approver)
    return Option(
        **common,
        status=OptionStatus.NEEDS_APPROVAL,
        justification=f"{balance} Above your authority: {who} must agree it.",
        approver=approver,
    )


def _amount(rule: RemedyRule, facts: CaseFacts) -> Decimal | None:
    if rule.amount == "price":
        return facts.price
    if rule.amount == "fixed":
        return rule.fixed_amount
    return None


def _cost(rule: RemedyRule, facts: CaseFacts) -> Decimal:
    share = Decimal(str(rule.cost.share_of_price)) * (facts.price or Decimal("0"))
    return (rule.cost.fixed + share).quantize(PENNY, rounding=ROUND_HALF_UP)


def _holds(policy: Policy, facts: CaseFacts, condition: Condition) -> bool:
    if condition == Condition.PROOF_OF_PURCHASE:
        return facts.proof_of_purchase
    if condition == Condition.FAULT_CONFIRMED:
        return facts.fault_confirmed
    if condition == Condition.STOCK_AVAILABLE:
        return facts.stock_available
    ends = _window_end(policy, facts, condition)
    return ends is not None and facts.today <= ends


def _window_end(policy: Policy, facts: CaseFacts, condition: Condition) -> date | None:
    group = policy.product_groups.get(facts.product_group or "")
    if group is None or facts.purchase_date is None:
        return None
    if condition == Condition.WITHIN_WARRANTY:
        return _add_months(facts.purchase_date, group.warranty_months)
    return date.fromordinal(facts.purchase_date.toordinal() + group.return_days)


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _unmet(policy: Policy, facts: CaseFacts, condition: Condition) -> str:
    """Why a condition fails, in words a customer can be given."""
    if condition == Condition.PROOF_OF_PURCHASE:
        return "we need a receipt, order confirmation or bank statement showing the purchase"
    if condition == Condition.FAULT_CONFIRMED:
        return "the fault has not been confirmed yet"
    if condition == Condition.STOCK_AVAILABLE:
        return "it is out of stock"
    group = policy.product_groups.get(facts.product_group or "")
    if group is None or facts.purchase_date is None:
        return "we do not know yet which product it is or when it was bought"
    ends = _window_end(policy, facts, condition)
    if condition == Condition.WITHIN_WARRANTY:
        return f"the {group.warranty_months}-month guarantee ended on {ends:%-d %B %Y}"
    return f"the {group.return_days}-day return period ended on {ends:%-d %B %Y}"


def _balance(
    rule: RemedyRule,
    weights: dict[Driver, float],
    share: float,
    cost: Decimal,
    currency: str,
) -> str:
    """One or two sentences on how the remedy balances the customer and the organisation."""
    meets = (
        "meets most of what the customer wants"
        if rule.satisfaction >= 0.75
        else "meets part of what the customer wants"
        if rule.satisfaction >= 0.4
        else "meets little of what the customer wants"
    )
    ranked = sorted(weights, key=lambda d: -weights[d] * abs(rule.drivers[d] - 0.5))
    serves = [DRIVER_WORDS[d] for d in ranked if rule.drivers[d] >= 0.6][:2]
    harms = [DRIVER_WORDS[d] for d in ranked if rule.drivers[d] <= 0.4][:2]
    parts = [f"{rule.label} {meets}"]
    if serves:
        parts.append(f"it serves {' and '.join(serves)}")
    if harms:
        parts.append(f"it costs {' and '.join(harms)}")
    money = f" (cost to us {currency} {cost:,.2f})" if cost else ""
    lead = "the customer counts most here" if share > 0.5 else "customer and organisation"
    return f"{'; '.join(parts)}{money}. Balance: {lead}."


def _approver_words(policy: Policy, approver: Role | OutsideParty | None) -> str:
    if isinstance(approver, Role):
        return f"a {approver.label.lower()}"
    if isinstance(approver, OutsideParty):
        contact = policy.outside_parties.get(approver)
        return contact.name if contact else approver.value.replace("_", " ")
    return "nobody in the chain of command"
