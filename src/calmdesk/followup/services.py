"""Completing and following up (issue 4): each use-case names its acting user, checks their
rights, writes in one transaction and leaves an audit entry.

- Action requests to other departments with an owner, a due time and a status (Unit 7 3.3, P7).
- A follow-up after each finished action and before closing; the satisfaction check; no
  closing with open actions or without the check unless a reason is given (Unit 7 D2; C4 2.9).
- When the customer must next hear from us (C1 1.4, 2.6).
- The re-open watch (C4 2.9, 3.9).
- The timers the worker fires (`fire_due_timers`), once each, safely from several workers.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from calmdesk.cases.access import cases_visible_to, check_can_write
from calmdesk.cases.models import AuditEntry, Case, Message, MessageAssessment
from calmdesk.cases.services import audit, audit_entry
from calmdesk.core.intake import IntakeError
from calmdesk.core.lifecycle import CaseStatus, TransitionNotAllowed
from calmdesk.core.policy import Policy
from calmdesk.core.policy.schema import Remedy
from calmdesk.core.promises import (
    NextContact,
    follow_up_due,
    next_contact_due,
    reasons_to_watch,
)
from calmdesk.core.roles import NotAllowed, Role, rights_for
from calmdesk.followup.models import (
    ActionRequest,
    ContactPromise,
    FollowUp,
    ReopenWatch,
    SatisfactionCheck,
    Timer,
)
from calmdesk.notifications.models import Notification
from calmdesk.notifications.services import (
    managers_of,
    notifications,
    notify,
    team_leaders_of,
)
from calmdesk.people.models import User
from calmdesk.policy.services import policy_or_none

Kind = ActionRequest.Kind

# The remedy whose department the policy names for each kind of action.
REMEDY_FOR_KIND = {
    Kind.REPAIR: Remedy.REPAIR,
    Kind.SERVICE_VISIT: Remedy.REPAIR,
    Kind.TECHNICAL_SUPPORT: Remedy.TECHNICAL_SUPPORT,
    Kind.REFUND_PAYMENT: Remedy.REFUND,
}
DEFAULT_DEPARTMENT = {
    Kind.REPAIR: "Repairs",
    Kind.SERVICE_VISIT: "Field service",
    Kind.CALL_BACK: "Customer care",
    Kind.TECHNICAL_SUPPORT: "Technical support",
    Kind.REFUND_PAYMENT: "Finance",
}
FOLLOW_UP_TASK = (
    "Confirm with the customer that the {kind} was done, and ask whether they are satisfied."
)
BEFORE_CLOSING_TASK = "Before closing: ask the customer whether they are satisfied."


class FollowUpError(IntakeError):
    """Input a follow-up service will not keep; the message says what to change (an
    IntakeError, so the API answers it with a 400 like any other refused input)."""


def department_for(kind: str, policy: Policy | None) -> str:
    """The department that carries out this kind of action: the policy's, else a default."""
    kind = Kind(kind)
    remedy = REMEDY_FOR_KIND.get(kind)
    if policy is not None and remedy is not None and remedy in policy.remedies:
        named = policy.remedies[remedy].department
        if named:
            return named.replace("_", " ").capitalize()
    return DEFAULT_DEPARTMENT[kind]


def owners_for(case: Case) -> QuerySet[User]:
    """Who may own an action on this case: any active member of the case's organisation who
    can act on cases (other departments' staff included)."""
    return User.objects.filter(
        organisation_id=case.organisation_id,
        is_active=True,
        role__in=[Role.AGENT, Role.TEAM_LEADER, Role.MANAGER],
    ).order_by("first_name", "username")


# Action requests (Unit 7 3.3, P7)


