"""Options, decisions and escalations for a case: every rule of authority is checked here,
on the server, whatever the page or the API showed (issue 4).

Unit 7 2.3-2.4, 3.2, P3, P4, M1, M3, D1; C4 2.6-2.7; C1 1.2-1.3, 2.4-2.5, 3.1-3.2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from calmdesk.cases.access import cases_visible_to, check_can_write
from calmdesk.cases.models import Case
from calmdesk.cases.services import audit
from calmdesk.core.assessment.wording import CHALLENGE_WORDS, ISSUE_WORDS
from calmdesk.core.handover import HandoverFacts, handover_summary
from calmdesk.core.lifecycle import CaseStatus
from calmdesk.core.policy import (
    Authority,
    CaseFacts,
    Option,
    OptionStatus,
    OutsideParty,
    Policy,
    Remedy,
    approver_for,
    authority_covers,
    options_for,
)
from calmdesk.core.roles import NotAllowed, Role
from calmdesk.notifications.models import Notification
from calmdesk.notifications.services import managers_of, notify, team_leaders_of
from calmdesk.people.models import AuthorityLimit, User
from calmdesk.policy.services import NoPolicy, current_policy
from calmdesk.resolution.models import (
    CaseFactSheet,
    CaseLink,
    Decision,
    Escalation,
    remedy_words,
)

# The same decision sent twice within this time is one decision (a double click, a retry).
REPEAT_WINDOW = timedelta(minutes=2)

__all__ = ["NoPolicy"]


class Refused(Exception):
    """The action cannot be taken in the case's present state (HTTP 409); the message says
    why and what to do instead."""


class BadInput(ValueError):
    """The input cannot be used (HTTP 400); `field` names the field at fault, if one is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class AboveAuthority(NotAllowed):
    """Above the acting person's authority (HTTP 403): `approver` may agree it instead."""

    def __init__(self, message: str, approver: Role | OutsideParty | None) -> None:
        super().__init__(message)
        self.approver = approver


# Facts


FACT_FIELDS = (
    "product_group",
    "purchase_date",
    "price",
    "proof_of_purchase",
    "fault_confirmed",
    "stock_available",
    "wants",
)


def fact_sheet(case: Case) -> CaseFactSheet:
    """The case's facts as stored, or an unsaved empty sheet."""
    sheet = CaseFactSheet.objects.filter(case=case).first()
    return sheet or CaseFactSheet(case=case)


@transaction.atomic
def update_facts(
    actor: User, case: Case, *, now: datetime | None = None, **values: Any
) -> CaseFactSheet:
    """Record what is known about the purchase and the fault (Unit 7 2.2-2.3), audited.
    Only the fields given change; a call that changes nothing writes nothing."""
    check_can_write(actor, case)
    unknown = set(values) - set(FACT_FIELDS)
    if unknown:
        raise TypeError(f"Not a case fact: {', '.join(sorted(unknown))}")
    if values.get("price") is not None and values["price"] < 0:
        raise BadInput("The price cannot be negative.", "price")
    # The case row lock serialises two first saves, which would otherwise race to create.
    Case.objects.select_for_update(of=("self",)).filter(pk=case.pk).exists()
    sheet, _ = CaseFactSheet.objects.select_for_update().get_or_create(case=case)
    changed = {name: value for name, value in values.items() if getattr(sheet, name) != value}
    if not changed:
        return sheet
    for name, value in changed.items():
        setattr(sheet, name, value)
    sheet.updated_by = actor
    sheet.updated_at = now or timezone.now()
    sheet.save()
    audit(
        case.organisation_id,
        actor,
        "resolution.facts_updated",
        "Updated the case facts: " + ", ".join(name.replace("_", " ") for name in changed),
        case=case,
        at=sheet.updated_at,
        changed={name: _plain(value) for name, value in changed.items()},
    )
    return sheet


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


