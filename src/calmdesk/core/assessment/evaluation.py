"""Measure the shipped assessment engine on the labelled evaluation sets (`calmdesk eval-assess`).

Pure Python and numpy, no Django, no scikit-learn. The engine is measured whole, as the
product uses it: `assess_batch` (the text model and the cue rules, language check included).

Sets:

- "own": `datasets/calmdesk_messages.jsonl`, the project's own labelled messages;
- "twitter": `datasets/twitter_care_labels.jsonl` (tweet ids and labels only) joined by id to
  the customer messages of `twitter-customer-care/dev.json` in the shared data;
- "goemotions-dev": GoEmotions dev mapped to the five emotions exactly as
  `scripts/train_assessment.py` maps it (only those five labels are measured).

The shipped model trains on folds 1-4 of "own" and "twitter" and tunes its thresholds on
fold 0 and on the "tune" half of GoEmotions dev. `split_folds` and `split_goemotions_dev`
behave exactly as the training script's (a test holds this), so the "heldout" split measures
only what the model never trained on.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from calmdesk.core.assessment.assess import (
    NOT_CHALLENGING,
    Assessment,
    AssessmentInputError,
    assess_batch,
)
from calmdesk.core.assessment.labels import BINARY_LABELS, EMOTIONS, INDICATORS
from calmdesk.core.assessment.model import TextModel, load_model

# The same seed, fold count and mapping as scripts/train_assessment.py.
SEED = 20260311
FOLDS = 5
GOEMOTIONS_MAP: dict[str, tuple[str, ...]] = {
    "angry": ("anger", "disgust"),
    "frustrated": ("annoyance", "disapproval"),
    "upset": ("sadness", "grief", "disappointment"),
    "confused": ("confusion",),
    "anxious": ("nervousness", "fear"),
}

SET_NAMES: tuple[str, ...] = ("own", "twitter", "goemotions-dev")
# Figures over fewer true cases than this are anecdotes; the CLI says so.
FEW_CASES = 10
SPLITS: tuple[str, ...] = ("heldout", "all")
OWN_FILE = "calmdesk_messages.jsonl"
TWITTER_LABELS_FILE = "twitter_care_labels.jsonl"
TWITTER_TEXTS = Path("twitter-customer-care") / "dev.json"
GOEMOTIONS_DIR = Path("goemotions")
BATCH_SIZE = 500


class SetUnavailable(Exception):
    """An evaluation set cannot be loaded here (a file is missing); says which and why."""


class _Keyed(Protocol):
    key: str


K = TypeVar("K", bound=_Keyed)


def split_folds(examples: Sequence[K], folds: int = FOLDS) -> list[list[K]]:
    """Deterministic folds: shuffled by a seeded generator over the sorted ids.

    Identical to `scripts/train_assessment.py`'s `split_folds`: fold 0 tunes thresholds,
    folds 1-4 train the shipped model. Examples with a `group` (twitter conversations) are
    split by group: first messages exactly as without groups, and every later turn joins
    the fold of its conversation's first message.
    """
    leaders = [e for e in examples if _group(e) in ("", e.key)]
    ordered = sorted(leaders, key=lambda e: e.key)
    random.Random(SEED).shuffle(ordered)
    split = [ordered[i::folds] for i in range(folds)]
    fold_of = {e.key: i for i, fold in enumerate(split) for e in fold}
    for example in sorted(examples, key=lambda e: e.key):
        if _group(example) not in ("", example.key):
            split[fold_of[_group(example)]].append(example)
    return split


def _group(example: _Keyed) -> str:
    return str(getattr(example, "group", ""))


def split_goemotions_dev(dev: Sequence[K]) -> tuple[list[K], list[K]]:
    """Halves of GoEmotions dev by a hash of the comment id: ("tune", "measure").

    Identical to `scripts/train_assessment.py`'s `split_goemotions_dev`.
    """
    tune = [e for e in dev if _id_hash(e.key) % 2 == 0]
    measure = [e for e in dev if _id_hash(e.key) % 2 == 1]
    return tune, measure


def _id_hash(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16)


# ---------------------------------------------------------------- records and sets


@dataclass(frozen=True)
class Record:
    """One labelled message: its id, text, issue (None where the set has none) and the
    labels present among those the set measures."""

    key: str
    text: str
    issue: str | None
    labels: frozenset[str]
    # twitter: the id of the conversation's first customer message, which decides the fold.
    group: str = ""


@dataclass
class EvaluationSet:
    name: str
    records: list[Record]
    labels: tuple[str, ...]  # the labels this set measures, in BINARY_LABELS order
    measures_issue: bool
    part: str  # which part is measured, and how it relates to training
    notes: list[str] = field(default_factory=list)


def _labelled(record: dict[str, Any], text: str) -> Record:
    names = (*record.get("indicators", ()), *record.get("risks", ()))
    labels = frozenset(str(name) for name in names if name in BINARY_LABELS)
    return Record(str(record["id"]), text, str(record["issue"]), labels)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise SetUnavailable(f"{path} is missing")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def load_own(datasets: Path) -> list[Record]:
    return [_labelled(record, str(record["text"])) for record in _read_jsonl(datasets / OWN_FILE)]


def customer_messages(conversations: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Every customer message of the twitter-customer-care conversations by tweet id.

    A turn is a customer's when it has a "client..." key (a second customer appears as
    "client1") and no "agent" key.
    """
    messages: dict[str, str] = {}
    for conversation in conversations:
        for turn in conversation.get("dialogContent", ()):
            if "agent" not in turn and any(key.startswith("client") for key in turn):
                messages.setdefault(str(turn["tweet_ID"]), str(turn["message"]))
    return messages