@transaction.atomic
def create_action(
    actor: User,
    case: Case,
    *,
    kind: str,
    owner: User,
    due_at: datetime,
    department: str = "",
    note: str = "",
    now: datetime | None = None,
) -> ActionRequest:
    """Ask another department (or a colleague) to do something for the customer by a time."""
    check_can_write(actor, case)
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not CaseStatus(case.status).is_open:
        raise NotAllowed(
            f"{case.reference} is {case.get_status_display().lower()}: re-open it "
            "before asking for more work on it."
        )
    try:
        kind = Kind(kind)
    except ValueError:
        raise FollowUpError(f"Unknown kind of action {kind!r}.") from None
    if not owners_for(case).filter(pk=owner.pk).exists():
        raise FollowUpError(f"{owner.display_name()} cannot own actions in this organisation.")
    if due_at <= now:
        raise FollowUpError("The due time must be in the future.")
    department = " ".join(department.split())[:60] or department_for(
        kind, policy_or_none(case.organisation_id)
    )
    note = " ".join(note.split())[:500]
    # The same request sent twice (a double click, a retried call) is kept once.
    if ActionRequest.objects.filter(
        case=case, kind=kind, owner=owner, due_at=due_at, note=note, status="open"
    ).exists():
        raise TransitionNotAllowed("This action is already recorded on the case.")
    action = ActionRequest.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        kind=kind,
        department=department,
        owner=owner,
        due_at=due_at,
        note=note,
        created_by=actor,
        created_at=now,
    )
    _set_timer(f"action:{action.pk}", Timer.Kind.ACTION_OVERDUE, case, due_at, action=action)
    audit(
        case.organisation_id,
        actor,
        "action.requested",
        f"Asked {department} for a {kind.label.lower()} by {_when(due_at)}, "
        f"owner {owner.display_name()}",
        case=case,
        at=now,
        action_id=action.pk,
        kind=kind.value,
        owner=owner.pk,
        due_at=due_at.isoformat(),
    )
    return action


def check_can_settle(actor: User, action: ActionRequest) -> None:
    """The action's owner (who may work in another department) or anyone who may change the
    case may mark it done or cancel it."""
    is_owner = (
        actor.pk == action.owner_id
        and actor.is_active
        and actor.organisation_id == action.organisation_id
        and rights_for(actor.role).can_write
    )
    if not is_owner:
        check_can_write(actor, action.case)


def _locked_open_action(actor: User, action: ActionRequest) -> ActionRequest:
    check_can_settle(actor, action)
    locked = ActionRequest.objects.select_for_update().select_related("case").get(pk=action.pk)
    if not locked.is_open:
        who = locked.done_by.display_name() if locked.done_by else "someone"
        raise TransitionNotAllowed(
            f"This {locked.get_kind_display().lower()} was already marked "
            f"{locked.get_status_display().lower()} by {who}."
        )
    return locked


@transaction.atomic
def complete_action(
    actor: User, action: ActionRequest, *, outcome: str = "", now: datetime | None = None
) -> FollowUp:
    """Mark an action done; a follow-up to confirm it with the customer is created at once
    (Unit 7 D2; C4 2.9)."""
    now = now or timezone.now()
    action = _locked_open_action(actor, action)
    action.status = ActionRequest.Status.DONE
    action.done_at, action.done_by = now, actor
    action.outcome = " ".join(outcome.split())[:500]
    action.save(update_fields=["status", "done_at", "done_by", "outcome"])
    _drop_timer(f"action:{action.pk}")
    follow_up = _add_follow_up(
        action.case,
        FOLLOW_UP_TASK.format(kind=action.get_kind_display().lower()),
        now,
        action=action,
    )
    audit(
        action.organisation_id,
        actor,
        "action.done",
        f"{action.get_kind_display()} done"
        + (f": {action.outcome}" if action.outcome else "")
        + f"; follow up with the customer by {_when(follow_up.due_at)}",
        case=action.case,
        at=now,
        action_id=action.pk,
        follow_up_id=follow_up.pk,
    )
    return follow_up


@transaction.atomic
def cancel_action(
    actor: User, action: ActionRequest, *, reason: str, now: datetime | None = None
) -> ActionRequest:
    """Cancel an action that is no longer needed; the reason is kept."""
    reason = " ".join(reason.split())[:500]
    if not reason:
        raise FollowUpError("Say why the action is cancelled.")
    now = now or timezone.now()
    action = _locked_open_action(actor, action)
    action.status = ActionRequest.Status.CANCELLED
    action.done_at, action.done_by, action.outcome = now, actor, reason
    action.save(update_fields=["status", "done_at", "done_by", "outcome"])
    _drop_timer(f"action:{action.pk}")
    audit(
        action.organisation_id,
        actor,
        "action.cancelled",
        f"{action.get_kind_display()} cancelled: {reason}",
        case=action.case,
        at=now,
        action_id=action.pk,
    )
    return action


def actions_visible_to(user: User) -> QuerySet[ActionRequest]:
    return ActionRequest.objects.filter(case__in=cases_visible_to(user))


def action_for(user: User, action_id: int) -> ActionRequest:
    """An action the user may see: on a case they see, or one they own."""
    action = (
        actions_visible_to(user).filter(pk=action_id).first()
        or ActionRequest.objects.filter(pk=action_id, owner=user).first()
    )
    if action is None:
        raise Http404("No such action.")
    return action


