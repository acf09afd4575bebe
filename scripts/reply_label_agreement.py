"""How far two people labelling the same agent replies agree, and the reply checker beside them.

    .venv/bin/python scripts/reply_label_agreement.py                 # every second labelling
    .venv/bin/python scripts/reply_label_agreement.py datasets/replies_blind7_second.jsonl

Each `datasets/replies_blind*_second.jsonl` holds a second, independent labelling of one blind
batch (the fourth, e001-e200; the seventh, j001-j200): ids and findings only, labelled from the
conventions in `datasets/README.md` by a session that saw neither the first labels nor the
checker. The first labels are read from whichever of `replies_labelled.jsonl` and
`replies_blind.jsonl` holds those ids now (a batch moves into the labelled set when it retires).

Findings are matched exactly as `calmdesk eval-replies` matches them (same type and overlapping
spans; a missing part by type alone), with one labelling as the truth and the other as the
prediction: precision read one way is recall read the other. The checker is run on the same
replies and measured against each labelling. If the two labellers agree no better than the
checker does on a type, the checker's misses there are a matter of judgement; where they agree
far better, the misses are the checker's.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path

from calmdesk.core.replies.checker import FINDING_TYPES, check_reply
from calmdesk.core.replies.checker_eval import TypeScore, context_for, match_findings

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO / "datasets"

Spans = list[tuple[str, int, int]]


def read(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return {str(r["id"]): r for r in map(json.loads, filter(str.strip, handle))}


def spans(record: dict) -> Spans:
    return [(f["type"], f["start"], f["end"]) for f in record.get("findings", [])]


def score(pairs: Iterable[tuple[Spans, Spans]]) -> dict[str, TypeScore]:
    """Per type (and "all"): truth first, prediction second in each pair."""
    scores = {kind: TypeScore() for kind in (*FINDING_TYPES, "all")}
    for truth, predicted in pairs:
        matched, missed, false_alarms = match_findings(truth, predicted)
        for found, field in ((matched, "true_positives"), (missed, "false_negatives")):
            for kind, _start, _end in found:
                for key in (kind, "all"):
                    setattr(scores[key], field, getattr(scores[key], field) + 1)
        for kind, _start, _end in false_alarms:
            for key in (kind, "all"):
                scores[key].false_positives += 1
    return scores


def cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("second", nargs="*", type=Path, help="second labellings (default: all)")
    arguments = parser.parse_args()
    for path in arguments.second or sorted(DATASETS.glob("replies_blind*_second.jsonl")):
        print(f"## {path.name}")
        compare(read(path))
        print()


def compare(second: dict[str, dict]) -> None:
    first_sets = read(DATASETS / "replies_labelled.jsonl")
    first_sets.update(read(DATASETS / "replies_blind.jsonl"))
    missing = [key for key in second if key not in first_sets]
    if missing:
        raise SystemExit(f"no first labels for {len(missing)} ids, e.g. {missing[:3]}")
    first = {key: first_sets[key] for key in second}
    checker: dict[str, Spans] = {}
    for key, record in first.items():
        context = context_for(
            record.get("customer_text"),
            record.get("channel"),
            record.get("public"),
            record.get("authority"),
        )
        checker[key] = [(f.type, f.start, f.end) for f in check_reply(record["reply"], context)]

    second_vs_first = score((spans(first[k]), spans(second[k])) for k in second)
    checker_vs_first = score((spans(first[k]), checker[k]) for k in second)
    checker_vs_second = score((spans(second[k]), checker[k]) for k in second)

    print(f"{len(second)} replies labelled twice; cells: precision / recall / F1")
    print("(the first labelling is the truth for the first two columns, the second for the last)")
    print()
    header = "| type | labels 1st / 2nd | 2nd labeller vs 1st | checker vs 1st | checker vs 2nd |"
    print(header)
    print("|---|---|---|---|---|")
    for kind in (*FINDING_TYPES, "all"):
        a = second_vs_first[kind]
        counts = f"{a.true_positives + a.false_negatives} / {a.true_positives + a.false_positives}"
        row = [kind, counts]
        for scored in (second_vs_first, checker_vs_first, checker_vs_second):
            s = scored[kind]
            row.append(f"{cell(s.precision)} / {cell(s.recall)} / {cell(s.f1)}")
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
