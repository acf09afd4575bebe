"""The shape of an organisation's policy file, checked field by field (issue 4).

One YAML document per organisation. Every name below is what the file spells; the README
documents each field. Plain pydantic models: no Django.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from calmdesk.core.roles import Role


class Remedy(StrEnum):
    """What the organisation can offer (Unit 7 2.3; C1 2.4)."""

    REPAIR = "repair"
    REPLACEMENT = "replacement"
    REFUND = "refund"  # money back to the way the customer paid
    CREDIT_NOTE = "credit_note"  # a cash refund's alternative: credit to spend with us
    ALTERNATIVE_PRODUCT = "alternative_product"
    TECHNICAL_SUPPORT = "technical_support"
    NON_TECHNICAL_SUPPORT = "non_technical_support"
    ADVICE = "advice"  # advice and guidance
    GOODWILL_GESTURE = "goodwill_gesture"


class Condition(StrEnum):
    """What must hold for a remedy to be possible at all."""

    WITHIN_WARRANTY = "within_warranty"
    WITHIN_RETURN_WINDOW = "within_return_window"
    PROOF_OF_PURCHASE = "proof_of_purchase"
    FAULT_CONFIRMED = "fault_confirmed"
    STOCK_AVAILABLE = "stock_available"


class Driver(StrEnum):
    """What the organisation weighs a remedy against (Unit 7 M3, D1)."""

    RETAIN_CUSTOMERS = "retain_customers"
    GROW_CUSTOMER_BASE = "grow_customer_base"
    PROTECT_MARGIN = "protect_margin"
    PROTECT_REPUTATION = "protect_reputation"


class OutsideParty(StrEnum):
    MANUFACTURER = "manufacturer"
    SUPPLIER = "supplier"
    SERVICE_PROVIDER = "service_provider"


class ToleranceStep(StrEnum):
    """The staged responses to unacceptable behaviour, mildest first (C4 1.6, 3.8)."""

    WARNING = "warning"
    FINAL_WARNING = "final_warning"
    END_CONTACT = "end_contact"
    RESTRICT_CONTACT = "restrict_contact"  # one channel or one named contact
    CLOSE_RELATIONSHIP = "close_relationship"


class Behaviour(StrEnum):
    """Behaviours the tolerance policy answers; the names of the assessment's risks."""

    ABUSIVE = "abusive"
    THREAT_LEGAL = "threat_legal"
    THREAT_PUBLIC = "threat_public"
    THREAT_LEAVE = "threat_leave"
    THREAT_SAFETY = "threat_safety"


