"""Measuring the reply checker (issue 5 "Evaluation"; C4 3.6-3.7, C1 3.8): precision, recall
and F1 per finding type on the project's labelled replies (dev, heldout) and on the blind batch
(datasets/replies_blind.jsonl), and findings per 100 real professional agent replies (Twitter
customer care, dev split).

A finding matches a labelled one when the types are equal and the spans overlap; the
missing-part types (no_next_step, no_empathy) match by type alone. Each labelled finding and
each found finding is matched at most once.

Pure Python, no Django: the customer's indicators and terminology come from
calmdesk.core.assessment.assess.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from calmdesk.core.replies.checker import (
    FINDING_TYPES,
    MISSING_PART_TYPES,
    UPSET_INDICATORS,
    Finding,
    ReplyContext,
    check_reply,
)

# A feeling counts for the empathy rule only when the model is fairly sure of it: on real
# replies, feelings scored below this were mostly misreadings of routine requests.
FEELING_MIN_SCORE = 0.5


class ReplySetError(ValueError):
    """A labelled or input record cannot be read."""


def context_for(
    customer_text: str | None,
    channel: str | None = None,
    public: bool | None = None,
    authority: Mapping[str, object] | None = None,
    currency: str | None = None,
) -> ReplyContext:
    """The checking context for a reply: the customer's indicators and whether they are a
    specialist come from assessing their text (when given)."""
    indicators: tuple[str, ...] = ()
    specialist: bool | None = None
    if customer_text and customer_text.strip():
        from calmdesk.core.assessment import assess

        assessment = assess(customer_text, channel=channel)
        indicators = tuple(
            item.name
            for item in assessment.indicators
            if item.name not in UPSET_INDICATORS or item.score >= FEELING_MIN_SCORE
        )
        specialist = assessment.needs.terminology == "specialist"
    return ReplyContext.build(
        indicators=indicators,
        customer_is_specialist=specialist,
        channel=channel,
        public=public,
        authority=authority,
        currency=currency,
        customer_text=customer_text,
    )


@dataclass
class TypeScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float | None:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else None

    @property
    def recall(self) -> float | None:
        labelled = self.true_positives + self.false_negatives
        return self.true_positives / labelled if labelled else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
        }


@dataclass
class SetScore:
    records: int = 0
    per_type: dict[str, TypeScore] = field(
        default_factory=lambda: {kind: TypeScore() for kind in FINDING_TYPES}
    )
    # (record id, type, start, end, "missed" or "false alarm") for review
    errors: list[tuple[str, str, int, int, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "records": self.records,
            "per_type": {kind: score.as_dict() for kind, score in self.per_type.items()},
        }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_findings(
    labelled: list[tuple[str, int, int]], found: list[tuple[str, int, int]]
) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """(matched, missed, false alarms) between labelled and found (type, start, end)."""
    unmatched = list(found)
    matched, missed = [], []
    for kind, start, end in labelled:
        partner = next(
            (
                f
                for f in unmatched
                if f[0] == kind and (kind in MISSING_PART_TYPES or _overlap(f[1:], (start, end)))
            ),
            None,
        )
        if partner is None:
            missed.append((kind, start, end))
        else:
            unmatched.remove(partner)
            matched.append((kind, start, end))
    return matched, missed, unmatched


def read_labelled(path: Path) -> list[dict]:
    """The labelled records of a JSON Lines file; raises ReplySetError naming the line."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReplySetError(f"{path.name} line {number}: not JSON ({exc.msg}).") from None
        if not isinstance(record, dict) or not isinstance(record.get("reply"), str):
            raise ReplySetError(f"{path.name} line {number}: no reply text.")
        records.append(record)
    return records


SPLITS = ("all", "dev", "heldout", "blind")


