"""Tolerance and safety, one function per intent (issue 4; C4 1.6, 2.10, 3.8, 3.10).

Every function names the acting user, checks their role on the server, writes in one
transaction and leaves an audit entry. The two inbound hooks (`route_restricted_contacts`,
`raise_incidents_for`) never raise: a contact is always kept, whatever happens to what they
add to it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import QuerySet, Value
from django.utils import timezone

from calmdesk.cases.access import check_can_write
from calmdesk.cases.models import (
    AssessmentSignal,
    AuditEntry,
    Case,
    Customer,
    Message,
    MessageAssessment,
)
from calmdesk.cases.services import audit, audit_entry
from calmdesk.core.channels import Channel
from calmdesk.core.policy import Policy
from calmdesk.core.policy.schema import Behaviour, ToleranceStep
from calmdesk.core.roles import NotAllowed, Role, rights_for
from calmdesk.core.tolerance import (
    BEHAVIOUR_LABELS,
    RESTRICTING_STEPS,
    STEP_LABELS,
    StepNow,
    behaviours_found,
    may_decide,
    rule_for,
    step_now,
)
from calmdesk.notifications.models import Notification
from calmdesk.notifications.services import managers_of, notifications, notify, team_leaders_of
from calmdesk.people.models import User
from calmdesk.policy.services import NoPolicy, current_policy, policy_or_none
from calmdesk.protection.models import (
    ContactRestriction,
    IncidentStep,
    SafetyIncident,
    ToleranceStepTaken,
)

logger = logging.getLogger(__name__)

# Alerted when no policy is installed: a safety threat is never left unreported.
DEFAULT_ALERT_ROLES = (Role.TEAM_LEADER, Role.MANAGER)
# Message ids per query when the hooks look at a large import batch.
_SLICE = 500


class ProtectionError(ValueError):
    """Input the desk will not keep (a missing reason, an unknown step): said plainly."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Conflict(Exception):
    """Someone else acted first (a step just recorded, a restriction already lifted)."""


# Reading


@dataclass
class ToleranceState:
    """What the case page and the API show about the customer's tolerance record."""

    policy: Policy | None
    behaviours: list[Behaviour]
    earlier_steps: int
    now: StepNow | None
    history: list[ToleranceStepTaken]
    restriction: ContactRestriction | None
    # Behaviours found that no step of the policy answers at this point of the record.
    uncovered: list[Behaviour] = field(default_factory=list)

    @property
    def no_policy(self) -> bool:
        return self.policy is None


def active_restriction(customer: Customer | int) -> ContactRestriction | None:
    customer_id = customer if isinstance(customer, int) else customer.pk
    return (
        ContactRestriction.objects.filter(customer_id=customer_id, lifted_at__isnull=True)
        .select_related("contact_person", "decided_by", "step_taken__case")
        .first()
    )


def tolerance_state(case: Case) -> ToleranceState:
    """The step that applies now on this case given the customer's record (C4 1.6, 3.8)."""
    policy = policy_or_none(case.organisation_id)
    assessment = case.latest_assessment
    behaviours = behaviours_found(assessment.risk_names) if assessment else []
    if policy:
        # Only what the organisation treats as unacceptable: a customer who says they will
        # take their custom elsewhere, or go to the ombudsman, is within their rights.
        answered = {behaviour for rule in policy.tolerance for behaviour in rule.behaviours}
        behaviours = [b for b in behaviours if b in answered]
    history = list(
        ToleranceStepTaken.objects.filter(customer_id=case.customer_id).select_related(
            "actor", "case"
        )
    )
    earlier = len(history)
    now = step_now(policy.tolerance, behaviours, earlier) if policy and behaviours else None
    uncovered = []
    if policy:
        uncovered = [b for b in behaviours if step_now(policy.tolerance, [b], earlier) is None]
    return ToleranceState(
        policy=policy,
        behaviours=behaviours,
        earlier_steps=earlier,
        now=now,
        history=history,
        restriction=active_restriction(case.customer_id),
        uncovered=uncovered,
    )


