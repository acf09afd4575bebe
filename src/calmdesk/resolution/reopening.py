"""Re-opening (issue 4; C4 2.9, 3.9; C1 1.4): a finished case re-opens when the customer
comes back within the policy's `reopen_window_days`; after that, their new contact opens a
new case linked to the old one. A customer who re-opens the same matter
`reopen_escalate_after` times has it escalated to the team leader automatically.

The cases app calls `starts_new_case`, `open_successor` and `after_reopen` where an inbound
message meets a finished case (`record_message`; an import's `_case_for`).
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from django.utils import timezone

from calmdesk.cases.models import AuditEntry, Case, Message
from calmdesk.core.lifecycle import CaseStatus
from calmdesk.core.roles import Role
from calmdesk.notifications.services import team_leaders_of
from calmdesk.people.models import User
from calmdesk.policy.services import NoPolicy, current_policy
from calmdesk.resolution.models import CaseLink, Escalation

# An import decides in `_case_for` that a message starts a new case, before that case has
# an id; the link is made by the inbound hook once the batch is stored. Per thread, and
# emptied as each link is made, so nothing outlives the import that put it here.
_pending = threading.local()


def finished_at(case: Case) -> datetime | None:
    """When the case was last resolved (or closed, if it never was resolved): the time of
    the newest such move recorded."""
    moves = AuditEntry.objects.filter(case=case, action="case.status_changed")
    for status in (CaseStatus.RESOLVED, CaseStatus.CLOSED):
        at = moves.filter(detail__new=status.value).order_by("-id").values_list("at", flat=True)
        if found := at.first():
            return found
    return None


def starts_new_case(case: Case, at: datetime) -> bool:
    """Whether a new contact at `at` on this finished case opens a new, linked case."""
    if CaseStatus(case.status).is_open:
        return False
    try:
        policy = current_policy(case.organisation_id)
    except NoPolicy:
        return False  # without a policy there is no window: the case re-opens as before
    finished = finished_at(case)
    if finished is None:
        return False
    return at > finished + timedelta(days=policy.promises.reopen_window_days)


def matter_of(case: Case) -> list[int]:
    """The ids of this case and every case before it on the same matter, newest first."""
    ids = [case.pk]
    while (
        previous := CaseLink.objects.filter(case_id=ids[-1])
        .values_list("previous_case_id", flat=True)
        .first()
    ) is not None and previous not in ids:
        ids.append(previous)
    return ids


def reopen_count(case: Case) -> int:
    """How often the customer has re-opened this matter: re-opened cases plus new cases
    opened after the window."""
    ids = matter_of(case)
    reopened = AuditEntry.objects.filter(
        case_id__in=ids, action="case.status_changed", detail__new=CaseStatus.REOPENED.value
    ).count()
    return reopened + len(ids) - 1


def after_reopen(actor: User | None, case: Case, at: datetime, *, pending: int = 0) -> None:
    """Escalate the matter to the team leader once it has been re-opened often enough.

    `pending` counts a re-opening whose audit entry is not written yet (an import writes
    its entries at the end of a batch).
    """
    try:
        policy = current_policy(case.organisation_id)
    except NoPolicy:
        return
    count = reopen_count(case) + pending
    limit = policy.promises.reopen_escalate_after
    if count < limit:
        return
    if Escalation.objects.filter(
        case_id__in=matter_of(case),
        reason=Escalation.Reason.REOPENED,
        status__in=[Escalation.Status.OPEN, Escalation.Status.ACCEPTED],
    ).exists():
        return  # already with the team leader
    from calmdesk.resolution import services

    reason = (
        f"The customer has re-opened this matter {count} times "
        f"(the policy escalates after {limit}); it needs a team leader's attention"
    )
    escalation = Escalation.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        reason=Escalation.Reason.REOPENED,
        raised_by=None,
        to_role=(Role.TEAM_LEADER if team_leaders_of(case).exists() else Role.MANAGER).value,
        handover=services.handover_for(case, None, reason, "", "", ""),
        raised_at=at,
    )
    services.announce(escalation, actor, at, f"Escalated automatically: re-opened {count} times")


def open_successor(
    actor: User | None,
    previous: Case,
    *,
    channel: str,
    text: str,
    subject: str = "",
    sent_at: datetime,
    external_id: str = "",
    in_reply_to: str = "",
    now: datetime | None = None,
) -> Message:
    """Open a new case for the customer's new contact, linked to the finished one."""
    from calmdesk.cases.services import open_case

    case = open_case(
        actor,
        previous.organisation,
        customer=previous.customer,
        channel=channel,
        text=text,
        subject=subject or previous.subject,
        team=previous.team,
        sent_at=sent_at,
        external_id=external_id,
        in_reply_to=in_reply_to,
        now=now,
    )
    link(actor, case, previous, now or timezone.now())
    return case.messages.get()


def link(actor: User | None, case: Case, previous: Case, now: datetime) -> CaseLink:
    from calmdesk.cases.services import audit

    found, created = CaseLink.objects.get_or_create(
        case=case, defaults={"previous_case": previous, "created_at": now}
    )
    if created:
        audit(
            case.organisation_id,
            actor,
            "case.linked",
            f"Opened after the re-open window of {previous.reference}: the same matter",
            case=case,
            at=now,
            previous=previous.reference,
        )
        audit(
            case.organisation_id,
            actor,
            "case.linked",
            f"The customer came back after the re-open window: {case.reference} continues it",
            case=previous,
            at=now,
            next=case.reference,
        )
        after_reopen(actor, case, now)
    return found


def expect_successor(organisation_id: int, message_key: str, previous: Case) -> None:
    """An import will store `message_key` on a new case that follows `previous`."""
    if not hasattr(_pending, "links"):
        _pending.links = {}
    _pending.links[(organisation_id, message_key)] = previous.pk


def link_successors(messages: list[Message]) -> None:
    """The inbound hook: make the links an import announced with `expect_successor`."""
    links = getattr(_pending, "links", None)
    if not links:
        return
    for message in messages:
        previous_id = links.pop((message.organisation_id, message.external_id), None)
        if previous_id is not None:
            previous = Case.objects.get(pk=previous_id)
            link(None, message.case, previous, message.recorded_at)


def case_for_contact(actor: User | None, case: Case, at: datetime, message_key: str) -> Case | None:
    """For an import: the case an inbound message on `case` belongs to, or None when it
    must open a new case (after the window; linked once stored). Counts a re-opening."""
    if CaseStatus(case.status).is_open:
        return case
    if starts_new_case(case, at):
        expect_successor(case.organisation_id, message_key, case)
        return None
    after_reopen(actor, case, at, pending=1)
    return case
