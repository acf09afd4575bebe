"""Would gating confrontational (and unreasonable, indecisive) by the challenging head help?

    cd scripts && nice -n 10 ../.venv/bin/python compare_confrontational_gate.py

The shipped model lets its challenging head gate the five emotions only. This trains the
fold models of compare_assessment.py's cross-validation once and scores the real tweets
three ways: as shipped, with confrontational also needing the challenging head, and with
unreasonable and indecisive too. Figures in docs/assessment-model.md ("Tuning"): not kept.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import train_assessment as training
from compare_assessment import cross_validate, measure_twitter

from calmdesk.core.assessment.labels import BINARY_LABELS

GATED = {
    "as shipped": (),
    "confrontational gated": ("confrontational",),
    "confrontational, unreasonable, indecisive gated": (
        "confrontational",
        "unreasonable",
        "indecisive",
    ),
}
SHOWN = (
    "confrontational P",
    "confrontational R",
    "confrontational F1",
    "challenging F1",
    "emotion macro-F1",
)


def main() -> None:
    present_by_variant: dict[str, list[np.ndarray]] = {name: [] for name in GATED}
    issues_by_fold: list[np.ndarray] = []

    def make(train, dev_sets):
        model = training.train_linear(train, dev_sets, log=lambda *a, **k: None)

        def predict(texts):
            issues, present = model.decide(texts)
            challenging = model.challenging_scores(texts) >= model.challenging[2]
            for name, labels in GATED.items():
                gated = present.copy()
                for label in labels:
                    gated[:, BINARY_LABELS.index(label)] &= challenging
                present_by_variant[name].append(gated)
            issues_by_fold.append(issues.argmax(axis=1))
            return issues.argmax(axis=1), present

        return predict

    tested, _, _, _ = cross_validate(make, None)
    issues = np.concatenate(issues_by_fold)
    for name, parts in present_by_variant.items():
        figures = measure_twitter(tested, issues, np.concatenate(parts))
        print(f"{name}: " + ", ".join(f"{key} {figures[key]:.3f}" for key in SHOWN))


if __name__ == "__main__":
    main()