# Recording a tolerance step


def _review_date(
    review_on: date | None, review_days: int | None, today: date, step: ToleranceStep
) -> date:
    if review_on is None:
        if review_days is None:
            raise ProtectionError(
                f"{STEP_LABELS[step]} needs a review date; the policy gives no default.",
                "review_on",
            )
        return today + timedelta(days=review_days)
    if review_on <= today:
        raise ProtectionError("The review date must be after today.", "review_on")
    return review_on


def _contact_person(actor: User, person: User | None) -> User | None:
    if person is None:
        return None
    if (
        person.organisation_id != actor.organisation_id
        or not person.is_active
        or not rights_for(person.role).can_write
    ):
        raise ProtectionError(
            f"{person.display_name()} cannot be the customer's named contact.", "contact_person"
        )
    return person


@transaction.atomic
def record_step(
    actor: User,
    case: Case,
    *,
    step: ToleranceStep | str,
    behaviour: Behaviour | str,
    note: str = "",
    earlier_steps: int | None = None,
    channel: Channel | str = "",
    contact_person: User | None = None,
    reason: str = "",
    review_on: date | None = None,
    now: datetime | None = None,
) -> ToleranceStepTaken:
    """Record a tolerance step taken with the customer of `case` (C4 1.6, 3.8).

    Agents and team leaders record the step that applies now; a manager may choose any step
    of the policy for the behaviour. A step the policy leaves to a manager is refused for
    anyone else. `earlier_steps` is the record the person saw: if it has changed since (a
    colleague just recorded a step), nothing is written and `Conflict` says so. Restricting
    contact and closing the relationship also record the restriction, with a reason and a
    review date (by default `review_days` from the policy).
    """
    check_can_write(actor, case)
    now = now or timezone.now()
    try:
        policy = current_policy(case.organisation_id)
    except NoPolicy:
        raise ProtectionError(
            "No policy is installed, so there are no tolerance steps to record."
        ) from None
    try:
        step = ToleranceStep(step)
    except ValueError:
        raise ProtectionError(f"Unknown tolerance step {step!r}.", "step") from None
    try:
        behaviour = Behaviour(behaviour)
    except ValueError:
        raise ProtectionError(f"Unknown behaviour {behaviour!r}.", "behaviour") from None
    rule = rule_for(policy.tolerance, step)
    if rule is None:
        raise ProtectionError(f"The policy has no step '{STEP_LABELS[step]}'.", "step")
    if behaviour not in rule.behaviours:
        raise ProtectionError(
            f"The policy does not answer {BEHAVIOUR_LABELS[behaviour].lower()} with "
            f"'{STEP_LABELS[step].lower()}'.",
            "behaviour",
        )
    if not may_decide(actor.role, rule.decided_by):
        raise NotAllowed(
            f"'{STEP_LABELS[step]}' is a {Role(rule.decided_by).label.lower()}'s decision; "
            "ask them to record it."
        )
    customer = Customer.objects.select_for_update().get(pk=case.customer_id)
    earlier = ToleranceStepTaken.objects.filter(customer=customer).count()
    if earlier_steps is not None and earlier_steps != earlier:
        raise Conflict(
            f"The customer's record changed while you were looking: {earlier} step(s) are "
            "recorded now. Nothing was recorded; check the step that applies now."
        )
    applies = step_now(policy.tolerance, [behaviour], earlier)
    if actor.role != Role.MANAGER and (applies is None or applies.step != step):
        now_words = f"'{applies.label}'" if applies else "no step"
        raise Conflict(
            f"With {earlier} earlier step(s), {now_words} applies now for "
            f"{BEHAVIOUR_LABELS[behaviour].lower()}, not '{STEP_LABELS[step]}'. Nothing was "
            "recorded."
        )
    note = note.strip()
    restriction_kwargs = {}
    if step in RESTRICTING_STEPS:
        reason = reason.strip()
        if not reason:
            raise ProtectionError(f"{STEP_LABELS[step]} needs a reason.", "reason")
        channel = Channel(channel).value if channel else ""
        contact_person = _contact_person(actor, contact_person)
        if step == ToleranceStep.RESTRICT_CONTACT and not channel and contact_person is None:
            raise ProtectionError(
                "Name the one channel or the one contact the customer is restricted to.",
                "channel",
            )
        restriction_kwargs = {
            "kind": step.value,
            "channel": channel,
            "contact_person": contact_person,
            "reason": reason,
            "review_on": _review_date(review_on, rule.review_days, timezone.localdate(now), step),
        }
    try:
        with transaction.atomic():
            taken = ToleranceStepTaken.objects.create(
                organisation_id=case.organisation_id,
                customer=customer,
                case=case,
                number=earlier + 1,
                step=step.value,
                behaviour=behaviour.value,
                decided_by=rule.decided_by.value,
                actor=actor,
                note=note,
                at=now,
            )
    except IntegrityError:
        raise Conflict(
            "Someone recorded a step for this customer at the same moment; nothing was "
            "recorded. Check the step that applies now."
        ) from None
    audit(
        case.organisation_id,
        actor,
        "protection.step_recorded",
        f"Tolerance step {taken.number}: {STEP_LABELS[step]} ({BEHAVIOUR_LABELS[behaviour]})",
        case=case,
        at=now,
        step=step.value,
        behaviour=behaviour.value,
        number=taken.number,
        decided_by=rule.decided_by.value,
        **({"note": note[:300]} if note else {}),
    )
    recipients = list(team_leaders_of(case))
    if restriction_kwargs:
        _restrict(actor, case, customer, taken, now, **restriction_kwargs)
        recipients += list(managers_of(case.organisation_id))
    notify(
        [user for user in recipients if user.pk != actor.pk],
        Notification.Kind.TOLERANCE,
        f"{STEP_LABELS[step]} recorded for {customer.name} on {case.reference} by "
        f"{actor.display_name()}.",
        organisation=case.organisation_id,
        case=case,
    )
    return taken


