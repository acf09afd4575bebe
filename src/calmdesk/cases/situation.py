"""The situation card and the evidence highlighted in messages, from stored assessments.

Read first by the agent (C4 1.3-1.5; Unit 7 1.1, P1): what kind of situation this is, how
the customer is, which of their words show it, the risks, what they need, and their point
of view. Everything here is built from `MessageAssessment.result`, never re-computed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from calmdesk.cases.models import Message, MessageAssessment
from calmdesk.core.assessment.wording import (
    CHALLENGE_WORDS,
    TREND_WORDS,
    label_words,
    language_name,
)
from calmdesk.core.quoting import split_quoted_tail


@dataclass(frozen=True)
class Signal:
    """A present indicator or risk, with the customer's words that show it."""

    name: str
    words: str
    score: float
    evidence: tuple[str, ...]
    by_rule: bool  # a plain-words rule matched (as well as, or instead of, the model)


@dataclass(frozen=True)
class SituationCard:
    message_id: int
    issue: str
    issue_words: str
    issue_confidence: int  # percent
    challenge_level: int | None
    challenge_words: str
    trend: str
    trend_words: str
    indicators: tuple[Signal, ...]
    risks: tuple[Signal, ...]
    language: str
    other_languages: tuple[str, ...]
    access_needs: tuple[Signal, ...]
    terminology: str
    point_of_view: str | None
    supported: bool
    unsupported_reason: str | None
    caveats: tuple[str, ...] = field(default=())
    model_version: str = ""
    # Set when the newest customer message alone was read as another issue than the case's
    # (core.assessment.case_issue): the message that says what the case is about, and what
    # the newest was read as.
    issue_message_id: int | None = None
    newest_issue_words: str = ""
    newest_issue_confidence: int = 0


def situation_card(
    assessment: MessageAssessment | None,
    issue_assessment: MessageAssessment | None = None,
    viewpoint: MessageAssessment | None = None,
) -> SituationCard | None:
    """The card for a case's newest assessed message. The issue comes from
    `issue_assessment`, the message that says what the case is about, and the customer's
    point of view from `viewpoint` (Case.viewpoint_assessment), when those are given."""
    if assessment is None:
        return None
    about = issue_assessment or assessment
    viewpoint = viewpoint or assessment
    # The newest message alone was read as another issue than the case is about.
    reads_otherwise = about.issue != assessment.issue
    result = assessment.result
    needs = result.get("needs", {})
    level = assessment.challenge_level
    caveats = []
    if result.get("truncated"):
        caveats.append("The message is very long: only its first 100,000 characters were read.")
    if result.get("html_stripped"):
        caveats.append("The message was written in HTML: it was read without its markup.")
    return SituationCard(
        message_id=assessment.message_id,
        issue=about.issue,
        issue_words=about.issue_words,
        issue_confidence=round(about.issue_confidence * 100),
        challenge_level=level,
        challenge_words=CHALLENGE_WORDS.get(level, "not assessed") if level is not None else "",
        trend=assessment.trend,
        trend_words=TREND_WORDS.get(assessment.trend, ""),
        indicators=tuple(_signals(result.get("indicators", []))),
        risks=tuple(_signals(result.get("risks", []))),
        language=language_name(assessment.language) if assessment.language else "",
        other_languages=tuple(language_name(code) for code in needs.get("other_languages", [])),
        access_needs=tuple(
            Signal(
                name=need["kind"],
                words=need["kind"].capitalize(),
                score=1.0,
                evidence=tuple(span["text"] for span in need.get("evidence", [])),
                by_rule=True,
            )
            for need in needs.get("accessibility", [])
        ),
        terminology=needs.get("terminology", ""),
        point_of_view=viewpoint.result.get("point_of_view"),
        supported=bool(result.get("indicators_supported", True)),
        unsupported_reason=result.get("unsupported_reason"),
        caveats=tuple(caveats),
        model_version=assessment.model_version,
        issue_message_id=about.message_id if reads_otherwise else None,
        newest_issue_words=assessment.issue_words if reads_otherwise else "",
        newest_issue_confidence=round(assessment.issue_confidence * 100) if reads_otherwise else 0,
    )


def _signals(items: Iterable[dict[str, Any]]) -> Iterable[Signal]:
    for item in items:
        yield Signal(
            name=item["name"],
            words=label_words(item["name"]),
            score=item.get("score", 0.0),
            evidence=tuple(dict.fromkeys(span["text"] for span in item.get("evidence", []))),
            by_rule="cue" in item.get("sources", []),
        )


@dataclass(frozen=True)
class TimelineEntry:
    message: Message
    assessment: MessageAssessment | None
    # The customer's part of the message with its evidence marked, or None to show `text`.
    highlighted: SafeString | None
    # The message as shown: a customer's reply without the earlier message it quotes, which
    # is `quoted` (folded away on the page, and never read by the assessment).
    text: str
    quoted: str


def timeline_entries(messages: Sequence[Message]) -> list[TimelineEntry]:
    entries = []
    for message in messages:
        assessment = _assessment_of(message)
        inbound = message.direction == "inbound"
        text, quoted = split_quoted_tail(message.text) if inbound else (message.text, "")
        highlighted = highlight_evidence(text, assessment) if assessment else None
        entries.append(TimelineEntry(message, assessment, highlighted, text, quoted.strip("\n")))
    return entries


def _assessment_of(message: Message) -> MessageAssessment | None:
    try:
        return message.assessment
    except MessageAssessment.DoesNotExist:
        return None


def highlight_evidence(text: str, assessment: MessageAssessment) -> SafeString | None:
    """The text, escaped, with every evidence span in a <mark> that also says, for screen
    readers, which indicators or risks it shows. None when the spans do not index this text
    (HTML that was stripped before assessing) or when there is no evidence to show."""
    result = assessment.result
    if result.get("html_stripped"):
        return None
    spans: list[tuple[int, int, str]] = []
    for item in (*result.get("indicators", []), *result.get("risks", [])):
        for span in item.get("evidence", []):
            start, end = span["start"], span["end"]
            if text[start:end] != span["text"]:
                return None
            spans.append((start, end, label_words(item["name"])))
    if not spans:
        return None
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    parts: list[str] = []
    for start, end in itertools.pairwise(cuts):
        piece = escape(text[start:end])
        labels = list(dict.fromkeys(w for s, e, w in spans if s <= start and end <= e))
        if labels:
            shown = ", ".join(labels)
            piece = (
                f'<mark class="evidence" title="{escape(shown)}">{piece}'
                f'<span class="visually-hidden"> (evidence: {escape(shown)})</span></mark>'
            )
        parts.append(piece)
    return mark_safe("".join(parts))  # every piece of text above is escaped