def core_facts(case: Case, sheet: CaseFactSheet, today: date) -> CaseFacts:
    assessment = case.latest_assessment
    return CaseFacts(
        today=today,
        product_group=sheet.product_group or None,
        purchase_date=sheet.purchase_date,
        price=sheet.price,
        proof_of_purchase=sheet.proof_of_purchase,
        fault_confirmed=sheet.fault_confirmed,
        stock_available=sheet.stock_available,
        challenge_level=case.challenge_level,
        risks=tuple(assessment.risk_names) if assessment is not None else (),
    )


# Options


def limits_for(user: User) -> dict[Remedy, Authority]:
    """The user's own authority limits (people.AuthorityLimit), which replace their role's."""
    known = {remedy.value for remedy in Remedy}
    return {
        Remedy(remedy): Authority(allowed=allowed, max_amount=max_amount)
        for remedy, allowed, max_amount in AuthorityLimit.objects.filter(user=user).values_list(
            "remedy", "allowed", "max_amount"
        )
        if remedy in known
    }


@dataclass(frozen=True)
class CaseOptions:
    policy: Policy
    facts: CaseFacts
    sheet: CaseFactSheet
    options: list[Option]

    def option(self, remedy: Remedy) -> Option | None:
        return next((option for option in self.options if option.remedy == remedy), None)


def case_options(user: User, case: Case, *, today: date | None = None) -> CaseOptions:
    """Every way forward for the case as this user may take it (raises NoPolicy)."""
    policy = current_policy(case.organisation_id)
    sheet = fact_sheet(case)
    facts = core_facts(case, sheet, today or timezone.localdate())
    options = options_for(policy, facts, Role(user.role), limits_for(user))
    return CaseOptions(policy, facts, sheet, options)


def approver_words(policy: Policy, approver: Role | OutsideParty | None) -> str:
    if isinstance(approver, Role):
        return f"a {approver.label.lower()}"
    if isinstance(approver, OutsideParty):
        party = policy.outside_parties.get(approver)
        return f"{party.name} (through a manager)" if party else approver.value
    return "nobody in the chain of command"


def money(policy: Policy, amount: Decimal | None) -> str:
    return f"{policy.currency} {amount:,.2f}" if amount is not None else ""


def _remedy(policy: Policy, value: str) -> Remedy:
    try:
        remedy = Remedy(value)
    except ValueError:
        raise BadInput(f"There is no remedy called {value!r}.", "remedy") from None
    if remedy not in policy.remedies:
        raise BadInput(f"The policy offers no {remedy.value.replace('_', ' ')}.", "remedy")
    return remedy


def _amount(policy: Policy, option: Option, amount: Decimal | None) -> Decimal | None:
    """The amount agreed: the option's own unless a smaller one is given."""
    if option.amount is None and policy.remedies[option.remedy].amount == "none":
        if amount is not None:
            raise BadInput(f"{option.label} carries no amount of money.", "amount")
        return None
    if amount is None:
        amount = option.amount
    if amount is None:
        raise BadInput("Record the price paid in the case facts, or give the amount.", "amount")
    if amount <= 0:
        raise BadInput("The amount must be more than nothing.", "amount")
    if amount != amount.quantize(Decimal("0.01")):
        raise BadInput("The amount can have at most two decimal places.", "amount")
    if option.amount is not None and amount > option.amount:
        raise BadInput(
            f"{option.label} is at most {money(policy, option.amount)} for this case.", "amount"
        )
    return amount


def _check_open(case: Case) -> None:
    if not CaseStatus(case.status).is_open:
        raise Refused(
            f"The case is {CaseStatus(case.status).label.lower()}: re-open it before "
            "agreeing a way forward."
        )


def _own_authority(
    policy: Policy, user: User, remedy: Remedy, limits: dict[Remedy, Authority] | None = None
) -> Authority | None:
    limits = limits_for(user) if limits is None else limits
    return limits.get(remedy) or policy.authority.get(Role(user.role), {}).get(remedy)


def _possible_option(options: CaseOptions, remedy: Remedy) -> Option:
    option = options.option(remedy)
    assert option is not None
    if option.status == OptionStatus.NOT_POSSIBLE:
        raise Refused(f"{option.label} is not possible: {'; '.join(option.unmet)}.")
    return option


