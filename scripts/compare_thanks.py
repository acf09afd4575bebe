"""Does dropping the model's indicators on a short thank-you message cost anything?

    cd scripts && nice -n 10 ../.venv/bin/python compare_thanks.py

`assess()` keeps only the indicators a cue rule reads in a message that
`cues.is_thanks_only` calls a short thank-you. This trains the fold models of
compare_assessment.py's cross-validation once and scores the real tweets and the GoEmotions
measure half (fold-0 model) with the model's indicators as they are and with that rule
applied (this harness has no cue rules, so every indicator of such a message is dropped but
needs_access_support, which `assess()` takes from a rule when the words state it). Figures
in docs/assessment-model.md ("Tuning").
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import train_assessment as training
from compare_assessment import cross_validate, measure, measure_twitter

from calmdesk.core.assessment.cues import is_thanks_only
from calmdesk.core.assessment.labels import BINARY_LABELS, INDICATORS

DROPPED = [BINARY_LABELS.index(name) for name in INDICATORS if name != "needs_access_support"]
SHOWN = (
    "issue accuracy",
    "emotion macro-F1",
    "challenging F1",
    "confrontational P",
    "confrontational R",
    "confrontational F1",
)


def with_rule(texts, present: np.ndarray) -> np.ndarray:
    ruled = present.copy()
    for row, text in enumerate(texts):
        if is_thanks_only(text):
            ruled[row, DROPPED] = False
    return ruled


def show(name: str, figures: dict) -> None:
    print(f"{name}: " + ", ".join(f"{key} {figures[key]:.3f}" for key in SHOWN if key in figures))


def main() -> None:
    models = []

    def make(train, dev_sets):
        model = training.train_linear(train, dev_sets, log=lambda *a, **k: None)
        models.append(model)

        def predict(texts):
            issues, present = model.decide(texts)
            return issues.argmax(axis=1), present

        return predict

    tested, issues, present, _ = cross_validate(make, None)
    texts = [e.text for e in tested]
    ruled = with_rule(texts, present)
    changed = int(np.sum((ruled != present).any(axis=1)))
    thanks = sum(map(is_thanks_only, texts))
    print(f"real tweets: {thanks} read as a thank-you, {changed} of them had an indicator")
    show("real, as the model says", measure_twitter(tested, issues, present))
    show("real, with the thank-you rule", measure_twitter(tested, issues, ruled))

    _, goemotions = training.split_goemotions_dev(training.load_goemotions("dev"))
    go_texts = [e.text for e in goemotions]
    go_issues, go_present = models[0].decide(go_texts)
    go_ruled = with_rule(go_texts, go_present)
    go_changed = int(np.sum((go_ruled != go_present).any(axis=1)))
    print(f"GoEmotions: {sum(map(is_thanks_only, go_texts))} thank-you, {go_changed} changed")
    show("GoEmotions, as the model says", measure(goemotions, go_issues, go_present))
    show("GoEmotions, with the thank-you rule", measure(goemotions, go_issues, go_ruled))


if __name__ == "__main__":
    main()
