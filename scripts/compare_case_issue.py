"""Measure how a case's issue is kept across its customer's messages (core.assessment.case_issue).

    nice -n 10 .venv/bin/python scripts/compare_case_issue.py

The 72 real support conversations with later customer turns are the test: each later turn's
label is what a team leader would file the conversation under at that point (a turn that only
answers the agent keeps the conversation's issue; one that raises a new matter has its own).
Issue readings come from 5-fold cross-validation as in compare_assessment.py (a conversation's
turns in one fold, never trained on by the model that reads them). Each rule is scored on the
later turns: is the case's issue after that turn the label?

- newest: the newest message's reading (calmdesk before case_issue);
- first: the first message's reading, whatever follows;
- relative: as case_issue, but an unsure later reading also takes over from a less sure
  earlier one (tried first, not kept);
- case_issue at several settings, the shipped one marked.
"""

from __future__ import annotations

import os
from collections import defaultdict

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import train_assessment as training
from compare_assessment import cross_validate

from calmdesk.core.assessment import case_issue
from calmdesk.core.assessment.labels import ISSUES


def relative(readings: list[case_issue.IssueReading]) -> int:
    chosen = 0
    for index, reading in enumerate(readings[1:], 1):
        if reading.issue == "other" or reading.words < case_issue.MIN_WORDS:
            continue
        current = readings[chosen]
        current_confidence = 0.0 if current.issue == "other" else current.confidence
        if reading.confidence >= min(case_issue.SURE, current_confidence):
            chosen = index
    return chosen


def cross_validated_readings() -> tuple[list[training.Example], np.ndarray]:
    """The labelled tweets and each one's issue probabilities from the fold model that
    never trained on it."""
    probabilities: list[np.ndarray] = []

    def make(train, dev_sets):
        model = training.train_linear(train, dev_sets, log=lambda *a, **k: None)

        def predict(texts):
            issues, present = model.decide(texts)
            probabilities.append(issues)
            return issues.argmax(axis=1), present

        return predict

    tested, _, _, _ = cross_validate(make, None)
    return tested, np.concatenate(probabilities)


def main() -> None:
    tested, issue_scores = cross_validated_readings()
    readings = {
        example.key: case_issue.IssueReading(
            ISSUES[int(row.argmax())], float(row.max()), case_issue.count_words(example.text)
        )
        for example, row in zip(tested, issue_scores, strict=True)
    }
    conversations: dict[str, list[training.Example]] = defaultdict(list)
    for example in tested:
        conversations[example.group].append(example)
    later = [
        (turns[: i + 1], turns[i])
        for turns in (sorted(c, key=lambda e: e.turn) for c in conversations.values())
        for i in range(1, len(turns))
    ]
    print(f"{len(later)} later turns in {sum(1 for c in conversations.values() if len(c) > 1)}")
    print("conversations; accuracy of the case's issue after each later turn:\n")

    def accuracy(pick) -> float:
        right = 0
        for so_far, turn in later:
            history = [readings[e.key] for e in so_far]
            chosen = pick(history)
            right += chosen is not None and history[chosen].issue == turn.issue
        return right / len(later)

    print(f"  newest message's reading   {accuracy(lambda r: len(r) - 1):.3f}")
    print(f"  first message's reading    {accuracy(lambda r: 0):.3f}")
    print(f"  relative (not kept)        {accuracy(relative):.3f}")
    for sure in (0.5, 0.6, 0.75, 0.9, 1.01):
        row = []
        for min_words in (1, 4, 6, 8, 12):
            value = accuracy(
                lambda r, s=sure, w=min_words: case_issue.case_issue_index(r, sure=s, min_words=w)
            )
            shipped = sure == case_issue.SURE and min_words == case_issue.MIN_WORDS
            row.append(f"words>={min_words:<2} {value:.3f}{'*' if shipped else ' '}")
        print(f"  case_issue sure={sure:<4}  " + "  ".join(row))
    print("\n* = the shipped setting (case_issue.SURE, case_issue.MIN_WORDS)")


if __name__ == "__main__":
    main()