# Decisions


def _locked_open_case(actor: User, case: Case) -> Case:
    """The case, locked for the rest of the transaction, once the actor may write to it and
    it is still open."""
    check_can_write(actor, case)
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("latest_assessment")
        .get(pk=case.pk)
    )
    _check_open(case)
    return case


def _choose(
    options: CaseOptions, remedy: str, amount: Decimal | None
) -> tuple[Remedy, Option, Decimal | None]:
    """The remedy asked for, its option on this case and the amount it may be agreed at."""
    chosen = _remedy(options.policy, remedy)
    option = _possible_option(options, chosen)
    return chosen, option, _amount(options.policy, option, amount)


@transaction.atomic
def record_decision(
    actor: User,
    case: Case,
    remedy: str,
    amount: Decimal | None = None,
    note: str = "",
    *,
    now: datetime | None = None,
) -> tuple[Decision, bool]:
    """Record the way forward agreed with the customer (Unit 7 2.4, P4), only within the
    actor's authority; above it, AboveAuthority names who may agree it (Unit 7 P3).

    Returns (decision, created): the same decision sent again within REPEAT_WINDOW is the
    one already recorded, so a double submission never doubles it.
    """
    case = _locked_open_case(actor, case)
    now = now or timezone.now()
    options = case_options(actor, case, today=timezone.localdate(now))
    policy = options.policy
    chosen, option, agreed = _choose(options, remedy, amount)
    if not authority_covers(_own_authority(policy, actor, chosen), agreed):
        approver = approver_for(policy, Role(actor.role), chosen, agreed)
        what = f"{option.label}" + (f" of {money(policy, agreed)}" if agreed is not None else "")
        raise AboveAuthority(
            f"{what} is above your authority: escalate it to {approver_words(policy, approver)}.",
            approver,
        )
    earlier = _repeat(case, chosen, agreed, now)
    if earlier is not None:
        return earlier, False
    decision = Decision.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        remedy=chosen.value,
        amount=agreed,
        note=note.strip()[:500],
        decided_by=actor,
        decided_at=now,
    )
    audit(
        case.organisation_id,
        actor,
        "resolution.decided",
        f"Agreed: {option.label}" + (f", {money(policy, agreed)}" if agreed is not None else ""),
        case=case,
        at=now,
        decision_id=decision.pk,
        remedy=chosen.value,
        amount=_plain(agreed),
    )
    return decision, True


def _repeat(case: Case, remedy: Remedy, amount: Decimal | None, now: datetime) -> Decision | None:
    return (
        Decision.objects.filter(
            case=case, remedy=remedy.value, amount=amount, decided_at__gte=now - REPEAT_WINDOW
        )
        .order_by("-decided_at")
        .first()
    )


# Escalations


@transaction.atomic
def escalate(
    actor: User,
    case: Case,
    remedy: str,
    amount: Decimal | None = None,
    note: str = "",
    *,
    now: datetime | None = None,
    previous: Escalation | None = None,
    to: str = "",
) -> tuple[Escalation, bool]:
    """Send a way forward above the actor's authority up the chain of command with a
    handover summary (Unit 7 P3, M1; C1 2.5; C4 2.7). Returns (escalation, created): an
    open escalation of the same remedy on the case is returned, not doubled.

    `to` names one person (a username) to receive it instead of everyone in the role that
    may decide it; they must hold that role and be able to see the case."""
    case = _locked_open_case(actor, case)
    now = now or timezone.now()
    options = case_options(actor, case, today=timezone.localdate(now))
    policy = options.policy
    chosen, option, agreed = _choose(options, remedy, amount)
    if authority_covers(_own_authority(policy, actor, chosen), agreed):
        raise Refused(f"{option.label} is within your own authority: record the decision.")
    approver = approver_for(policy, Role(actor.role), chosen, agreed)
    if approver is None:
        raise Refused(f"Nobody in the chain of command may agree {option.label.lower()}.")
    existing = (
        Escalation.objects.filter(
            case=case,
            remedy=chosen.value,
            status__in=[Escalation.Status.OPEN, Escalation.Status.ACCEPTED],
        )
        .order_by("-raised_at")
        .first()
    )
    if existing is not None:
        return existing, False
    to_role, to_party, contact = _route(policy, case, approver)
    receiver = _named_receiver(case, to_role, to) if to.strip() else None
    reason = (
        f"{option.label}"
        + (f" of {money(policy, agreed)}" if agreed is not None else "")
        + f" is above the authority of {actor.display_name()} ({Role(actor.role).label.lower()})"
        + (f"; it goes to {contact}" if to_party else "")
    )
    recommended = option.label + (f" ({money(policy, agreed)})" if agreed is not None else "")
    escalation = Escalation.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        reason=Escalation.Reason.AUTHORITY,
        remedy=chosen.value,
        amount=agreed,
        raised_by=actor,
        to_role=to_role.value,
        to_user=receiver,
        to_party=to_party,
        to_party_contact=contact,
        handover=handover_for(case, options, reason, recommended, option.justification, note),
        previous=previous,
        raised_at=now,
    )
    announce(escalation, actor, now, f"Escalated {recommended} to {_to_words(escalation)}")
    return escalation, True


