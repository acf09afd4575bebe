"""The case queue's filters, search and sort, shared by the web queue and the API list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone

from calmdesk.cases.models import AssessmentSignal, Case, Customer, MessageAssessment
from calmdesk.core.assessment.labels import INDICATORS, ISSUES, RISKS
from calmdesk.core.channels import Channel
from calmdesk.core.lifecycle import CaseStatus
from calmdesk.people.models import User

SORTS: dict[str, tuple[Any, ...]] = {
    "activity": ("-last_activity_at", "-id"),
    # Most challenging first; cases not assessed yet come last.
    "challenge": (F("challenge_level").desc(nulls_last=True), "-last_activity_at", "-id"),
    "oldest_activity": ("last_activity_at", "id"),
    "newest": ("-opened_at", "-id"),
    "oldest": ("opened_at", "id"),
    "reference": ("number",),
}
OPEN = "open"
# Sets of plain values: on Python 3.11 `"x" in SomeEnum` raises instead of answering False.
STATUSES = frozenset(s.value for s in CaseStatus)
CHANNELS = frozenset(c.value for c in Channel)
CHALLENGE_LEVELS = range(4)


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
    min_challenge: int | None = None  # cases whose latest assessment is at this level or above
    indicator: str = ""  # an indicator the latest assessment found
    risk: str = ""  # a risk the latest assessment found
    issue: str = ""  # what the case is about (Case.issue_assessment)
    update_late: bool = False  # the customer should already have heard from us (C1 2.6)

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
        if self.min_challenge is not None and self.min_challenge not in CHALLENGE_LEVELS:
            raise BadFilter(f"Unknown challenge level {self.min_challenge!r}; use 0 to 3.")
        if self.indicator and self.indicator not in INDICATORS:
            raise BadFilter(f"Unknown indicator {self.indicator!r}.")
        if self.risk and self.risk not in RISKS:
            raise BadFilter(f"Unknown risk {self.risk!r}.")
        if self.issue and self.issue not in ISSUES:
            raise BadFilter(f"Unknown issue {self.issue!r}; use one of {', '.join(ISSUES)}.")


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
    if filters.min_challenge is not None:
        cases = cases.filter(challenge_level__gte=filters.min_challenge)
    for signal in (filters.indicator, filters.risk):
        if signal:
            # IN rather than a correlated EXISTS: both databases then read the signal's index
            # once instead of probing it per case (measured: about a third quicker).
            found = AssessmentSignal.objects.filter(name=signal).values("assessment_id")
            cases = cases.filter(latest_assessment_id__in=found)
    if filters.issue:
        about = MessageAssessment.objects.filter(issue=filters.issue).values("message_id")
        cases = cases.filter(issue_assessment_id__in=about)
    if filters.update_late:
        cases = cases.filter(contact_promise__due_at__lt=timezone.now())
    if filters.q.strip():
        cases = search(cases, filters.q)
    # When the customer must next hear from us (the follow-up app keeps it), read in the same
    # query as the rows so the queue flags late updates without a query per row. A subquery,
    # not a join: the page's COUNT then leaves it out (a join made it 4x slower on SQLite).
    promises = apps.get_model("followup", "ContactPromise").objects.filter(case=OuterRef("pk"))
    cases = cases.annotate(update_due_at=Subquery(promises.values("due_at")[:1])).annotate(
        update_is_late=ExpressionWrapper(
            Q(update_due_at__lt=timezone.now()), output_field=BooleanField()
        )
    )
    return cases.order_by(*SORTS[filters.sort])


REFERENCE = re.compile(r"CD-\d+", re.IGNORECASE)
WORD = re.compile(r"\w+")


def search_limit() -> int:
    """How many of its most recently active cases each way of matching may contribute.

    The limit makes a very common word cost no more than a rare one; the queue says when it
    was reached.
    """
    return settings.CALMDESK_SEARCH_LIMIT


def search(cases: QuerySet[Case], term: str) -> QuerySet[Case]:
    """Narrow `cases` to those matching a search term.

    A reference finds that case alone. Otherwise a case matches when the whole term appears in
    its customer's name or its subject, or when every word of the term is in its messages,
    matched by English stem ("refunds" finds "refunded").
    """
    term = term.strip()
    if REFERENCE.fullmatch(term):
        return cases.filter(reference=term.upper())
    sources = [
        cases.filter(customer_id__in=Customer.objects.filter(name__icontains=term).values("id")),
        cases.filter(subject__icontains=term),
    ]
    words = WORD.findall(term)[:12]
    if words:
        sources.append(cases.filter(_has_words(words)))
    # The matches are read once, here: the queue counts them and shows a page of them, and
    # a subquery would run the whole search again for each.
    return cases.filter(pk__in=_most_recent_ids(sources))


def _most_recent_ids(sources: list[QuerySet[Case]]) -> list[int]:
    """The ids of each source's most recent matches, read with one UNION.

    A UNION rather than an OR of conditions: with an OR the database must test every case one
    by one, where each part of a UNION is read through its own index.
    """
    parts, params = [], []
    for number, source in enumerate(sources):
        limited = source.order_by("-last_activity_at").values("id")[: search_limit()]
        sql, source_params = limited.query.sql_with_params()
        # SQLite allows LIMIT inside a UNION only within a sub-select.
        parts.append(f"SELECT id FROM ({sql}) AS source_{number}")  # noqa: S608
        params.extend(source_params)
    with connection.cursor() as cursor:
        # Every part is SQL compiled by Django; user input travels only in params.
        cursor.execute(" UNION ".join(parts), params)
        return [row[0] for row in cursor.fetchall()]


def _has_words(words: list[str]) -> Q:
    # Both indexes are made by migration 0004 (tsvector on PostgreSQL, FTS5 on SQLite). Whole
    # stems, not prefixes: PostgreSQL estimates how common a whole word is, and so picks the
    # right plan for a rare word and a common one. The words are \w+ runs passed as
    # parameters, so nothing in them can change the query.
    if connection.vendor == "postgresql":
        return Q(
            pk__in=RawSQL(
                "SELECT case_id FROM cases_case_search "
                "WHERE document @@ plainto_tsquery('english', %s)",
                [" ".join(words)],
            )
        )
    # FTS5 indexes single messages; a case matches when each word is in one of its messages.
    each_word = " INTERSECT ".join(
        "SELECT case_id FROM cases_message WHERE id IN "
        "(SELECT rowid FROM cases_message_fts WHERE cases_message_fts MATCH %s)"
        for _ in words
    )
    return Q(pk__in=RawSQL(each_word, [f'"{word}"' for word in words]))  # noqa: S611