def _restrict(
    actor: User,
    case: Case,
    customer: Customer,
    taken: ToleranceStepTaken,
    now: datetime,
    **terms: object,
) -> ContactRestriction:
    for old in ContactRestriction.objects.select_for_update().filter(
        customer=customer, lifted_at__isnull=True
    ):
        _lift(actor, old, f"Replaced by a new decision on {case.reference}.", now)
    restriction = ContactRestriction.objects.create(
        organisation_id=case.organisation_id,
        customer=customer,
        step_taken=taken,
        decided_by=actor,
        decided_at=now,
        **terms,
    )
    audit(
        case.organisation_id,
        actor,
        "protection.restricted",
        f"{restriction.get_kind_display()} until review on {restriction.review_on:%d %b %Y}: "
        f"{restriction.terms()}",
        case=case,
        at=now,
        restriction_id=restriction.pk,
        kind=restriction.kind,
        channel=restriction.channel,
        contact_person=restriction.contact_person_id,
        review_on=restriction.review_on.isoformat(),
        reason=restriction.reason[:300],
    )
    if restriction.contact_person is not None and restriction.contact_person.pk != actor.pk:
        notify(
            [restriction.contact_person],
            Notification.Kind.TOLERANCE,
            f"You are now the named contact for {customer.name} ({case.reference}).",
            organisation=case.organisation_id,
            case=case,
        )
    return restriction


def _lift(actor: User, restriction: ContactRestriction, reason: str, now: datetime) -> None:
    restriction.lifted_by = actor
    restriction.lifted_at = now
    restriction.lift_reason = reason
    restriction.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
    audit(
        restriction.organisation_id,
        actor,
        "protection.restriction_lifted",
        f"{restriction.get_kind_display()} lifted: {reason}",
        case=restriction.step_taken.case,
        customer=restriction.customer,
        at=now,
        restriction_id=restriction.pk,
        reason=reason[:300],
    )


