"""How far two people labelling the same real tweets agree, and the model beside them.

    cd scripts && ../.venv/bin/python label_agreement.py            # the two labellers
    cd scripts && nice -n 10 ../.venv/bin/python label_agreement.py --model   # + the model

`datasets/twitter_care_labels_second.jsonl` holds a second, independent labelling of 220 of
the first customer messages (labelled from LABELLING.md alone, without seeing the first
labels or running the model). The agreement between the two labellings is a ceiling for any
model measured against one of them: a model cannot be expected to agree with the first
labeller more than a second careful labeller does.

Figures are those of `compare_assessment.py` (issue accuracy, per-emotion F1, emotion macro-F1,
challenging F1, confrontational F1), with the first labelling as the truth and the second as
the prediction (F1 and accuracy read the same either way round), plus Cohen's kappa. With
--model, the pooled 5-fold cross-validation predictions of the linear model (exactly as in
`compare_assessment.py`) on the same 220 tweets, against each labelling.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

import compare_assessment as compare
import numpy as np
import train_assessment as training
from sklearn.metrics import cohen_kappa_score

from calmdesk.core.assessment.labels import BINARY_LABELS, EMOTIONS, INDICATORS, ISSUES

FIRST = training.REPO / "datasets" / "twitter_care_labels.jsonl"
SECOND = training.REPO / "datasets" / "twitter_care_labels_second.jsonl"
KAPPA_LABELS = (*INDICATORS[:5], "confrontational")


def read(path: object) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return {str(r["id"]): r for r in map(json.loads, filter(str.strip, handle))}


def as_examples(records: Sequence[dict]) -> list[training.Example]:
    return [training._labelled(record, "", "twitter") for record in records]


def as_predictions(records: Sequence[dict]) -> tuple[np.ndarray, np.ndarray]:
    issues = np.array([ISSUES.index(r["issue"]) for r in records])
    present = np.zeros((len(records), len(BINARY_LABELS)), bool)
    for row, record in enumerate(records):
        for name in (*record["indicators"], *record["risks"]):
            present[row, BINARY_LABELS.index(name)] = True
    return issues, present


def kappas(
    truth: Sequence[training.Example], issues: np.ndarray, present: np.ndarray
) -> dict[str, float]:
    figures = {
        "issue kappa": cohen_kappa_score([ISSUES.index(e.issue) for e in truth], issues),
    }
    for label in KAPPA_LABELS:
        column = BINARY_LABELS.index(label)
        reference = [e.labels[label] for e in truth]
        figures[f"{label} kappa"] = cohen_kappa_score(reference, present[:, column].astype(int))
    challenging = [any(e.labels[label] for label in INDICATORS) for e in truth]
    columns = [BINARY_LABELS.index(label) for label in INDICATORS]
    figures["challenging kappa"] = cohen_kappa_score(challenging, present[:, columns].any(axis=1))
    return figures


def figures(
    truth: Sequence[training.Example], issues: np.ndarray, present: np.ndarray
) -> dict[str, float]:
    measured = compare.measure(truth, issues, present)
    keys = [
        "issue accuracy",
        *(f"{label} F1" for label in EMOTIONS),
        "emotion macro-F1",
        "challenging F1",
        "confrontational F1",
    ]
    return {key: measured[key] for key in keys} | kappas(truth, issues, present)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model", action="store_true", help="also the linear model's cross-validated predictions"
    )
    arguments = parser.parse_args()
    first, second = read(FIRST), read(SECOND)
    ids = [key for key in second if key in first]
    if len(ids) != len(second):
        raise SystemExit(f"{len(second) - len(ids)} second labels have no first label")
    truth = as_examples([first[key] for key in ids])
    second_truth = as_examples([second[key] for key in ids])
    columns = {
        "second labeller vs first": figures(truth, *as_predictions([second[k] for k in ids]))
    }
    if arguments.model:
        tested, issues, present, _ = compare.cross_validate(compare.linear_fold, None)
        row_of = {example.key: row for row, example in enumerate(tested)}
        rows = [row_of[key] for key in ids]
        columns["model (CV) vs first"] = figures(truth, issues[rows], present[rows])
        columns["model (CV) vs second"] = figures(second_truth, issues[rows], present[rows])
    print(f"{len(ids)} tweets labelled twice (first customer messages)\n")
    print("| figure | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for key in next(iter(columns.values())):
        print(f"| {key} | " + " | ".join(f"{c[key]:.3f}" for c in columns.values()) + " |")
    counts = {
        "first": sum(bool(first[k]["indicators"]) for k in ids),
        "second": sum(bool(second[k]["indicators"]) for k in ids),
    }
    print(f"\nchallenging (any indicator): first {counts['first']}, second {counts['second']}")
    for label in KAPPA_LABELS:
        one = sum(label in first[k]["indicators"] for k in ids)
        two = sum(label in second[k]["indicators"] for k in ids)
        print(f"{label}: first {one}, second {two}")


if __name__ == "__main__":
    main()
