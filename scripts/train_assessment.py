"""Train the assessment text model and write the shipped weights.

    .venv/bin/python scripts/train_assessment.py            # writes core/assessment/weights/
    .venv/bin/python scripts/train_assessment.py --out /tmp/model.npz

Reads ../shared/data (GoEmotions, twitter-customer-care) and datasets/ at run time; no text
from them is written anywhere. Everything is seeded, so the same data gives the same file.
Also the data loading and fitting that scripts/compare_assessment.py measures.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from calmdesk.core.assessment.features import Featuriser, extract_grams
from calmdesk.core.assessment.labels import BINARY_LABELS, INDICATORS, ISSUES
from calmdesk.core.assessment.model import WEIGHTS_PATH, TextModel

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
MODEL_VERSION = "text-linear-2026.2"
SEED = 20260311
FOLDS = 5
MAX_FEATURES = 120_000
# Our own and the real messages are few beside 43,000 Reddit comments and are the domain
# that matters, so each counts this many times in the loss.
DOMAIN_WEIGHT = 6.0
BINARY_C = 4.0
ISSUE_C = 10.0
# The twitter dev fold is the only real-customer set the thresholds see; it counts this many
# times in their tuning (beside GoEmotions dev-tune and our own dev fold, once each).
TWITTER_TUNING_COUNT = 3

GOEMOTIONS_MAP = {
    "angry": ("anger", "disgust"),
    "frustrated": ("annoyance", "disapproval"),
    "upset": ("sadness", "grief", "disappointment"),
    "confused": ("confusion",),
    "anxious": ("nervousness", "fear"),
}


@dataclass
class Example:
    text: str
    source: str  # goemotions, own, twitter
    issue: str | None
    labels: dict[str, int] = field(default_factory=dict)  # only the labels this source knows
    key: str = ""
    group: str = ""  # twitter: the conversation's first customer message id
    turn: int = 0  # twitter: position in the conversation (0 = first customer message)


def load_goemotions(split: str) -> list[Example]:
    folder = SHARED_DATA / "goemotions"
    names = (folder / "labels.txt").read_text().split()
    examples = []
    with open(folder / f"{split}.tsv", newline="", encoding="utf-8") as handle:
        for text, label_ids, comment_id in csv.reader(handle, delimiter="\t", quoting=3):
            emotions = {names[int(i)] for i in label_ids.split(",")}
            labels = {
                label: int(bool(emotions.intersection(sources)))
                for label, sources in GOEMOTIONS_MAP.items()
            }
            examples.append(Example(text, "goemotions", None, labels, comment_id))
    return examples


def _labelled(record: dict, text: str, source: str) -> Example:
    labels = {name: 0 for name in BINARY_LABELS}
    for name in (*record["indicators"], *record["risks"]):
        labels[name] = 1
    return Example(text, source, record["issue"], labels, str(record["id"]))


def load_own() -> list[Example]:
    path = REPO / "datasets" / "calmdesk_messages.jsonl"
    with open(path, encoding="utf-8") as handle:
        return [_labelled(r, r["text"], "own") for r in map(json.loads, handle)]


def load_twitter() -> list[Example]:
    """The hand-labelled tweets joined to their text in dev.json.

    A record without `turn` is the first customer message of a conversation; a later
    customer turn has `turn` (its position in the conversation) and `thread` (the id of its
    conversation's first customer message), which keeps a conversation in one fold.
    """
    conversations = json.loads((SHARED_DATA / "twitter-customer-care" / "dev.json").read_text())
    customer_message: dict[str, str] = {}
    for conversation in conversations:
        for turn in conversation["dialogContent"]:
            if "agent" not in turn and any(key.startswith("client") for key in turn):
                customer_message.setdefault(str(turn["tweet_ID"]), turn["message"])
    path = REPO / "datasets" / "twitter_care_labels.jsonl"
    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    missing = [r["id"] for r in records if r["id"] not in customer_message]
    if missing:
        sys.exit(f"{len(missing)} labelled tweet ids are not customer messages in dev.json")
    examples = []
    for record in records:
        example = _labelled(record, customer_message[record["id"]], "twitter")
        example.group = record.get("thread", record["id"])
        example.turn = record.get("turn", 0)
        examples.append(example)
    return examples


def split_folds(examples: Sequence[Example], folds: int = FOLDS) -> list[list[Example]]:
    """Deterministic folds: shuffled by a seeded generator over the sorted ids.

    Examples with a `group` (twitter conversations) are split by group: the first
    messages are split exactly as without groups, and every later turn joins the fold of
    its conversation's first message, so no conversation straddles train and test.
    """
    leaders = [e for e in examples if e.group in ("", e.key)]
    ordered = sorted(leaders, key=lambda e: e.key)
    random.Random(SEED).shuffle(ordered)
    split = [ordered[i::folds] for i in range(folds)]
    fold_of = {e.key: i for i, fold in enumerate(split) for e in fold}
    for example in sorted(examples, key=lambda e: e.key):
        if example.group not in ("", example.key):
            split[fold_of[example.group]].append(example)
    return split


def split_goemotions_dev(dev: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    """Halves of GoEmotions dev: one tunes thresholds, the other is only ever measured."""
    tune = [e for e in dev if int(hashlib.sha256(e.key.encode()).hexdigest(), 16) % 2 == 0]
    measure = [e for e in dev if int(hashlib.sha256(e.key.encode()).hexdigest(), 16) % 2 == 1]
    return tune, measure


def build_featuriser(texts: Iterable[str], max_features: int = MAX_FEATURES) -> Featuriser:
    document_frequency: Counter[str] = Counter()
    count = 0
    for text in texts:
        document_frequency.update({key for key, _, _ in extract_grams(text)})
        count += 1
    frequent = [key for key, df in document_frequency.items() if df >= 2]
    frequent.sort(key=lambda key: (-document_frequency[key], key))
    kept = sorted(frequent[:max_features])
    idf = np.array(
        [math.log((1 + count) / (1 + document_frequency[key])) + 1 for key in kept], np.float32
    )
    return Featuriser({key: i for i, key in enumerate(kept)}, idf)


def feature_matrix(featuriser: Featuriser, texts: Sequence[str]) -> sparse.csr_matrix:
    indptr, indices, values = [0], [], []
    for text in texts:
        row_indices, row_values = featuriser.transform(text)
        indices.append(row_indices)
        values.append(row_values)
        indptr.append(indptr[-1] + len(row_indices))
    return sparse.csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.array(indptr)),
        shape=(len(texts), featuriser.size),
    )


def sample_weights(examples: Sequence[Example]) -> np.ndarray:
    return np.array([1.0 if e.source == "goemotions" else DOMAIN_WEIGHT for e in examples])


def fit_heads(
    features: np.ndarray | sparse.csr_matrix,
    examples: Sequence[Example],
    *,
    binary_c: float = BINARY_C,
    issue_c: float = ISSUE_C,
) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features x 23) and bias (23) for the issue head and the 14 binary heads."""
    columns = len(ISSUES) + len(BINARY_LABELS)
    weights = np.zeros((features.shape[1], columns), np.float64)
    bias = np.zeros(columns, np.float64)
    weight = sample_weights(examples)
    with_issue = np.array([e.issue is not None for e in examples])
    issue_targets = np.array([ISSUES.index(e.issue) for e in examples if e.issue is not None])
    issue_model = LogisticRegression(C=issue_c, max_iter=2000)
    issue_model.fit(features[with_issue], issue_targets, sample_weight=weight[with_issue])
    weights[:, list(issue_model.classes_)] = issue_model.coef_.T
    bias[list(issue_model.classes_)] = issue_model.intercept_
    # Classes never seen can never be predicted.
    missing = sorted(set(range(len(ISSUES))) - set(issue_model.classes_))
    bias[missing] = -30.0
    for position, label in enumerate(BINARY_LABELS):
        column = len(ISSUES) + position
        known = np.array([label in e.labels for e in examples])
        targets = np.array([e.labels[label] for e in examples if label in e.labels])
        if targets.sum() == 0:
            bias[column] = -30.0
            continue
        head = LogisticRegression(C=binary_c, solver="liblinear", max_iter=2000, random_state=0)
        head.fit(features[known], targets, sample_weight=weight[known])
        weights[:, column] = head.coef_[0]
        bias[column] = head.intercept_[0]
    return weights, bias


def challenging(example: Example) -> int:
    """Any indicator the example's source labels is present (GoEmotions: any of its five)."""
    return int(any(example.labels.get(label, 0) for label in INDICATORS))


def fit_challenging_head(
    features: np.ndarray | sparse.csr_matrix,
    examples: Sequence[Example],
    *,
    c: float = BINARY_C,
) -> tuple[np.ndarray, float]:
    """Weights (features) and bias of the head that reads "challenging" directly."""
    head = LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=0)
    head.fit(
        features,
        np.array([challenging(e) for e in examples]),
        sample_weight=sample_weights(examples),
    )
    return head.coef_[0], float(head.intercept_[0])