def open_actions_for(user: User, who: str = "me") -> list[ActionRequest]:
    """Open actions the user owns ("me") or on their team's cases ("team"; a manager's team is
    the organisation), overdue first, then by due time (Unit 7 P7)."""
    if who == "me":
        actions = ActionRequest.objects.filter(
            owner=user, status=ActionRequest.Status.OPEN, organisation_id=user.organisation_id
        )
    elif who == "team":
        actions = actions_visible_to(user).filter(status=ActionRequest.Status.OPEN)
    else:
        raise FollowUpError(f"Unknown list {who!r}; use me or team.")
    # Overdue ones come first, most overdue first: that is simply the earliest due first.
    return list(actions.select_related("case", "owner").order_by("due_at", "id"))


# Follow-ups and the satisfaction check (Unit 7 D2; C4 2.9)


@transaction.atomic
def complete_follow_up(
    actor: User, follow_up: FollowUp, *, outcome: str, now: datetime | None = None
) -> FollowUp:
    outcome = " ".join(outcome.split())[:500]
    if not outcome:
        raise FollowUpError("Say what the customer told you (was it done? are they satisfied?).")
    check_can_write(actor, follow_up.case)
    now = now or timezone.now()
    locked = FollowUp.objects.select_for_update().select_related("case").get(pk=follow_up.pk)
    if not locked.is_open:
        raise TransitionNotAllowed("This follow-up was already recorded.")
    locked.status, locked.done_at, locked.done_by, locked.outcome = "done", now, actor, outcome
    locked.save(update_fields=["status", "done_at", "done_by", "outcome"])
    _drop_timer(f"followup:{locked.pk}")
    audit(
        locked.organisation_id,
        actor,
        "follow_up.done",
        f"Followed up: {outcome}",
        case=locked.case,
        at=now,
        follow_up_id=locked.pk,
    )
    return locked


@transaction.atomic
def record_satisfaction(
    actor: User, case: Case, *, rating: int, comment: str, now: datetime | None = None
) -> SatisfactionCheck:
    """Record the customer's answer to "are you satisfied?" (1-5 and their words). It answers
    every open follow-up of the case."""
    check_can_write(actor, case)
    if not 1 <= int(rating) <= 5:
        raise FollowUpError("The rating is from 1 (not at all satisfied) to 5 (completely).")
    comment = " ".join(comment.split())[:1000]
    if not comment:
        raise FollowUpError("Write down what the customer said.")
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    if SatisfactionCheck.objects.filter(
        case=case, rating=rating, comment=comment, recorded_at__gte=now - timedelta(minutes=10)
    ).exists():
        raise TransitionNotAllowed("This satisfaction check is already recorded.")
    check = SatisfactionCheck.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        rating=rating,
        comment=comment,
        recorded_by=actor,
        recorded_at=now,
    )
    open_follow_ups = list(case.follow_ups.select_for_update().filter(status="open"))
    for follow_up in open_follow_ups:
        follow_up.status, follow_up.done_at, follow_up.done_by = "done", now, actor
        follow_up.outcome = f"Satisfaction {rating} of 5: {comment}"[:500]
        _drop_timer(f"followup:{follow_up.pk}")
    FollowUp.objects.bulk_update(open_follow_ups, ["status", "done_at", "done_by", "outcome"])
    audit(
        case.organisation_id,
        actor,
        "satisfaction.recorded",
        f"Customer satisfaction {rating} of 5: {comment}",
        case=case,
        at=now,
        rating=rating,
        follow_ups=[f.pk for f in open_follow_ups],
    )
    return check


def closing_problems(case: Case) -> list[str]:
    """What stands in the way of closing the case without a reason (Unit 7 D2)."""
    problems = []
    open_actions = list(case.action_requests.filter(status="open").order_by("due_at"))
    if open_actions:
        names = ", ".join(
            f"{a.get_kind_display().lower()} ({a.department})" for a in open_actions[:3]
        )
        more = f" and {len(open_actions) - 3} more" if len(open_actions) > 3 else ""
        problems.append(f"{len(open_actions)} action(s) still open: {names}{more}.")
    if not case.satisfaction_checks.exists():
        problems.append("Nobody has asked the customer whether they are satisfied.")
    return problems


def check_before_close(actor: User, case: Case, old: str, new: str, reason: str) -> None:
    """Hook: a case is not closed with open actions or without a satisfaction check unless a
    reason is recorded (a customer who would not answer is a fair reason)."""
    if new != CaseStatus.CLOSED or reason:
        return
    problems = closing_problems(case)
    if problems:
        raise TransitionNotAllowed(
            " ".join(problems) + " Record a reason to close the case anyway."
        )