@transaction.atomic
def lift_restriction(
    actor: User, restriction: ContactRestriction, reason: str, *, now: datetime | None = None
) -> ContactRestriction:
    """Reverse a restriction or closure: a manager's decision, with a reason (C4 3.8)."""
    if actor.organisation_id != restriction.organisation_id or not actor.is_active:
        raise NotAllowed("You can only act inside your own organisation.")
    if actor.role != Role.MANAGER:
        raise NotAllowed("Only a manager can lift a restriction or re-open a relationship.")
    reason = reason.strip()
    if not reason:
        raise ProtectionError("Say why the restriction is lifted.", "reason")
    locked = (
        ContactRestriction.objects.select_for_update()
        .select_related("step_taken__case", "customer")
        .get(pk=restriction.pk)
    )
    if locked.lifted_at is not None:
        raise Conflict(f"This restriction was already lifted on {locked.lifted_at:%d %b %Y %H:%M}.")
    _lift(actor, locked, reason[:2000], now or timezone.now())
    return locked


# New contacts from a restricted customer


def _slices(values: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), _SLICE):
        yield values[start : start + _SLICE]


def protect_inbound(messages: Sequence[Message]) -> None:
    """The inbound hook (C4 1.6, 2.10, 3.8, 3.10): raise safety incidents, then route a
    restricted customer's contacts. One read finds whether there is anything to do, so a
    large import pays one query per batch; the writes run in a savepoint each. Never raises:
    a failure is logged and the contacts are kept."""
    try:
        threatening, restricted = _look(messages)
    except Exception:
        logger.exception("Could not check inbound messages for threats or restrictions.")
        return
    if threatening:
        raise_incidents_for(messages, threatening)
    if restricted:
        route_restricted_contacts(messages)


def _look(messages: Sequence[Message]) -> tuple[list[int], bool]:
    """(ids of messages read as a threat to safety, whether any restriction is in force in
    their organisations), in one query for the first slice of a batch."""
    ids = sorted(m.pk for m in messages if m.pk is not None)
    organisation_ids = sorted({m.organisation_id for m in messages})
    threatening: list[int] = []
    restricted = False
    for number, chunk in enumerate(_slices(ids)):
        signals = (
            AssessmentSignal.objects.filter(
                assessment_id__in=list(chunk), name=Behaviour.THREAT_SAFETY.value
            )
            .order_by()
            .values_list("assessment_id", Value(0))
        )
        if number == 0:
            restrictions = (
                ContactRestriction.objects.filter(
                    organisation_id__in=organisation_ids, lifted_at__isnull=True
                )
                .order_by()
                .values_list(Value(0), Value(1))
                .distinct()
            )
            signals = signals.union(restrictions, all=True)
        for message_id, is_restriction in signals:
            if is_restriction:
                restricted = True
            else:
                threatening.append(message_id)
    return threatening, restricted


def route_restricted_contacts(messages: Sequence[Message]) -> None:
    """A restricted customer's new contact is kept and goes to the named person (C4 1.6,
    3.8). Never raises: a failure here is logged and the contact stays."""
    try:
        with transaction.atomic():
            _route(messages)
    except Exception:
        logger.exception("Could not route contacts of restricted customers; they are kept.")


