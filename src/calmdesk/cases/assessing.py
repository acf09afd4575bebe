"""Assessing inbound messages: when they arrive, and again after a model update (issue 3).

Every inbound message, from any channel or import, is read by the assessment engine in the
same transaction that stores it, so the queue and the case page never show a message
without its situation. A message the engine cannot read (empty text, a broken weights file)
is still stored, never dropped: it simply has no assessment until `reassess_pending` runs.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from calmdesk.cases.models import AssessmentSignal, Case, Message, MessageAssessment
from calmdesk.core.assessment import (
    Assessment,
    AssessmentInputError,
    ModelFileError,
    TextModel,
    assess,
    assess_batch,
    engine_version,
    load_model,
    trend_of,
)
from calmdesk.core.assessment.case_issue import IssueReading, case_issue_index, count_words
from calmdesk.people.models import User

logger = logging.getLogger(__name__)

# Messages assessed per transaction when re-assessing: a crash loses at most one chunk's work,
# and the next run starts from the first message still on an older model.
REASSESS_CHUNK = 500
# Cases brought up to date per UPDATE (SQLite allows 999 parameters per statement before 3.32).
CASES_PER_UPDATE = 500


def assess_messages(messages: Sequence[Message], *, model: TextModel | None = None) -> int:
    """Assess the inbound messages among `messages`, store the results (replacing any older
    ones) and bring each case's latest situation up to date. Returns how many were stored.

    Messages must be saved. Within each case they are taken in arrival (id) order, and the
    trend compares each with the case's earlier assessed messages.
    """
    inbound = sorted(
        (m for m in messages if m.direction == Message.Direction.INBOUND and m.text.strip()),
        key=lambda m: m.pk,
    )
    if not inbound:
        return 0
    try:
        model = model or load_model()
    except ModelFileError:
        # The contact matters more than its assessment: keep the messages, log loudly, and
        # let `calmdesk reassess` fill the gap once the weights are fixed.
        logger.exception("The assessment model cannot be loaded; messages stored unassessed.")
        return 0
    inbound, assessments = _assess_readable(inbound, model)
    levels = _earlier_levels(inbound)
    now = timezone.now()
    if not inbound:
        return 0
    rows: list[MessageAssessment] = []
    for message, assessment in zip(inbound, assessments, strict=True):
        assessment = replace(assessment, channel=message.channel)
        earlier = levels.setdefault(message.case_id, [])
        trend = ""
        if assessment.challenge_level is not None:
            if earlier:
                trend = trend_of(assessment.challenge_level, earlier)
            earlier.append(assessment.challenge_level)
        rows.append(_row(message, replace(assessment, trend=trend or None), now))
    _store(rows)
    _point_cases(sorted({row.case_id for row in rows}))
    return len(rows)


def _assess_readable(
    messages: list[Message], model: TextModel
) -> tuple[list[Message], list[Assessment]]:
    """The messages the engine can read and their assessments; one unreadable text (markup
    with no words, say) does not cost the others theirs.

    The model reads each message without the names its case knows (`known_names`). Each
    distinct text is read once for the same names: an assessment depends on the text and
    those names alone (the channel and trend are added after), so messages that repeat a
    text on cases with the same names, as exports of templated notes and auto-replies do,
    share one reading.
    """
    names_of = known_names(messages)
    keys = [(m.text, names_of[m.case_id]) for m in messages]
    distinct = list(dict.fromkeys(keys))
    try:
        readings = assess_batch(
            [text for text, _ in distinct],
            model=model,
            known_names=[names for _, names in distinct],
        )
        by_key = dict(zip(distinct, readings, strict=True))
    except AssessmentInputError:
        by_key = {}
        for text, names in distinct:
            try:
                by_key[text, names] = assess(text, model=model, known_names=names)
            except AssessmentInputError:
                continue
    readable = [(m, key) for m, key in zip(messages, keys, strict=True) if key in by_key]
    return [m for m, _ in readable], [by_key[key] for _, key in readable]


def known_names(messages: Sequence[Message]) -> dict[int, tuple[str, ...]]:
    """Per case of `messages`, the names the model must not read in them: the customer's,
    then the first and last names of every member of staff of the case's organisation (the
    agents a customer may thank or blame by name), in a stable order. Two queries.
    """
    case_ids = {m.case_id for m in messages}
    cases = Case.objects.filter(pk__in=case_ids).values_list(
        "pk", "organisation_id", "customer__name"
    )
    case_rows = list(cases)
    staff: dict[int, list[str]] = defaultdict(list)
    users = (
        User.objects.filter(organisation_id__in={org for _, org, _ in case_rows})
        .order_by("organisation_id", "pk")
        .values_list("organisation_id", "first_name", "last_name")
    )
    for organisation_id, first_name, last_name in users:
        staff[organisation_id] += [name for name in (first_name, last_name) if name.strip()]
    staff_names = {org: tuple(dict.fromkeys(names)) for org, names in staff.items()}
    return {
        case_id: (customer, *staff_names.get(organisation_id, ()))
        for case_id, organisation_id, customer in case_rows
    }


def _earlier_levels(messages: Sequence[Message]) -> dict[int, list[int]]:
    """Per case, the challenge levels of assessed messages that arrived before the first of
    `messages` in that case, oldest first."""
    first_by_case: dict[int, int] = {}
    for message in messages:
        first_by_case.setdefault(message.case_id, message.pk)
    levels: dict[int, list[int]] = {}
    stored = (
        MessageAssessment.objects.filter(case_id__in=first_by_case, challenge_level__isnull=False)
        .order_by("case_id", "message_id")
        .values_list("case_id", "message_id", "challenge_level")
    )
    for case_id, message_id, level in stored:
        if message_id < first_by_case[case_id]:
            levels.setdefault(case_id, []).append(level)
    return levels


def _row(message: Message, assessment: Assessment, now: Any) -> MessageAssessment:
    result = assessment.as_dict()
    return MessageAssessment(
        message_id=message.pk,
        case_id=message.case_id,
        model_version=assessment.model_version,
        issue=assessment.issue,
        issue_confidence=assessment.issue_confidence,
        words=count_words(assessment.text),
        challenge_level=assessment.challenge_level,
        trend=assessment.trend or "",
        language=assessment.needs.language or "",
        result=result,
        assessed_at=now,
    )


ASSESSMENT_FIELDS = [
    "model_version",
    "issue",
    "issue_confidence",
    "words",
    "challenge_level",
    "trend",
    "language",
    "result",
    "assessed_at",
]


def _store(rows: list[MessageAssessment]) -> None:
    ids = [row.message_id for row in rows]
    existing = set(
        MessageAssessment.objects.filter(message_id__in=ids).values_list("message_id", flat=True)
    )
    new = [row for row in rows if row.message_id not in existing]
    replaced = [row for row in rows if row.message_id in existing]
    MessageAssessment.objects.bulk_create(new)
    if replaced:
        MessageAssessment.objects.bulk_update(replaced, ASSESSMENT_FIELDS)
        AssessmentSignal.objects.filter(assessment_id__in=[r.message_id for r in replaced]).delete()
    AssessmentSignal.objects.bulk_create(
        AssessmentSignal(assessment_id=row.message_id, name=name)
        for row in rows
        for name in (*row.indicator_names, *row.risk_names)
    )


def _point_cases(case_ids: list[int]) -> None:
    """Point each case at its newest assessed inbound message, so an older message
    re-assessed later never takes its place, and at the one whose issue says what the case
    is about (core.assessment.case_issue, over all its assessed messages in arrival order).

    Per slice of cases: one read of their readings and one UPDATE for the cases about their
    newest message (nearly all: most cases have one); the few others get two more.
    """
    newest = MessageAssessment.objects.filter(case_id=OuterRef("pk")).order_by("-message_id")
    to_newest = {
        "latest_assessment_id": Subquery(newest.values("message_id")[:1]),
        "challenge_level": Subquery(newest.values("challenge_level")[:1]),
    }
    for start in range(0, len(case_ids), CASES_PER_UPDATE):
        chunk = case_ids[start : start + CASES_PER_UPDATE]
        readings: dict[int, list[tuple[int, IssueReading]]] = defaultdict(list)
        stored = (
            MessageAssessment.objects.filter(case_id__in=chunk)
            .order_by("case_id", "message_id")
            .values_list("case_id", "message_id", "issue", "issue_confidence", "words")
        )
        for case_id, message_id, issue, confidence, words in stored:
            readings[case_id].append((message_id, IssueReading(issue, confidence, words)))
        about_newest: list[int] = []
        about_earlier: dict[int, int] = {}
        for case_id, items in readings.items():
            index = case_issue_index([reading for _, reading in items])
            if index == len(items) - 1:
                about_newest.append(case_id)
            elif index is not None:
                about_earlier[case_id] = items[index][0]
        Case.objects.filter(pk__in=about_newest).update(
            **to_newest, issue_assessment_id=Subquery(newest.values("message_id")[:1])
        )
        if about_earlier:
            Case.objects.filter(pk__in=about_earlier).update(**to_newest)
            Case.objects.bulk_update(
                [Case(pk=pk, issue_assessment_id=about) for pk, about in about_earlier.items()],
                ["issue_assessment"],
            )


def pending_messages(model_version: str) -> QuerySet[Message]:
    """Inbound messages with no assessment or one from another engine version (model or
    rules), oldest first."""
    return (
        Message.objects.filter(direction=Message.Direction.INBOUND)
        .exclude(assessment__model_version=model_version)
        .order_by("pk")
    )


@dataclass(frozen=True)
class ReassessProgress:
    done: int  # messages read in this run
    pending: int  # messages after `cursor` still to read
    cursor: int  # the id of the last message read; a later run may start after it


def reassess_pending(
    *, chunk_size: int = REASSESS_CHUNK, limit: int | None = None, after: int = 0
) -> Iterator[ReassessProgress]:
    """Re-assess the messages (with ids above `after`) that the current model has not read,
    a chunk per transaction, yielding the progress after each chunk.

    Resumable by construction: each chunk commits, and a later run picks up the messages
    still on an older version (or none), so stopping midway loses at most one chunk's work.
    A message whose text cannot be assessed stays pending; the cursor moves past it.
    Workers on PostgreSQL skip rows another worker holds, so several may run at once.
    """
    model = load_model()
    done = 0
    cursor = after
    while limit is None or done < limit:
        size = chunk_size if limit is None else min(chunk_size, limit - done)
        with transaction.atomic():
            chunk = list(
                pending_messages(engine_version(model))
                .filter(pk__gt=cursor)
                .select_for_update(skip_locked=True, of=("self",))[:size]
            )
            if not chunk:
                return
            assess_messages(chunk, model=model)
        cursor = chunk[-1].pk
        done += len(chunk)
        pending = pending_messages(engine_version(model)).filter(pk__gt=cursor).count()
        yield ReassessProgress(done, pending, cursor)