def _needs_closing_follow_up(case: Case) -> bool:
    return (
        not case.satisfaction_checks.exists()
        and not case.follow_ups.filter(status="open", action__isnull=True).exists()
    )


def after_status_change(actor: User, case: Case, old: str, new: str, reason: str) -> None:
    """Hook: keep the promise to the customer current; on resolving, add the follow-up that
    asks the customer whether they are satisfied before the case is closed."""
    now = timezone.now()
    if new == CaseStatus.RESOLVED and _needs_closing_follow_up(case):
        _add_follow_up(case, BEFORE_CLOSING_TASK, now)
    recompute_promises([case.pk], now=now)


def _add_follow_up(
    case: Case, task: str, now: datetime, *, action: ActionRequest | None = None
) -> FollowUp:
    """A follow-up due as the policy's update interval says, with its timer."""
    policy = policy_or_none(case.organisation_id)
    follow_up = FollowUp.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        action=action,
        task=task,
        due_at=follow_up_due(
            now, update_every_hours=policy.promises.update_every_hours if policy else None
        ),
        created_at=now,
    )
    _set_timer(
        f"followup:{follow_up.pk}",
        Timer.Kind.FOLLOW_UP_DUE,
        case,
        follow_up.due_at,
        follow_up=follow_up,
    )
    return follow_up


# Keeping the customer informed (C1 1.4, 2.6)


def recompute_promises(case_ids: Sequence[int], *, now: datetime | None = None) -> int:
    """Work out again when each case's customer must next hear from us; store it, and keep one
    unfired "update due" timer per case at that time. A fixed number of queries per call."""
    if not case_ids:
        return 0
    now = now or timezone.now()
    cases = list(
        Case.objects.filter(pk__in=case_ids)
        .annotate(
            last_out=Max("messages__sent_at", filter=Q(messages__direction="outbound")),
            last_in=Max("messages__sent_at", filter=Q(messages__direction="inbound")),
        )
        .values("pk", "organisation_id", "status", "opened_at", "last_out", "last_in")
    )
    policies: dict[int, Policy | None] = {}
    promises, timers = [], []
    for row in cases:
        org = row["organisation_id"]
        if org not in policies:
            policies[org] = policy_or_none(org)
        policy = policies[org]
        due = (
            _contact_due(policy, row["status"], row["opened_at"], row["last_out"], row["last_in"])
            if policy is not None
            else None
        )
        promises.append(
            ContactPromise(
                case_id=row["pk"],
                organisation_id=org,
                due_at=due.due_at if due else None,
                basis=due.basis.value if due else "",
                computed_at=now,
            )
        )
        if due is not None:
            timers.append(
                Timer(
                    organisation_id=org,
                    kind=Timer.Kind.UPDATE_DUE,
                    key=f"update:{row['pk']}",
                    case_id=row["pk"],
                    due_at=due.due_at,
                )
            )
    ContactPromise.objects.bulk_create(
        promises,
        update_conflicts=True,
        unique_fields=["case"],
        update_fields=["due_at", "basis", "computed_at"],
    )
    keys = [f"update:{pk}" for pk in case_ids]
    Timer.objects.filter(key__in=keys, fired_at__isnull=True).delete()
    if timers:
        # A lateness already told about is not told again when the promise is recomputed.
        told = set(
            Timer.objects.filter(
                key__in=[t.key for t in timers], fired_at__isnull=False
            ).values_list("key", "due_at")
        )
        Timer.objects.bulk_create([t for t in timers if (t.key, t.due_at) not in told])
    return len(promises)


def _contact_due(
    policy: Policy,
    status: str,
    opened_at: datetime,
    last_out: datetime | None,
    last_in: datetime | None,
) -> NextContact | None:
    """When the customer must next hear from us, by the policy's promises."""
    return next_contact_due(
        status,
        opened_at=opened_at,
        last_outbound_at=last_out,
        last_inbound_at=last_in,
        first_reply_hours=policy.promises.first_reply_hours,
        update_every_hours=policy.promises.update_every_hours,
    )