def receivers_for(case: Case, role: Role) -> QuerySet[User]:
    """The people who may receive an escalation of this case meant for `role`: active staff
    of the organisation in that role who can see the case (a team leader: of its team)."""
    people = User.objects.filter(organisation_id=case.organisation_id, role=role, is_active=True)
    if role == Role.TEAM_LEADER:
        people = people.filter(team_id=case.team_id)
    return people.order_by("first_name", "last_name", "username")


def _named_receiver(case: Case, role: Role, username: str) -> User:
    receiver = receivers_for(case, role).filter(username=username.strip()).first()
    if receiver is None:
        raise BadInput(
            f"{username.strip()!r} cannot receive this escalation: it goes to a "
            f"{role.label.lower()} who can see the case.",
            field="to",
        )
    return receiver


def _route(policy: Policy, case: Case, approver: Role | OutsideParty) -> tuple[Role, str, str]:
    """(role that handles it, outside party, the party's name and contact)."""
    if isinstance(approver, OutsideParty):
        party = policy.outside_parties.get(approver)
        contact = f"{party.name}, {party.contact}" if party else approver.value
        return Role.MANAGER, approver.value, contact
    if approver == Role.TEAM_LEADER and not team_leaders_of(case).exists():
        # The case's team has no team leader: the next role up handles it.
        return Role.MANAGER, "", ""
    return approver, "", ""


def _to_words(escalation: Escalation) -> str:
    if escalation.to_party:
        return f"{escalation.to_party_contact or escalation.to_party} (through a manager)"
    if escalation.to_user_id:
        return escalation.to_user.display_name()
    return f"the {Role(escalation.to_role).label.lower()}s"


def recipients(escalation: Escalation) -> QuerySet[User]:
    if escalation.to_user_id:
        return User.objects.filter(pk=escalation.to_user_id, is_active=True)
    if escalation.to_role == Role.TEAM_LEADER:
        return team_leaders_of(escalation.case)
    return managers_of(escalation.organisation_id)


def announce(escalation: Escalation, actor: User | None, now: datetime, summary: str) -> None:
    audit(
        escalation.organisation_id,
        actor,
        "escalation.raised",
        summary,
        case=escalation.case,
        at=now,
        escalation_id=escalation.pk,
        to_role=escalation.to_role,
        to_party=escalation.to_party,
    )
    notify(
        recipients(escalation),
        Notification.Kind.ESCALATION,
        f"{escalation.case.reference}: {summary}",
        organisation=escalation.organisation_id,
        case=escalation.case,
    )