def load_twitter(datasets: Path, shared_data: Path) -> tuple[list[Record], list[str]]:
    """The hand-labelled tweets joined by id to any customer message; and notes on what
    was left out. A later turn's `thread` (its conversation's first message) is its group."""
    texts_path = shared_data / TWITTER_TEXTS
    if not texts_path.is_file():
        raise SetUnavailable(f"{texts_path} is missing (give the shared data with --shared-data)")
    labels = _read_jsonl(datasets / TWITTER_LABELS_FILE)
    messages = customer_messages(json.loads(texts_path.read_text(encoding="utf-8")))
    records = [
        replace(_labelled(r, messages[str(r["id"])]), group=str(r.get("thread", r["id"])))
        for r in labels
        if str(r["id"]) in messages
    ]
    notes = []
    if len(records) < len(labels):
        notes.append(
            f"{len(labels) - len(records)} labelled ids are not customer messages of "
            f"{texts_path.name} and were left out"
        )
    return records, notes


def load_goemotions_dev(shared_data: Path) -> list[Record]:
    folder = shared_data / GOEMOTIONS_DIR
    dev, names_path = folder / "dev.tsv", folder / "labels.txt"
    for path in (dev, names_path):
        if not path.is_file():
            raise SetUnavailable(f"{path} is missing (give the shared data with --shared-data)")
    names = names_path.read_text(encoding="utf-8").split()
    records = []
    with dev.open(newline="", encoding="utf-8") as handle:
        for text, label_ids, comment_id in csv.reader(
            handle, delimiter="\t", quoting=csv.QUOTE_NONE
        ):
            emotions = {names[int(i)] for i in label_ids.split(",")}
            present = frozenset(
                label for label, sources in GOEMOTIONS_MAP.items() if emotions & set(sources)
            )
            records.append(Record(comment_id, text, None, present))
    return records