def stale_promise_cases(limit: int = 500) -> list[int]:
    """Open cases whose promise was never worked out or predates their latest activity
    (cases imported in bulk, messages stored by other paths)."""
    return list(
        Case.objects.open()
        .filter(
            Q(contact_promise__isnull=True)
            | Q(contact_promise__computed_at__lt=F("last_activity_at"))
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def refresh_stale_promises(limit: int = 500, now: datetime | None = None) -> int:
    with transaction.atomic():
        return recompute_promises(stale_promise_cases(limit), now=now)


@dataclass(frozen=True)
class PromiseView:
    due_at: datetime | None
    basis: str
    late: bool


def promise_for(case: Case, now: datetime | None = None) -> PromiseView | None:
    """The case's promise as stored, or worked out afresh (not stored) when it is stale."""
    now = now or timezone.now()
    stored = ContactPromise.objects.filter(case=case).first()
    if stored is None or stored.computed_at < case.last_activity_at:
        policy = policy_or_none(case.organisation_id)
        if policy is None:
            return None
        times = case.messages.aggregate(
            last_out=Max("sent_at", filter=Q(direction="outbound")),
            last_in=Max("sent_at", filter=Q(direction="inbound")),
        )
        due = _contact_due(policy, case.status, case.opened_at, times["last_out"], times["last_in"])
        if due is None:
            return PromiseView(None, "", False)
        return PromiseView(due.due_at, due.basis.value, due.is_late(now))
    late = stored.due_at is not None and stored.due_at < now
    return PromiseView(stored.due_at, stored.basis, late)


# The re-open watch (C4 2.9, 3.9)


@transaction.atomic
def watch_customer(
    actor: User | None,
    case: Case,
    *,
    reason: str,
    trigger: str = ReopenWatch.Trigger.AGENT,
    now: datetime | None = None,
) -> ReopenWatch:
    """Mark the customer of `case` as likely to come back, and tell the case's team leaders and
    the managers. `actor=None` is the engine. Another app calls this with
    trigger="refused_remedy" when a customer refuses the remedy offered.

    A customer already watched keeps their watch; the new reason is added to its audit trail.
    """
    if actor is not None:
        check_can_write(actor, case)
    reason = " ".join(reason.split())[:500]
    if not reason:
        raise FollowUpError("Say why the customer is likely to come back.")
    trigger = ReopenWatch.Trigger(trigger)
    now = now or timezone.now()
    existing = ReopenWatch.objects.filter(customer_id=case.customer_id, active=True).first()
    if existing is None:
        try:
            with transaction.atomic():
                watch = _new_watch(case, trigger, reason, actor, now)
                watch.save(force_insert=True)
        except IntegrityError:  # someone else raised one at the same moment
            existing = ReopenWatch.objects.get(customer_id=case.customer_id, active=True)
    if existing is not None:
        audit(
            case.organisation_id,
            actor,
            *_watch_entry(trigger, reason, raised=False),
            case=case,
            at=now,
            watch_id=existing.pk,
            trigger=trigger.value,
        )
        return existing
    notify(
        [*team_leaders_of(case), *managers_of(case.organisation_id)],
        Notification.Kind.REOPEN_WATCH,
        _likely_back(case, reason),
        organisation=case.organisation_id,
        case=case,
    )
    audit(
        case.organisation_id,
        actor,
        *_watch_entry(trigger, reason, raised=True),
        case=case,
        at=now,
        watch_id=watch.pk,
        trigger=trigger.value,
    )
    return watch


def _likely_back(case: Case, reason: str) -> str:
    """What the team leaders and managers are told when a watch is raised."""
    return f"{case.customer.name} ({case.reference}) is likely to come back: {reason}"


def _watch_entry(trigger: str, reason: str, *, raised: bool) -> tuple[str, str]:
    """The audit action and summary for a watch raised, or a reason added to one."""
    if raised:
        label = ReopenWatch.Trigger(trigger).label.lower()
        return "watch.raised", f"Customer likely to come back ({label}): {reason}"
    return "watch.reason_added", f"Also likely to come back: {reason}"


def _new_watch(
    case: Case, trigger: str, reason: str, actor: User | None, at: datetime
) -> ReopenWatch:
    """A watch on the case's customer, not yet saved."""
    return ReopenWatch(
        organisation_id=case.organisation_id,
        customer_id=case.customer_id,
        case=case,
        trigger=trigger,
        reason=reason,
        created_by=actor,
        created_at=at,
    )


@transaction.atomic
def clear_watch(
    actor: User, watch: ReopenWatch, *, note: str, now: datetime | None = None
) -> ReopenWatch:
    note = " ".join(note.split())[:500]
    if not note:
        raise FollowUpError("Say why the watch is no longer needed.")
    check_can_write(actor, watch.case)
    now = now or timezone.now()
    locked = ReopenWatch.objects.select_for_update().get(pk=watch.pk)
    if not locked.active:
        raise TransitionNotAllowed("This watch was already cleared.")
    locked.active, locked.cleared_at, locked.cleared_by, locked.cleared_note = (
        False,
        now,
        actor,
        note,
    )
    locked.save(update_fields=["active", "cleared_at", "cleared_by", "cleared_note"])
    audit(
        locked.organisation_id,
        actor,
        "watch.cleared",
        f"Re-open watch cleared: {note}",
        case=locked.case,
        at=now,
        watch_id=locked.pk,
    )
    return locked


def active_watch_for(case: Case) -> ReopenWatch | None:
    return (
        ReopenWatch.objects.filter(customer_id=case.customer_id, active=True)
        .select_related("case", "created_by")
        .first()
    )


def on_inbound(messages: Sequence[Message]) -> None:
    """Hook: after inbound messages are stored and assessed. Notes a watched customer's return,
    raises a watch when the assessment shows it, and keeps the promises current. A fixed number
    of queries however many messages arrive, so imports stay fast."""
    ids = [m.pk for m in messages]
    # What the engine writes is dated when the message was recorded (an import of old mail
    # keeps its own history), never later.
    recorded = {m.pk: m.recorded_at for m in messages}
    if all(Message.case.is_cached(m) for m in messages):
        customers = {m.case_id: m.case.customer_id for m in messages}
        organisations = {m.case.organisation_id for m in messages}
    else:
        rows = Case.objects.filter(pk__in={m.case_id for m in messages}).values_list(
            "pk", "customer_id", "organisation_id"
        )
        customers = {pk: customer for pk, customer, _ in rows}
        organisations = {org for _, _, org in rows}
    _note_returns(messages, customers)
    _watch_flagged(ids, recorded)
    # Without a policy there is no promise to keep; the cases' ids are the dict's keys.
    if any(policy_or_none(org) is not None for org in organisations):
        recompute_promises(list(customers))


def _watch_flagged(message_ids: list[int], recorded: dict[int, datetime]) -> None:
    """The engine's watches for messages whose assessment shows the customer is likely to
    come back, in message order, as `watch_customer` would raise them one at a time but in
    a fixed number of queries: an import of old mail can hold hundreds."""
    flagged = (
        MessageAssessment.objects.filter(message_id__in=message_ids)
        .filter(Q(trend="escalating") | Q(signals__name__in=["threat_leave", "threat_public"]))
        .distinct()
        .select_related("case", "case__customer")
        .order_by("message_id")
    )
    to_watch: list[tuple[Case, str, str, datetime]] = []
    for assessment in flagged:
        reasons = reasons_to_watch(assessment.trend, assessment.risk_names)
        if reasons:
            reason = " ".join(" ".join(reasons).split())[:500]
            trigger = _trigger_for(assessment.trend, assessment.risk_names)
            to_watch.append((assessment.case, reason, trigger, recorded[assessment.message_id]))
    if not to_watch:
        return
    try:
        with transaction.atomic():
            _write_watches(to_watch)
    except IntegrityError:
        # Another process watched one of these customers at the same moment: one at a time,
        # each settling its own race.
        for case, reason, trigger, at in to_watch:
            watch_customer(None, case, reason=reason, trigger=trigger, now=at)


def _write_watches(to_watch: list[tuple[Case, str, str, datetime]]) -> None:
    customer_ids = {case.customer_id for case, *_ in to_watch}
    watches = {
        watch.customer_id: watch
        for watch in ReopenWatch.objects.filter(customer_id__in=customer_ids, active=True)
    }
    raised: list[ReopenWatch] = []
    for case, reason, trigger, at in to_watch:
        if case.customer_id not in watches:
            watches[case.customer_id] = _new_watch(case, trigger, reason, None, at)
            raised.append(watches[case.customer_id])
    ReopenWatch.objects.bulk_create(raised)  # sets the ids: PostgreSQL, SQLite >= 3.35
    recipients = _staff_to_tell({watch.case for watch in raised}, managers=True)
    told: list[Notification] = []
    entries: list[AuditEntry] = []
    unannounced = {watch.pk for watch in raised}
    for case, reason, trigger, at in to_watch:
        watch = watches[case.customer_id]
        raised = watch.pk in unannounced
        if raised:
            unannounced.remove(watch.pk)
            told += notifications(
                recipients[case.pk],
                Notification.Kind.REOPEN_WATCH,
                _likely_back(case, reason),
                organisation=case.organisation_id,
                case=case,
            )
        entries.append(
            audit_entry(
                case.organisation_id,
                None,
                *_watch_entry(trigger, reason, raised=raised),
                case=case,
                at=at,
                watch_id=watch.pk,
                trigger=trigger,
            )
        )
    Notification.objects.bulk_create(told)
    AuditEntry.objects.bulk_create(entries)


def _staff_to_tell(cases: Iterable[Case], *, managers: bool) -> dict[int, list[User]]:
    """Per case, its team's team leaders (as `team_leaders_of` chooses them) and, with
    `managers`, the organisation's managers (as `managers_of`), read in one query."""
    cases = list(cases)
    roles = [Role.TEAM_LEADER, Role.MANAGER] if managers else [Role.TEAM_LEADER]
    staff = list(
        User.objects.filter(
            organisation_id__in={case.organisation_id for case in cases},
            role__in=roles,
            is_active=True,
        ).order_by("pk")
    )
    return {
        case.pk: [
            user
            for user in staff
            if user.organisation_id == case.organisation_id
            and (user.role == Role.MANAGER or user.team_id == case.team_id)
        ]
        for case in cases
    }


def _trigger_for(trend: str, risks: list[str]) -> str:
    if "threat_leave" in risks:
        return ReopenWatch.Trigger.THREAT_LEAVE
    if "threat_public" in risks:
        return ReopenWatch.Trigger.THREAT_PUBLIC
    return ReopenWatch.Trigger.ESCALATING


def _note_returns(messages: Sequence[Message], customers: dict[int, int]) -> None:
    """The first contact of a watched customer after the watch: remember which case it came
    on and tell the case's team leaders and assignee. A fixed number of queries."""
    first_case: dict[int, int] = {}
    first_at: dict[int, datetime] = {}
    for message in messages:
        first_case.setdefault(customers[message.case_id], message.case_id)
        first_at.setdefault(customers[message.case_id], message.recorded_at)
    # On the watched case itself, only a message after the watch counts as coming back.
    later_contact = Message.objects.filter(
        case_id=OuterRef("case_id"), direction="inbound", recorded_at__gt=OuterRef("created_at")
    )
    watches = list(
        ReopenWatch.objects.filter(
            customer_id__in=first_case, active=True, returned_at__isnull=True
        )
        .select_related("customer")
        .annotate(later_contact=Exists(later_contact))
    )
    cases = Case.objects.select_related("assignee").in_bulk(
        {first_case[watch.customer_id] for watch in watches}
    )
    returned = [
        watch
        for watch in watches
        if first_case[watch.customer_id] != watch.case_id or watch.later_contact
    ]
    if not returned:
        return
    leaders = _staff_to_tell([cases[first_case[w.customer_id]] for w in returned], managers=False)
    told: list[Notification] = []
    for watch in returned:
        case = cases[first_case[watch.customer_id]]
        watch.returned_case, watch.returned_at = case, first_at[watch.customer_id]
        told += notifications(
            [*leaders[case.pk], *([case.assignee] if case.assignee else [])],
            Notification.Kind.REOPEN_WATCH,
            f"{watch.customer.name}, on the re-open watch, has contacted us again "
            f"({case.reference}): read their history first.",
            organisation=case.organisation_id,
            case=case,
        )
    ReopenWatch.objects.bulk_update(returned, ["returned_case", "returned_at"])
    Notification.objects.bulk_create(told)


def customer_history(case: Case, limit: int = 10) -> list[Case]:
    """The customer's other cases, newest first, for the returning-customer panel."""
    return list(
        Case.objects.filter(customer_id=case.customer_id)
        .exclude(pk=case.pk)
        .order_by("-opened_at")[:limit]
    )


# Timers


def _set_timer(
    key: str,
    kind: str,
    case: Case,
    due_at: datetime,
    *,
    action: ActionRequest | None = None,
    follow_up: FollowUp | None = None,
) -> None:
    Timer.objects.filter(key=key, fired_at__isnull=True).delete()
    Timer.objects.create(
        organisation_id=case.organisation_id,
        kind=kind,
        key=key,
        case=case,
        action=action,
        follow_up=follow_up,
        due_at=due_at,
    )


def _drop_timer(key: str) -> None:
    Timer.objects.filter(key=key, fired_at__isnull=True).delete()


@dataclass(frozen=True)
class FireReport:
    fired: int
    notified: int


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[:80]


def fire_due_timers(
    now: datetime | None = None, limit: int | None = None, batch_size: int = 500
) -> FireReport:
    """Fire every timer due by `now` (at most `limit`), in batches of `batch_size`.

    Each batch is one transaction: the due rows are claimed with SELECT ... FOR UPDATE SKIP
    LOCKED (so several workers on PostgreSQL take different rows), marked fired only where
    still unfired (so SQLite's serialised writers cannot fire one twice either), and their
    notifications are written in the same transaction: a timer is fired and told about
    exactly once, or not at all.
    """
    now = now or timezone.now()
    token = worker_name()
    fired = told = 0
    while limit is None or fired < limit:
        size = batch_size if limit is None else min(batch_size, limit - fired)
        with transaction.atomic():
            ids = list(
                Timer.objects.filter(fired_at__isnull=True, due_at__lte=now)
                .order_by("due_at", "id")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:size]
            )
            if not ids:
                break
            Timer.objects.filter(pk__in=ids, fired_at__isnull=True).update(
                fired_at=now, fired_by=token
            )
            timers = list(
                Timer.objects.filter(pk__in=ids, fired_by=token).select_related(
                    "case", "case__customer", "case__assignee", "action", "follow_up"
                )
            )
            told += _notify_batch(timers, now)
        fired += len(timers)
        if len(ids) < size:
            break
    return FireReport(fired=fired, notified=told)


def _notify_batch(timers: list[Timer], now: datetime) -> int:
    leaders: dict[int, list[User]] = defaultdict(list)
    team_ids = {t.case.team_id for t in timers}
    for leader in User.objects.filter(team_id__in=team_ids, role=Role.TEAM_LEADER, is_active=True):
        leaders[leader.team_id].append(leader)
    owners = {
        u.pk: u
        for u in User.objects.filter(
            pk__in={t.action.owner_id for t in timers if t.action_id}, is_active=True
        )
    }
    promises = {
        p.case_id: p.due_at
        for p in ContactPromise.objects.filter(
            case_id__in=[t.case_id for t in timers if t.kind == Timer.Kind.UPDATE_DUE]
        )
    }
    notifications: list[Notification] = []
    counts: dict[int, list[int]] = defaultdict(list)
    for timer in timers:
        found = _notifications_for(timer, leaders, owners, promises)
        notifications.extend(found)
        counts[len(found)].append(timer.pk)
    Notification.objects.bulk_create(notifications)
    for count, pks in counts.items():
        if count:
            Timer.objects.filter(pk__in=pks).update(notified=count)
    return len(notifications)


def _notifications_for(
    timer: Timer,
    leaders: dict[int, list[User]],
    owners: dict[int, User],
    promises: dict[int, datetime | None],
) -> list[Notification]:
    """Who is told about one due timer, and what; nobody when its subject is settled."""
    case = timer.case
    people: Iterable[User]
    if timer.kind == Timer.Kind.ACTION_OVERDUE:
        action = timer.action
        if action is None or not action.is_open:
            return []
        owner = owners.get(action.owner_id)
        people = [*([owner] if owner else []), *leaders[case.team_id]]
        text = (
            f"{case.reference}: the {action.get_kind_display().lower()} for "
            f"{case.customer.name} ({action.department}) was due {_when(action.due_at)} "
            "and is not done."
        )
        kind = Notification.Kind.ACTION_OVERDUE
    elif timer.kind == Timer.Kind.FOLLOW_UP_DUE:
        follow_up = timer.follow_up
        if follow_up is None or not follow_up.is_open:
            return []
        people = _assignee_or_leaders(case, leaders)
        text = f"{case.reference}: follow up with {case.customer.name}. {follow_up.task}"
        kind = Notification.Kind.FOLLOW_UP_DUE
    else:
        if promises.get(case.pk) != timer.due_at or not CaseStatus(case.status).is_open:
            return []
        people = _assignee_or_leaders(case, leaders)
        text = (
            f"{case.reference}: {case.customer.name} was to hear from us by "
            f"{_when(timer.due_at)}. Send them an update."
        )
        kind = Notification.Kind.UPDATE_DUE
    unique = {user.pk: user for user in people}
    return [
        Notification(
            organisation_id=timer.organisation_id,
            recipient=user,
            case=case,
            kind=kind,
            text=text[:300],
        )
        for user in unique.values()
    ]


def _assignee_or_leaders(case: Case, leaders: dict[int, list[User]]) -> list[User]:
    """The case's active assignee, else its team's team leaders."""
    if case.assignee and case.assignee.is_active:
        return [case.assignee]
    return leaders[case.team_id]


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%-d %b %Y, %H:%M")