def in_split(record: dict, split: str) -> bool:
    """Whether a labelled record belongs to a split: "dev" (the replies the checker was tuned
    on), "heldout" (written after tuning, then measured and used for fixes), "all" (dev and
    heldout: the project's labelled set) or "blind" (datasets/replies_blind.jsonl, written and
    labelled before the checker ever ran on them; kept out of "all" so that the labelled set's
    figures stay comparable and the blind figures stay apart)."""
    kind = record.get("split", "dev")
    if split == "all":
        return kind != "blind"
    return kind == split


def read_sets(labelled: Path, blind: Path | None = None) -> list[dict]:
    """The labelled records, then the blind ones (when a blind file is given): every record of
    the blind file must be `"split": "blind"` and no id may be in both files, so the blind
    replies can never be counted as dev or heldout. Raises ReplySetError."""
    records = read_labelled(labelled)
    if blind is None:
        return records
    ids = {record.get("id") for record in records}
    for number, record in enumerate(read_labelled(blind), start=1):
        if record.get("split") != "blind":
            raise ReplySetError(f'{blind.name} record {number}: its split must be "blind".')
        if record.get("id") in ids:
            raise ReplySetError(f"{blind.name} record {number}: id {record.get('id')!r} twice.")
        ids.add(record.get("id"))
        records.append(record)
    return records


def evaluate(records: Iterable[dict], split: str = "all") -> SetScore:
    """Precision, recall and F1 per type of the checker on labelled records."""
    score = SetScore()
    for record in records:
        if not in_split(record, split):
            continue
        score.records += 1
        context = context_for(
            record.get("customer_text"),
            record.get("channel"),
            record.get("public"),
            record.get("authority"),
        )
        found = [(f.type, f.start, f.end) for f in check_reply(record["reply"], context)]
        labelled = [(f["type"], f["start"], f["end"]) for f in record.get("findings", [])]
        matched, missed, false_alarms = match_findings(labelled, found)
        for kind, _start, _end in matched:
            score.per_type[kind].true_positives += 1
        for kind, start, end in missed:
            score.per_type[kind].false_negatives += 1
            score.errors.append((str(record.get("id")), kind, start, end, "missed"))
        for kind, start, end in false_alarms:
            score.per_type[kind].false_positives += 1
            score.errors.append((str(record.get("id")), kind, start, end, "false alarm"))
    return score


# ---------------------------------------------------------------- real agent replies


@dataclass(frozen=True)
class RealReply:
    id: str  # the agent tweet's id
    reply: str
    customer_text: str | None


def twitter_agent_replies(path: Path) -> Iterator[RealReply]:
    """Every agent reply in the Twitter customer-care file, with the customer message it
    answers (the last customer message before it)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for conversation in data:
        customer: str | None = None
        for message in conversation.get("dialogContent", []):
            if "agent" in message:
                yield RealReply(str(message["tweet_ID"]), message["message"], customer)
            else:
                customer = message.get("message")
        agent = conversation.get("agentURL") or {}
        if agent.get("url_utterance"):
            yield RealReply(str(agent.get("tweet_ID")), agent["url_utterance"], customer)


@dataclass
class RealScore:
    replies: int = 0
    counts: Counter = field(default_factory=Counter)
    examples: list[tuple[RealReply, Finding]] = field(default_factory=list)

    @property
    def per_100(self) -> float:
        return 100 * sum(self.counts.values()) / self.replies if self.replies else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "replies": self.replies,
            "findings": sum(self.counts.values()),
            "findings_per_100": round(self.per_100, 2),
            "per_type": {kind: self.counts.get(kind, 0) for kind in FINDING_TYPES},
        }


def check_real(replies: Iterable[RealReply]) -> RealScore:
    """Findings on real public agent replies (social media: public, no authority known)."""
    score = RealScore()
    for item in replies:
        score.replies += 1
        context = context_for(item.customer_text, "social_media", True)
        for finding in check_reply(item.reply, context):
            score.counts[finding.type] += 1
            score.examples.append((item, finding))
    return score