def handover_for(
    case: Case,
    options: CaseOptions | None,
    reason: str,
    recommended: str,
    why: str,
    note: str,
    extra: tuple[str, ...] = (),
) -> str:
    """The handover summary for an escalation on this case (core.handover)."""
    assessment = case.latest_assessment
    level = case.challenge_level
    tried = [
        f"agreed {remedy_words(d.remedy).lower()}"
        + (f" ({d.amount:,.2f})" if d.amount is not None else "")
        + f" by {d.decided_by.display_name()}"
        for d in case.decisions.select_related("decided_by").order_by("decided_at")
    ]
    tried += [
        f"escalated {remedy_words(e.remedy).lower() or 'the case'}"
        f" ({e.get_status_display().lower()})"
        for e in case.escalations.order_by("raised_at")
    ]
    sheet = options.sheet if options is not None else fact_sheet(case)
    return handover_summary(
        HandoverFacts(
            reference=case.reference,
            customer_name=case.customer.name,
            stated_needs=case.customer.stated_needs(),
            subject=case.subject,
            issue=ISSUE_WORDS.get(case.issue, case.issue) if case.issue else "",
            challenge=_challenge_words(case, level),
            signals=assessment.signal_words if assessment is not None else (),
            point_of_view=(
                viewpoint.result.get("point_of_view")
                if (viewpoint := case.viewpoint_assessment) is not None
                else None
            ),
            key_facts=_key_facts(options.policy if options else None, sheet),
            wants=sheet.wants,
            tried=tried,
            message_count=case.message_count,
            recommended=recommended,
            why=why,
            reason=reason,
            note=note.strip()[:500],
            extra=extra,
        )
    )


def _challenge_words(case: Case, level: int | None) -> str:
    """The case's challenge level now and, when an earlier message was harder, at its
    highest: a customer calmer today ("Thursday is fine") was angry and threatening to leave
    last week, and whoever takes the handover needs both."""
    if level is None:
        return ""
    now = f"{level} of 3: {CHALLENGE_WORDS.get(level, '')}"
    peak = (
        case.assessments.filter(challenge_level__gt=level)
        .order_by("-challenge_level", "-assessed_at")
        .first()
    )
    if peak is None:
        return now
    signals = ", ".join(peak.signal_words)
    highest = f"{peak.challenge_level} of 3 at its highest" + (f" ({signals})" if signals else "")
    return f"{now} now, {highest}"


def _key_facts(policy: Policy | None, sheet: CaseFactSheet) -> list[str]:
    facts = []
    if sheet.product_group:
        group = policy.product_groups.get(sheet.product_group) if policy else None
        facts.append(f"product: {group.name if group else sheet.product_group}")
    if sheet.purchase_date:
        facts.append(f"bought {sheet.purchase_date:%-d %B %Y}")
    if sheet.price is not None:
        facts.append(f"paid {money(policy, sheet.price) if policy else sheet.price}")
    if sheet.pk is not None:
        facts.append("proof of purchase seen" if sheet.proof_of_purchase else "no proof seen")
        facts.append("fault confirmed" if sheet.fault_confirmed else "fault not confirmed")
        facts.append("in stock" if sheet.stock_available else "out of stock")
    return facts


def may_act_on(user: User, escalation: Escalation) -> bool:
    """Whether the user may accept, decide or send back this escalation."""
    if user.organisation_id != escalation.organisation_id or not user.is_active:
        return False
    if user.role == Role.MANAGER:
        return True  # a manager may take any escalation of the organisation
    if escalation.to_user_id:
        return user.pk == escalation.to_user_id
    if escalation.to_role != Role.TEAM_LEADER or user.role != Role.TEAM_LEADER:
        return False
    return cases_visible_to(user).filter(pk=escalation.case_id).exists()


def escalations_for(user: User) -> QuerySet[Escalation]:
    """The open escalations this user may act on: their inbox (Unit 7 P3)."""
    if user.organisation_id is None or user.role not in (Role.TEAM_LEADER, Role.MANAGER):
        return Escalation.objects.none()
    rows = Escalation.objects.filter(
        organisation_id=user.organisation_id,
        status__in=[Escalation.Status.OPEN, Escalation.Status.ACCEPTED],
    ).select_related("case", "case__customer", "raised_by", "receiver")
    if user.role == Role.MANAGER:
        return rows
    return rows.filter(
        Q(to_user=user)
        | Q(to_user__isnull=True, to_role=Role.TEAM_LEADER, case__in=cases_visible_to(user))
    )