def _route(messages: Sequence[Message]) -> None:
    case_ids = sorted({m.case_id for m in messages})
    cases: dict[int, Case] = {}
    for ids in _slices(case_ids):
        cases.update(Case.objects.select_related("customer").in_bulk(list(ids)))
    customer_ids = {case.customer_id for case in cases.values()}
    restrictions = {
        r.customer_id: r
        for r in ContactRestriction.objects.filter(
            customer_id__in=customer_ids, lifted_at__isnull=True
        ).select_related("contact_person")
    }
    routed: set[int] = set()
    for message in messages:
        case = cases.get(message.case_id)
        restriction = restrictions.get(case.customer_id) if case else None
        if case is None or restriction is None:
            continue
        off_channel = bool(restriction.channel) and message.channel != restriction.channel
        audit(
            case.organisation_id,
            None,
            "protection.restricted_contact",
            f"Contact from a customer under restriction recorded by "
            f"{message.get_channel_display().lower()}: {restriction.terms()}"
            + (" This contact came by another channel." if off_channel else ""),
            case=case,
            message_id=message.pk,
            restriction_id=restriction.pk,
            off_channel=off_channel,
        )
        person = restriction.contact_person
        if person is None or case.pk in routed or not person.is_active:
            continue
        routed.add(case.pk)
        if case.assignee_id == person.pk and (not person.team_id or case.team_id == person.team_id):
            continue
        changes: dict[str, object] = {"assignee": person}
        # The named person must see the case: it moves to their team if they have one.
        if person.team_id and person.team_id != case.team_id:
            changes["team_id"] = person.team_id
        Case.objects.filter(pk=case.pk).update(**changes)
        old = case.assignee_id
        case.assignee = person
        audit(
            case.organisation_id,
            None,
            "case.assigned",
            f"Assigned to {person.display_name()}, the customer's named contact",
            case=case,
            old=old,
            new=person.pk,
            restriction_id=restriction.pk,
            **({"team": person.team_id} if "team_id" in changes else {}),
        )
        notify(
            [person],
            Notification.Kind.TOLERANCE,
            f"New contact from {case.customer.name} ({case.reference}): you are their named "
            "contact.",
            organisation=case.organisation_id,
            case=case,
        )


# Safety incidents


def alert_recipients(policy: Policy | None, case: Case) -> list[User]:
    """The people the policy names for a safety incident on this case (C4 2.10): team
    leaders of the case's team, the organisation's managers, agents of the case's team,
    trainers, and the named users, active staff of the organisation only."""
    roles = list(policy.safety.alert_roles) if policy else list(DEFAULT_ALERT_ROLES)
    usernames = list(policy.safety.alert_usernames) if policy else []
    staff = User.objects.filter(organisation_id=case.organisation_id, is_active=True)
    people: dict[int, User] = {}
    for role in roles:
        if role == Role.TEAM_LEADER:
            found: QuerySet[User] = team_leaders_of(case)
        elif role == Role.MANAGER:
            found = managers_of(case.organisation_id)
        elif role == Role.AGENT:
            found = staff.filter(role=Role.AGENT, team_id=case.team_id)
        else:
            found = staff.filter(role=role)
        people.update({user.pk: user for user in found})
    if usernames:
        people.update({user.pk: user for user in staff.filter(username__in=usernames)})
    return sorted(people.values(), key=lambda user: user.username)


@dataclass(frozen=True)
class _NewIncident:
    """An incident to raise: `policy` is the organisation's current one and `recipients`
    its alert_recipients for the case, read once per team by a caller raising many."""

    case: Case
    description: str
    message: Message | None
    now: datetime
    policy: Policy | None
    recipients: list[User]


def _create_incident(
    case: Case,
    *,
    actor: User | None,
    description: str,
    message: Message | None,
    now: datetime,
    policy: Policy | None,
    recipients: list[User],
) -> SafetyIncident:
    """One incident, as `_create_incidents` raises them."""
    new = _NewIncident(case, description, message, now, policy, recipients)
    return _create_incidents([new], actor=actor)[0]