def f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    true_positive = float(np.sum(truth & predicted))
    denominator = float(np.sum(truth) + np.sum(predicted))
    return 2 * true_positive / denominator if denominator else 0.0


def tune_thresholds(
    scores_by_set: Sequence[tuple[np.ndarray, Sequence[Example]]],
    minimum_positives: int = 3,
) -> np.ndarray:
    """Per label, the threshold that maximises the mean F1 over the dev sets that have it."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    thresholds = np.full(len(BINARY_LABELS), 0.5)
    for position, label in enumerate(BINARY_LABELS):
        pairs = []
        for scores, examples in scores_by_set:
            rows = [i for i, e in enumerate(examples) if label in e.labels]
            truth = np.array([examples[i].labels[label] for i in rows], bool)
            if truth.sum() >= minimum_positives:
                pairs.append((truth, scores[rows, position]))
        if not pairs:
            continue
        mean_f1 = [np.mean([f1(t, s >= g) for t, s in pairs]) for g in grid]
        thresholds[position] = grid[int(np.argmax(mean_f1))]
    return thresholds


def tune_challenging_threshold(scores_by_set: Sequence[tuple[np.ndarray, Sequence[Example]]]):
    """The challenging head's threshold that maximises its mean F1 over the dev sets."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    truths = [np.array([challenging(e) for e in dev], bool) for _, dev in scores_by_set]
    mean_f1 = [
        np.mean([f1(t, s >= g) for t, (s, _) in zip(truths, scores_by_set, strict=True)])
        for g in grid
    ]
    return float(grid[int(np.argmax(mean_f1))])