def visible_escalation(user: User, escalation_id: int) -> Escalation:
    """An escalation on a case the user may see, else Escalation.DoesNotExist."""
    return Escalation.objects.select_related("case", "raised_by", "receiver").get(
        pk=escalation_id, case__in=cases_visible_to(user)
    )


def _locked(actor: User, escalation: Escalation) -> Escalation:
    if not may_act_on(actor, escalation):
        raise NotAllowed("This escalation is not yours to act on.")
    locked = Escalation.objects.select_for_update().get(pk=escalation.pk)
    if not locked.is_open:
        who = locked.receiver.display_name() if locked.receiver else "someone"
        raise Refused(
            f"This escalation was already {locked.get_status_display().lower()} by {who}; "
            "nothing was changed."
        )
    if (
        locked.receiver_id not in (None, actor.pk)
        and actor.role != Role.MANAGER
        and locked.status == Escalation.Status.ACCEPTED
    ):
        raise Refused(f"{locked.receiver.display_name()} has already taken this escalation.")
    return locked


def _tell_raiser(escalation: Escalation, text: str) -> None:
    if escalation.raised_by is not None:
        notify(
            [escalation.raised_by],
            Notification.Kind.ESCALATION,
            f"{escalation.case.reference}: {text}",
            organisation=escalation.organisation_id,
            case=escalation.case,
        )


@transaction.atomic
def accept(actor: User, escalation: Escalation, *, now: datetime | None = None) -> Escalation:
    """The receiver takes the escalation on; others see who has it."""
    escalation = _locked(actor, escalation)
    if escalation.status == Escalation.Status.ACCEPTED and escalation.receiver_id == actor.pk:
        return escalation
    now = now or timezone.now()
    escalation.status = Escalation.Status.ACCEPTED
    escalation.receiver = actor
    escalation.accepted_at = now
    escalation.save(update_fields=["status", "receiver", "accepted_at"])
    summary = f"{actor.display_name()} accepted the escalation"
    audit(
        escalation.organisation_id,
        actor,
        "escalation.accepted",
        summary,
        case=escalation.case,
        at=now,
        escalation_id=escalation.pk,
    )
    _tell_raiser(escalation, summary)
    return escalation


@transaction.atomic
def decide(
    actor: User,
    escalation: Escalation,
    outcome: str,
    *,
    remedy: str = "",
    amount: Decimal | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Escalation:
    """The receiver agrees a remedy within THEIR authority, or refuses with a reason.

    Two people deciding at once: the row lock lets one win; the other gets Refused.
    """
    escalation = _locked(actor, escalation)
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("latest_assessment", "customer")
        .get(pk=escalation.case_id)
    )
    now = now or timezone.now()
    note = note.strip()[:500]
    if outcome == Escalation.Outcome.REFUSED:
        if not note:
            raise BadInput("Give the reason for refusing, for the agent and the customer.", "note")
        summary = f"{actor.display_name()} refused the escalation: {note}"
    elif outcome == Escalation.Outcome.AGREED:
        _check_open(case)
        decision = _agree(actor, escalation, case, remedy or escalation.remedy, amount, note, now)
        summary = f"{actor.display_name()} agreed {remedy_words(decision.remedy).lower()}" + (
            f", {decision.amount:,.2f}" if decision.amount is not None else ""
        )
    else:
        raise BadInput("The outcome must be agreed or refused.", "outcome")
    escalation.status = Escalation.Status.DECIDED
    escalation.outcome = outcome
    escalation.receiver = actor
    escalation.decision_note = note
    escalation.closed_at = now
    escalation.save(update_fields=["status", "outcome", "receiver", "decision_note", "closed_at"])
    audit(
        escalation.organisation_id,
        actor,
        "escalation.decided",
        summary,
        case=case,
        at=now,
        escalation_id=escalation.pk,
        outcome=outcome,
    )
    _tell_raiser(escalation, summary)
    return escalation