def load_set(name: str, split: str, datasets: Path, shared_data: Path) -> EvaluationSet:
    """One evaluation set, cut to `split` ("heldout" or "all").

    Raises SetUnavailable when a file it needs is missing.
    """
    if split not in SPLITS:
        raise ValueError(f"Unknown split {split!r}; use one of {', '.join(SPLITS)}.")
    if name == "goemotions-dev":
        records = load_goemotions_dev(shared_data)
        tune, measure = split_goemotions_dev(records)
        if split == "heldout":
            part = (
                f"the 'measure' half of GoEmotions dev ({len(measure)} of {len(records)}): "
                "never trained on, thresholds not tuned on it"
            )
            return EvaluationSet(name, measure, EMOTIONS, False, part)
        part = (
            f"all of GoEmotions dev ({len(records)}): never trained on, but its 'tune' half "
            f"({len(tune)}) tuned the thresholds"
        )
        return EvaluationSet(name, records, EMOTIONS, False, part)
    if name == "own":
        records, notes = load_own(datasets), []
    elif name == "twitter":
        records, notes = load_twitter(datasets, shared_data)
    else:
        raise ValueError(f"Unknown evaluation set {name!r}; use one of {', '.join(SET_NAMES)}.")
    later = sum(1 for record in records if record.group not in ("", record.key))
    if split == "heldout":
        measured = split_folds(records)[0]
        part = (
            f"fold 0 of {FOLDS} ({len(measured)} of {len(records)} records): "
            "not trained on, but the per-label thresholds were tuned on it"
        )
    else:
        measured = records
        part = f"all {len(records)} records: includes training data (folds 1-4 trained on)"
    if later:
        in_part = sum(1 for record in measured if record.group not in ("", record.key))
        notes.append(
            f"{in_part} of the measured records are later turns of a conversation; each "
            "conversation is kept in the fold of its first message"
        )
    return EvaluationSet(name, measured, BINARY_LABELS, True, part, notes)


# ---------------------------------------------------------------- metrics


@dataclass(frozen=True)
class LabelMetrics:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def support(self) -> int:
        """How many records truly have the label."""
        return self.true_positives + self.false_negatives

    @property
    def predicted(self) -> int:
        return self.true_positives + self.false_positives

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        """2TP / (2TP + FP + FN); 0 when nothing is true and nothing predicted.

        >>> round(LabelMetrics(3, 1, 2).f1, 4)
        0.6667
        """
        denominator = 2 * self.true_positives + self.false_positives + self.false_negatives
        return 2 * self.true_positives / denominator if denominator else 0.0

    def as_dict(self) -> dict[str, float | int | None]:
        """JSON-ready figures; a ratio with nothing to divide by is None, not 0."""
        return {
            "precision": round(self.precision, 4) if self.predicted else None,
            "recall": round(self.recall, 4) if self.support else None,
            "f1": round(self.f1, 4) if self.support or self.predicted else None,
            "support": self.support,
            "predicted": self.predicted,
        }


def label_metrics(truth: Sequence[bool], predicted: Sequence[bool]) -> LabelMetrics:
    """Counts of one label over paired truth and predictions.

    >>> label_metrics([True, True, False, False], [True, False, True, False])
    LabelMetrics(true_positives=1, false_positives=1, false_negatives=1)
    """
    if len(truth) != len(predicted):
        raise ValueError("truth and predictions differ in length")
    pairs = list(zip(truth, predicted, strict=True))
    return LabelMetrics(
        true_positives=sum(1 for t, p in pairs if t and p),
        false_positives=sum(1 for t, p in pairs if not t and p),
        false_negatives=sum(1 for t, p in pairs if t and not p),
    )


def challenging_labels(measured: Sequence[str]) -> tuple[str, ...]:
    """The indicators that make a message challenging, among those a set measures: every
    indicator but needs_access_support (a need to serve well, not a difficult contact)."""
    return tuple(name for name in measured if name in INDICATORS and name not in NOT_CHALLENGING)


@dataclass(frozen=True)
class Predicted:
    """What the engine said of one record: None issue when it could not assess the text."""

    issue: str | None
    labels: frozenset[str]
    supported: bool = True