def train_linear(
    train: Sequence[Example],
    dev_sets: Sequence[Sequence[Example]],
    *,
    twitter_tuning_count: int = TWITTER_TUNING_COUNT,
    log=print,
) -> TextModel:
    """Fit every head on `train`; tune thresholds on `dev_sets` (GoEmotions dev-tune, our
    dev fold, the twitter dev fold: the last counts `twitter_tuning_count` times)."""
    started = time.perf_counter()
    featuriser = build_featuriser(e.text for e in train)
    features = feature_matrix(featuriser, [e.text for e in train])
    seconds = time.perf_counter() - started
    log(f"  {featuriser.size} features over {len(train)} texts ({seconds:.0f} s)")
    weights, bias = fit_heads(features, train)
    head, head_bias = fit_challenging_head(features, train)
    log(f"  fitted ({time.perf_counter() - started:.0f} s)")
    # Thresholds are tuned on the model exactly as shipped (float16 weights).
    model = TextModel(
        version=MODEL_VERSION,
        featuriser=featuriser,
        weights=weights.astype(np.float16).astype(np.float32),
        bias=bias.astype(np.float32),
        thresholds=np.full(len(BINARY_LABELS), 0.5, np.float32),
        challenging=(head.astype(np.float16).astype(np.float32), head_bias, 0.5),
    )
    texts = [[e.text for e in dev] for dev in dev_sets]
    scored = [(model.raw_scores(t)[1], dev) for t, dev in zip(texts, dev_sets, strict=True)]
    scored += [scored[-1]] * (twitter_tuning_count - 1)
    model.thresholds = tune_thresholds(scored).astype(np.float32)
    threshold = tune_challenging_threshold(
        [(model.challenging_scores(t), dev) for t, dev in zip(texts, dev_sets, strict=True)]
    )
    model.challenging = (model.challenging[0], model.challenging[1], threshold)
    return model


def shipped_split() -> tuple[list[Example], list[list[Example]]]:
    """Training data and threshold-tuning sets of the shipped model."""
    goemotions_tune, _ = split_goemotions_dev(load_goemotions("dev"))
    own_folds = split_folds(load_own())
    twitter_folds = split_folds(load_twitter())
    train = load_goemotions("train")
    for folds in (own_folds, twitter_folds):
        for fold in folds[1:]:
            train.extend(fold)
    return train, [goemotions_tune, own_folds[0], twitter_folds[0]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    arguments = parser.parse_args()
    train, dev_sets = shipped_split()
    print(f"training on {len(train)} texts")
    model = train_linear(train, dev_sets)
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(arguments.out)
    with np.load(arguments.out, allow_pickle=False) as stored:
        digest = hashlib.sha256(stored["weights"].tobytes()).hexdigest()
        head_digest = hashlib.sha256(stored["challenging_weights"].tobytes()).hexdigest()
    print(f"wrote {arguments.out} ({arguments.out.stat().st_size / 1e6:.1f} MB)")
    print(f"weights sha256 {digest}")
    print(f"challenging head sha256 {head_digest}")
    rounded = [round(float(t), 2) for t in model.thresholds]
    print("thresholds", dict(zip(BINARY_LABELS, rounded, strict=True)))
    print(f"challenging threshold {model.challenging[2]:.2f}")


if __name__ == "__main__":
    main()