Weight = Annotated[float, Field(ge=0, le=1)]
Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Hours = Annotated[int, Field(ge=1, le=24 * 90)]
Days = Annotated[int, Field(ge=1, le=3650)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class Strict(BaseModel):
    # A misspelt field is an error, not silently ignored: a policy must say what it means.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Promises(Strict):
    """The organisation's service promises (C1 1.4, 2.6; C4 2.9)."""

    first_reply_hours: Hours
    update_every_hours: Hours
    reopen_window_days: Days
    reopen_escalate_after: Annotated[int, Field(ge=1, le=50)]


class ProductGroup(Strict):
    name: Text
    warranty_months: Annotated[int, Field(ge=0, le=240)]
    return_days: Annotated[int, Field(ge=0, le=365)]
    # The kinds of thing in the group as customers name them ("washing machine", "soundbar"),
    # beside those its name lists: how calmdesk offers the group for a product a customer names.
    kinds: Annotated[
        tuple[Annotated[str, Field(min_length=1, max_length=60)], ...], Field(max_length=200)
    ] = ()


class Cost(Strict):
    """What a remedy costs the organisation: a fixed sum, a share of the price paid, or both."""

    fixed: Money = Decimal("0")
    share_of_price: Annotated[float, Field(ge=0, le=2)] = 0.0


class RemedyRule(Strict):
    label: Text
    conditions: list[Condition] = []
    cost: Cost = Cost()
    # How far the remedy meets what an unhappy customer wants, 0 to 1.
    satisfaction: Weight
    # How the remedy serves each driver, 0 (works against it) to 1 (serves it fully).
    drivers: dict[Driver, Weight]
    # The amount the customer receives: none, the price paid, or a fixed sum.
    amount: Literal["none", "price", "fixed"] = "none"
    fixed_amount: Money | None = None
    # Which department carries it out, for the action request.
    department: Annotated[str, Field(max_length=60)] = ""
    # Said to the customer when the remedy is not possible: the reason, not the rule.
    position: Text

    @model_validator(mode="after")
    def _amount_is_complete(self) -> RemedyRule:
        if self.amount == "fixed" and self.fixed_amount is None:
            raise ValueError("amount 'fixed' needs fixed_amount")
        if missing := set(Driver) - set(self.drivers):
            raise ValueError(
                f"drivers must rate every driver; missing {', '.join(sorted(missing))}"
            )
        return self


class Authority(Strict):
    """What one role may agree for one remedy without asking anyone."""

    allowed: bool = True
    max_amount: Money | None = None  # None: no limit on the amount


class PartyContact(Strict):
    name: Text
    contact: Text


class ToleranceRule(Strict):
    step: ToleranceStep
    # Behaviours that lead to this step, and how many earlier steps the customer must have
    # had for it to apply (0: it is the first response).
    behaviours: list[Behaviour]
    after_steps: Annotated[int, Field(ge=0, le=10)] = 0
    decided_by: Role
    # Restrictions and closures are reviewed: how many days until the review.
    review_days: Days | None = None
    guidance: Text


class SafetyProcedure(Strict):
    steps: list[Text] = Field(min_length=1)
    alert_roles: list[Role] = []
    alert_usernames: list[Annotated[str, Field(max_length=150)]] = []

    @model_validator(mode="after")
    def _someone_is_alerted(self) -> SafetyProcedure:
        if not self.alert_roles and not self.alert_usernames:
            raise ValueError("name at least one role or person to alert")
        return self


class Policy(Strict):
    version: Literal[1]
    organisation: Text
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    promises: Promises
    drivers: dict[Driver, Weight]
    product_groups: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], ProductGroup]
    remedies: dict[Remedy, RemedyRule]
    authority: dict[Role, dict[Remedy, Authority]]
    chain_of_command: dict[Role, Role | OutsideParty | list[OutsideParty]]
    outside_parties: dict[OutsideParty, PartyContact] = {}
    tolerance: list[ToleranceRule]
    safety: SafetyProcedure

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        if missing := set(Driver) - set(self.drivers):
            raise ValueError(f"drivers: weigh every driver; missing {', '.join(sorted(missing))}")
        if sum(self.drivers.values()) <= 0:
            raise ValueError("drivers: at least one weight must be above 0")
        for role in (Role.AGENT, Role.TEAM_LEADER, Role.MANAGER):
            if role not in self.authority:
                raise ValueError(f"authority: the role {role.value} has no authority rules")
        for role, rules in self.authority.items():
            for remedy in rules:
                if remedy not in self.remedies:
                    raise ValueError(
                        f"authority.{role.value}.{remedy.value}: no such remedy in remedies"
                    )
        self._check_chain()
        return self

    def _check_chain(self) -> None:
        for start in self.chain_of_command:
            seen = [start]
            current: object = self.chain_of_command.get(start)
            while isinstance(current, Role):
                if current in seen:
                    loop = " -> ".join(role.value for role in [*seen, current])
                    raise ValueError(f"chain_of_command: a loop ({loop})")
                seen.append(current)
                current = self.chain_of_command.get(current)
            parties = current if isinstance(current, list) else [current] if current else []
            for party in parties:
                if party not in self.outside_parties:
                    raise ValueError(
                        f"chain_of_command: {party.value} is not named in outside_parties"
                    )
