"""The case queue's filters, search and sort, shared by the web queue and the API list."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from calmdesk.cases.models import Case, Message
from calmdesk.core.channels import Channel
from calmdesk.core.lifecycle import CaseStatus
from calmdesk.people.models import User

SORTS: dict[str, tuple[str, ...]] = {
    "activity": ("-last_activity_at", "-id"),
    "oldest_activity": ("last_activity_at", "id"),
    "newest": ("-opened_at", "-id"),
    "oldest": ("opened_at", "id"),
    "reference": ("number",),
}
OPEN = "open"
# Sets of plain values: on Python 3.11 `"x" in SomeEnum` raises instead of answering False.
STATUSES = frozenset(s.value for s in CaseStatus)
CHANNELS = frozenset(c.value for c in Channel)


class BadFilter(ValueError):
    """A filter value the queue does not understand; the message names it."""


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""  # a CaseStatus value, "open" for anything not finished, or "" for all
    channel: str = ""
    team_id: int | None = None
    assignee: str = ""  # a user id, "me", "none" (unassigned) or "" for anyone
    q: str = ""
    sort: str = "activity"

    def __post_init__(self) -> None:
        if self.status and self.status != OPEN and self.status not in STATUSES:
            raise BadFilter(f"Unknown status {self.status!r}.")
        if self.channel and self.channel not in CHANNELS:
            raise BadFilter(f"Unknown channel {self.channel!r}.")
        if self.sort not in SORTS:
            raise BadFilter(f"Unknown sort {self.sort!r}; use one of {', '.join(SORTS)}.")
        if self.assignee not in {"", "me", "none"} and not self.assignee.isdigit():
            raise BadFilter(f"Unknown assignee {self.assignee!r}.")
        if len(self.q) > 200:
            raise BadFilter("Search for at most 200 characters.")


def filter_queue(cases: QuerySet[Case], filters: QueueFilters, user: User) -> QuerySet[Case]:
    """Narrow an already access-checked queryset by the queue's filters, then sort it."""
    if filters.status == OPEN:
        cases = cases.open()
    elif filters.status:
        cases = cases.filter(status=filters.status)
    if filters.channel:
        cases = cases.filter(first_channel=filters.channel)
    if filters.team_id is not None:
        cases = cases.filter(team_id=filters.team_id)
    if filters.assignee == "me":
        cases = cases.filter(assignee_id=user.pk)
    elif filters.assignee == "none":
        cases = cases.filter(assignee__isnull=True)
    elif filters.assignee:
        cases = cases.filter(assignee_id=int(filters.assignee))
    if filters.q.strip():
        cases = cases.filter(search_condition(filters.q.strip()))
    return cases.order_by(*SORTS[filters.sort])


def search_condition(term: str) -> Q:
    """Match a case by its reference, its customer's name, its subject or any message text."""
    condition = (
        Q(customer__name__icontains=term)
        | Q(subject__icontains=term)
        | Q(pk__in=Message.objects.filter(text__icontains=term).values("case_id"))
    )
    if term.upper().startswith("CD-"):
        condition |= Q(reference=term.upper())
    return condition