def _agree(
    actor: User,
    escalation: Escalation,
    case: Case,
    remedy: str,
    amount: Decimal | None,
    note: str,
    now: datetime,
) -> Decision:
    if not remedy:
        raise BadInput("Choose the remedy agreed.", "remedy")
    options = case_options(actor, case, today=timezone.localdate(now))
    policy = options.policy
    chosen = _remedy(policy, remedy)
    option = _possible_option(options, chosen)
    if amount is None and chosen.value == escalation.remedy:
        amount = escalation.amount
    agreed = _amount(policy, option, amount)
    party = ""
    if escalation.to_party and chosen.value == escalation.remedy:
        # The outside party agreed it; the manager records their answer.
        contact = policy.outside_parties.get(OutsideParty(escalation.to_party))
        party = contact.name if contact else escalation.to_party
    elif not authority_covers(_own_authority(policy, actor, chosen), agreed):
        approver = approver_for(policy, Role(actor.role), chosen, agreed)
        raise AboveAuthority(
            f"{option.label} of {money(policy, agreed)} is above your authority too: pass it "
            f"up to {approver_words(policy, approver)}.",
            approver,
        )
    decision = Decision.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        remedy=chosen.value,
        amount=agreed,
        note=note,
        decided_by=actor,
        escalation=escalation,
        agreed_by_party=party,
        decided_at=now,
    )
    audit(
        case.organisation_id,
        actor,
        "resolution.decided",
        f"Agreed: {option.label}"
        + (f", {money(policy, agreed)}" if agreed is not None else "")
        + (f" (agreed by {party})" if party else " (escalation)"),
        case=case,
        at=now,
        decision_id=decision.pk,
        remedy=chosen.value,
        amount=_plain(agreed),
        escalation_id=escalation.pk,
    )
    return decision


@transaction.atomic
def send_back(
    actor: User, escalation: Escalation, note: str, *, now: datetime | None = None
) -> Escalation:
    """Return the escalation to the raiser with what is missing or what to do instead."""
    note = note.strip()[:500]
    if not note:
        raise BadInput("Say why it goes back and what the agent should do.", "note")
    escalation = _locked(actor, escalation)
    now = now or timezone.now()
    escalation.status = Escalation.Status.SENT_BACK
    escalation.receiver = actor
    escalation.decision_note = note
    escalation.closed_at = now
    escalation.save(update_fields=["status", "receiver", "decision_note", "closed_at"])
    summary = f"{actor.display_name()} sent the escalation back: {note}"
    audit(
        escalation.organisation_id,
        actor,
        "escalation.sent_back",
        summary,
        case=escalation.case,
        at=now,
        escalation_id=escalation.pk,
    )
    _tell_raiser(escalation, summary)
    return escalation


@transaction.atomic
def pass_up(
    actor: User, escalation: Escalation, note: str = "", *, now: datetime | None = None
) -> Escalation:
    """Above the receiver's authority too: send it on up the chain of command, with the
    handover, and close this step as passed up."""
    escalation = _locked(actor, escalation)
    if not escalation.remedy:
        raise Refused("Choose a remedy and escalate it from the case page instead.")
    now = now or timezone.now()
    note = note.strip()[:500]
    escalation.status = Escalation.Status.PASSED_UP
    escalation.receiver = actor
    escalation.closed_at = now
    escalation.save(update_fields=["status", "receiver", "closed_at"])
    onward, _created = escalate(
        actor,
        escalation.case,
        escalation.remedy,
        escalation.amount,
        note,
        now=now,
        previous=escalation,
    )
    escalation.decision_note = note or f"Passed up to {_to_words(onward)}"
    escalation.save(update_fields=["decision_note"])
    _tell_raiser(escalation, f"{actor.display_name()} passed the escalation up")
    return onward


def decisions_of(case: Case) -> QuerySet[Decision]:
    return case.decisions.select_related("decided_by", "escalation")


def previous_case_of(case: Case) -> Case | None:
    link = CaseLink.objects.filter(case=case).select_related("previous_case").first()
    return link.previous_case if link else None