def _create_incidents(new: Sequence[_NewIncident], *, actor: User | None) -> list[SafetyIncident]:
    """Each incident with its policy's steps, its audit entry and its alerts, as one write
    per table however many there are (an import can raise dozens in a batch)."""
    incidents = SafetyIncident.objects.bulk_create(  # sets the ids: PostgreSQL, SQLite >= 3.35
        SafetyIncident(
            organisation_id=item.case.organisation_id,
            case=item.case,
            customer_id=item.case.customer_id,
            message=item.message,
            source=SafetyIncident.Source.STAFF if actor else SafetyIncident.Source.ASSESSMENT,
            description=item.description[:4000],
            raised_by=actor,
            raised_at=item.now,
            alerted=[user.username for user in item.recipients],
        )
        for item in new
    )
    IncidentStep.objects.bulk_create(
        IncidentStep(incident=incident, position=position, text=text)
        for item, incident in zip(new, incidents, strict=True)
        if item.policy is not None
        for position, text in enumerate(item.policy.safety.steps, start=1)
    )
    AuditEntry.objects.bulk_create(
        audit_entry(
            item.case.organisation_id,
            actor,
            "protection.incident_raised",
            "Safety incident raised"
            + (" from the assessment of a message" if actor is None else "")
            + f"; alerted {len(item.recipients)} people",
            case=item.case,
            at=item.now,
            incident_id=incident.pk,
            alerted=incident.alerted,
            **({"message_id": item.message.pk} if item.message else {}),
        )
        for item, incident in zip(new, incidents, strict=True)
    )
    Notification.objects.bulk_create(
        told
        for item in new
        for told in notifications(
            [user for user in item.recipients if actor is None or user.pk != actor.pk],
            Notification.Kind.SAFETY,
            f"Safety incident on {item.case.reference} ({item.case.customer.name}): "
            f"{item.description}",
            organisation=item.case.organisation_id,
            case=item.case,
        )
    )
    return incidents


@transaction.atomic
def raise_incident(
    actor: User, case: Case, description: str, *, now: datetime | None = None
) -> SafetyIncident:
    """Raise a safety incident by hand from the case page (C4 2.10, 3.10)."""
    check_can_write(actor, case)
    description = description.strip()
    if not description:
        raise ProtectionError(
            "Say what happened: the words used and who is at risk.", "description"
        )
    policy = policy_or_none(case.organisation_id)
    return _create_incident(
        case,
        actor=actor,
        description=description,
        message=None,
        now=now or timezone.now(),
        policy=policy,
        recipients=alert_recipients(policy, case),
    )


def raise_incidents_for(
    messages: Sequence[Message], threatening: Sequence[int] | None = None
) -> None:
    """A message whose assessment finds a threat to safety raises an incident at once, one
    per message however often it is seen (C4 2.10, 3.10). `threatening`: the ids of those
    messages when already known. Never raises: a failure is logged."""
    try:
        if threatening is None:
            threatening = _look(messages)[0]
        with transaction.atomic():
            _raise_for(messages, threatening)
    except Exception:
        logger.exception("Could not raise safety incidents for inbound messages.")


def _raise_for(messages: Sequence[Message], threatening: Sequence[int]) -> None:
    if not threatening:
        return
    already = set(
        SafetyIncident.objects.filter(message_id__in=threatening).values_list(
            "message_id", flat=True
        )
    )
    by_id = {m.pk: m for m in messages}
    to_raise = sorted(set(threatening) - already)
    cases = Case.objects.select_related("customer").in_bulk({by_id[i].case_id for i in to_raise})
    assessments = MessageAssessment.objects.in_bulk(to_raise)
    # The policy is read once per organisation; the people alerted depend only on the policy
    # and the case's team: read once per team.
    policies: dict[int, Policy | None] = {}
    alerted: dict[tuple[int, int | None], list[User]] = {}
    new: list[_NewIncident] = []
    for message_id in to_raise:
        message = by_id[message_id]
        case = cases[message.case_id]
        if case.organisation_id not in policies:
            policies[case.organisation_id] = policy_or_none(case.organisation_id)
        policy = policies[case.organisation_id]
        team = (case.organisation_id, case.team_id)
        if team not in alerted:
            alerted[team] = alert_recipients(policy, case)
        text = " ".join(message.text.split())
        text = text if len(text) <= 240 else text[:239] + "…"
        description = f'{message.get_channel_display()} message: "{text}" ' + _why_safety(
            assessments[message_id].result
        )
        # Raised when the message was stored: an imported or back-dated message gets an
        # incident of its own time, not of the moment of the import.
        new.append(
            _NewIncident(case, description, message, message.recorded_at, policy, alerted[team])
        )
    if not new:
        return
    try:
        with transaction.atomic():
            _create_incidents(new, actor=None)
    except IntegrityError:
        # Another process raised one for some of these messages at the same moment: one at
        # a time, each settling its own race.
        for item in new:
            try:
                with transaction.atomic():
                    _create_incidents([item], actor=None)
            except IntegrityError:
                continue