@dataclass
class SetResult:
    name: str
    part: str
    notes: list[str]
    count: int
    labels: dict[str, LabelMetrics]
    issue_accuracy: float | None
    emotion_macro_f1: float
    challenging: LabelMetrics
    unsupported: int  # messages the engine declined (a language it was not trained for)
    unassessable: int  # messages the engine refused as input (empty text)

    def as_dict(self) -> dict[str, object]:
        return {
            "set": self.name,
            "measured": self.part,
            "notes": self.notes,
            "count": self.count,
            "issue_accuracy": None
            if self.issue_accuracy is None
            else round(self.issue_accuracy, 4),
            "emotion_macro_f1": round(self.emotion_macro_f1, 4),
            "challenging": self.challenging.as_dict(),
            "labels": {name: metrics.as_dict() for name, metrics in self.labels.items()},
            "unsupported_language": self.unsupported,
            "unassessable": self.unassessable,
        }


def score(evaluation: EvaluationSet, predictions: Sequence[Predicted]) -> SetResult:
    """Per-label counts, issue accuracy, emotion macro-F1 and challenging-or-not F1."""
    records = evaluation.records
    if len(records) != len(predictions):
        raise ValueError("one prediction per record is needed")
    labels = {
        name: label_metrics(
            [name in record.labels for record in records],
            [name in prediction.labels for prediction in predictions],
        )
        for name in evaluation.labels
    }
    issue_accuracy = None
    if evaluation.measures_issue and records:
        right = sum(
            1
            for record, prediction in zip(records, predictions, strict=True)
            if record.issue == prediction.issue
        )
        issue_accuracy = right / len(records)
    challenging = challenging_labels(evaluation.labels)
    return SetResult(
        name=evaluation.name,
        part=evaluation.part,
        notes=list(evaluation.notes),
        count=len(records),
        labels=labels,
        issue_accuracy=issue_accuracy,
        emotion_macro_f1=statistics.fmean(labels[name].f1 for name in EMOTIONS),
        challenging=label_metrics(
            [bool(record.labels.intersection(challenging)) for record in records],
            [bool(prediction.labels.intersection(challenging)) for prediction in predictions],
        ),
        unsupported=sum(1 for prediction in predictions if not prediction.supported),
        unassessable=sum(1 for prediction in predictions if prediction.issue is None),
    )


# ---------------------------------------------------------------- running the engine


def _predicted(assessment: Assessment) -> Predicted:
    return Predicted(
        issue=assessment.issue,
        labels=frozenset((*assessment.indicator_names(), *assessment.risk_names())),
        supported=assessment.indicators_supported,
    )


def predict(
    texts: Sequence[str],
    *,
    model: TextModel | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Predicted]:
    """The engine's verdict on each text, through `assess_batch` as the product runs it.

    A text the engine refuses (empty) predicts nothing and no issue, so it counts as wrong.
    """
    model = model or load_model()
    predicted: list[Predicted] = []
    for start in range(0, len(texts), BATCH_SIZE):
        batch = texts[start : start + BATCH_SIZE]
        try:
            predicted.extend(_predicted(a) for a in assess_batch(batch, model=model))
        except AssessmentInputError:
            for text in batch:
                try:
                    predicted.append(_predicted(assess_batch([text], model=model)[0]))
                except AssessmentInputError:
                    predicted.append(Predicted(None, frozenset()))
        if progress is not None:
            progress(len(predicted), len(texts))
    return predicted


def evaluate(
    evaluation: EvaluationSet,
    *,
    model: TextModel | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SetResult:
    texts = [record.text for record in evaluation.records]
    return score(evaluation, predict(texts, model=model, progress=progress))


def default_repo_root(start: Path | None = None) -> Path:
    """The repository holding `datasets/`: the checkout this package runs from (an
    editable install), else the current directory."""
    here = Path(__file__).resolve()
    for candidate in here.parents:
        if (candidate / "datasets" / OWN_FILE).is_file():
            return candidate
    return (start or Path.cwd()).resolve()
