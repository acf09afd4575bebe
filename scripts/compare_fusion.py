"""Would reading meaning beside the n-grams move the real-message figures? Linear + MiniLM.

    cd scripts && OMP_NUM_THREADS=2 nice -n 10 ../.venv/bin/python compare_fusion.py   # ~15 min

Exactly the protocol of `compare_assessment.py` (its `cross_validate`, `measure_twitter`,
`measure` and `report`): for each fold, (b) the linear model as shipped is trained, and
all-MiniLM-L6-v2 embeddings of the same training texts (all 43,410 GoEmotions train comments,
not a subsample) train the same heads (`fit_heads`). The fused model averages the two models'
issue probabilities and label scores, and its per-label thresholds are tuned on the averaged
scores over the same dev sets (the twitter dev fold counted as often as in training). Neither
model's challenging head is used in the fusion, so (c) and the fusion decide by thresholds
alone; (b) is reported as shipped (with its head) for comparison.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import compare_assessment as compare
import numpy as np
import train_assessment as training

from calmdesk.core.assessment.labels import ISSUES

Example = training.Example


def softmax(values: np.ndarray) -> np.ndarray:
    shifted = np.exp(values - values.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def main() -> None:
    minilm = compare.MiniLM()
    compare_fused(
        minilm.embed,
        "minilm",
        "(c) MiniLM + LR, all GoEmotions train",
        "(b) + (c), scores averaged",
    )


def compare_fused(
    embed: Callable[[Sequence[str]], np.ndarray], key: str, title: str, fused_title: str
) -> None:
    """Cross-validate (b) the linear model, the same heads on `embed`'s vectors (`key`) and
    the two averaged, on the comparison's folds; print the three reports."""
    results: dict[str, list] = {"linear": [], key: [], "fused": []}

    def fold(train: list[Example], dev_sets: list[list[Example]]) -> compare.Predictor:
        linear = training.train_linear(train, dev_sets, log=lambda *_: None)
        weights, bias = training.fit_heads(embed([e.text for e in train]), train)

        def embedded_scores(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
            values = embed(texts) @ weights + bias
            issues = softmax(values[:, : len(ISSUES)])
            return issues, 1 / (1 + np.exp(-values[:, len(ISSUES) :]))

        def fused_scores(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
            linear_issues, linear_labels = linear.raw_scores(texts)
            embedded_issues, embedded_labels = embedded_scores(texts)
            return (linear_issues + embedded_issues) / 2, (linear_labels + embedded_labels) / 2

        tuning = training.TWITTER_TUNING_COUNT
        thresholds = {}
        for name, scores in ((key, embedded_scores), ("fused", fused_scores)):
            scored = [(scores([e.text for e in dev])[1], dev) for dev in dev_sets]
            scored += [scored[-1]] * (tuning - 1)
            thresholds[name] = training.tune_thresholds(scored)

        def predict(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
            # The three models' decisions on the same texts, kept for the report.
            issues, present = linear.decide(texts)
            results["linear"].append((issues.argmax(axis=1), present))
            for name, scores in ((key, embedded_scores), ("fused", fused_scores)):
                issue_scores, label_scores = scores(texts)
                results[name].append(
                    (issue_scores.argmax(axis=1), label_scores >= thresholds[name])
                )
            return results["fused"][-1]

        return predict

    tested, _, _, first = compare.cross_validate(fold, None)
    # cross_validate called predict once per test fold, in order: pool each model's folds.
    pooled = {
        name: (
            np.concatenate([issues for issues, _ in runs[: training.FOLDS]]),
            np.concatenate([present for _, present in runs[: training.FOLDS]]),
        )
        for name, runs in results.items()
    }
    _, goemotions_measure = training.split_goemotions_dev(training.load_goemotions("dev"))
    first([e.text for e in goemotions_measure])  # the fold-0 model, as compare_assessment does
    for name, heading in (
        ("linear", "(b) linear, as shipped"),
        (key, title),
        ("fused", fused_title),
    ):
        go_issues, go_present = results[name][training.FOLDS]
        compare.report(
            heading,
            compare.measure_twitter(tested, *pooled[name]),
            compare.measure(goemotions_measure, go_issues, go_present),
            {},
        )


if __name__ == "__main__":
    main()