def _why_safety(result: dict) -> str:
    """Why the assessment read a threat to safety, for the incident's description: the words a
    rule knows, or, when the model alone read it, that and no more (its evidence words, such
    as "called" or "driver", would mislead)."""
    risk = next(
        (r for r in result.get("risks", []) if r.get("name") == Behaviour.THREAT_SAFETY.value), {}
    )
    if "cue" in risk.get("sources", []):
        words = ", ".join(f'"{evidence["text"]}"' for evidence in risk.get("evidence", [])[:3])
        return f"Read as a threat to safety in the words {words}."
    return (
        "Read as a possible threat to safety by the model, in no words the rules know: read the "
        "message to judge it."
    )


def check_can_work_on_incident(actor: User, incident: SafetyIncident) -> None:
    if actor.role == Role.MANAGER and actor.organisation_id == incident.organisation_id:
        return
    check_can_write(actor, incident.case)


@transaction.atomic
def tick_step(actor: User, step: IncidentStep, *, now: datetime | None = None) -> IncidentStep:
    """Record that one safety step was done, by whom and when (C4 2.10)."""
    check_can_work_on_incident(actor, step.incident)
    locked = IncidentStep.objects.select_for_update().select_related("incident").get(pk=step.pk)
    if locked.done_at is not None:
        raise Conflict(
            f"Step {locked.position} was already ticked by "
            f"{locked.done_by.display_name() if locked.done_by else 'someone'}."
        )
    if locked.incident.status == SafetyIncident.Status.CLOSED:
        raise Conflict("The incident is closed; its steps can no longer change.")
    locked.done_by = actor
    locked.done_at = now or timezone.now()
    locked.save(update_fields=["done_by", "done_at"])
    audit(
        locked.incident.organisation_id,
        actor,
        "protection.incident_step",
        f"Safety step {locked.position} done: {locked.text}",
        case=locked.incident.case,
        at=locked.done_at,
        incident_id=locked.incident_id,
        position=locked.position,
    )
    return locked


@transaction.atomic
def close_incident(
    actor: User, incident: SafetyIncident, note: str, *, now: datetime | None = None
) -> SafetyIncident:
    """Close an incident: a manager's decision, with a note of what was done (C4 3.10)."""
    if actor.role != Role.MANAGER or actor.organisation_id != incident.organisation_id:
        raise NotAllowed("Only a manager can close a safety incident.")
    note = note.strip()
    if not note:
        raise ProtectionError("Say what was done before closing the incident.", "note")
    locked = SafetyIncident.objects.select_for_update().select_related("case").get(pk=incident.pk)
    if locked.status == SafetyIncident.Status.CLOSED:
        raise Conflict("The incident is already closed.")
    locked.status = SafetyIncident.Status.CLOSED
    locked.closed_by = actor
    locked.closed_at = now or timezone.now()
    locked.close_note = note[:4000]
    locked.save(update_fields=["status", "closed_by", "closed_at", "close_note"])
    audit(
        locked.organisation_id,
        actor,
        "protection.incident_closed",
        f"Safety incident closed: {note[:200]}",
        case=locked.case,
        at=locked.closed_at,
        incident_id=locked.pk,
    )
    return locked


def incidents_visible_to(user: User) -> QuerySet[SafetyIncident]:
    """The incident log: a manager's, for their organisation only (C4 3.10)."""
    if not user.is_authenticated or not user.is_active or user.role != Role.MANAGER:
        return SafetyIncident.objects.none()
    return SafetyIncident.objects.filter(organisation_id=user.organisation_id)
