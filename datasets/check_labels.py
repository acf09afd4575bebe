#!/usr/bin/env python3
"""Validate the labelled message files in this folder and print per-label counts.

Checks ``calmdesk_messages.jsonl`` (the project's own written messages, with text)
, ``twitter_care_labels.jsonl`` (labels for real tweets, ids only) and
``twitter_care_labels_second.jsonl`` (a second labelling of some of them) and
``calmdesk_posts.jsonl`` (written social-media posts) when present:

* every non-empty line parses as a JSON object;
* required fields are present with the right types, and no unknown fields;
* issue, indicators and risks use only the labels defined in LABELLING.md,
  with no label repeated inside one record;
* ids are unique (and, for calmdesk messages, texts are unique too);
* calmdesk messages meet the coverage minimums the dataset promises
  (skip with ``--no-coverage`` while a file is being built).

Usage: python3 datasets/check_labels.py [--no-coverage] [FILE ...]
Exits 1 when any error is found, 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from calmdesk.core.assessment.labels import INDICATORS, ISSUES, RISKS
from calmdesk.core.channels import Channel

HERE = Path(__file__).resolve().parent

# Label names come from the assessment engine's own list, the one source of them.
CHANNELS = tuple(channel.value for channel in Channel)

# Minimum counts the calmdesk_messages.jsonl file promises (see README.md).
CALMDESK_MINIMUMS = {
    "total": 800,
    "issue": {**{i: 60 for i in ISSUES}, "other": 30},
    "indicator": {i: 60 for i in INDICATORS},
    "risk": {**{r: 40 for r in RISKS}, "threat_safety": 25},
    "calm": 150,
    "specialist": 100,
}

# Our own written messages: the text with its labels.
OWN_MESSAGE = {
    "id": str,
    "text": str,
    "channel": str,
    "issue": str,
    "indicators": list,
    "risks": list,
    "specialist": bool,
}

SCHEMAS = {
    # file name: (required fields with types, optional fields with types)
    "calmdesk_messages.jsonl": (OWN_MESSAGE, {}),
    # Written social-media posts for a measured training experiment (docs/assessment-model.md).
    "calmdesk_posts.jsonl": (OWN_MESSAGE, {}),
    "twitter_care_labels.jsonl": (
        {"id": (str, int), "issue": str, "indicators": list, "risks": list, "specialist": bool},
        # A later customer turn of a conversation: its position and its thread's first id.
        {"notes": str, "turn": int, "thread": str},
    ),
    # A second, independent labelling of 220 of the same first messages (label agreement).
    "twitter_care_labels_second.jsonl": (
        {"id": str, "issue": str, "indicators": list, "risks": list, "specialist": bool},
        {"notes": str},
    ),
}


def check_file(path: Path, coverage: bool = True) -> tuple[list[str], dict]:
    """Return (errors, counts) for one labelled file."""
    errors: list[str] = []
    schema = SCHEMAS.get(path.name, SCHEMAS["calmdesk_messages.jsonl"])
    required, optional = schema
    counts = {
        "records": 0,
        "issue": Counter(),
        "indicator": Counter(),
        "risk": Counter(),
        "channel": Counter(),
        "n_indicators": Counter(),
        "specialist": 0,
        "calm": 0,
        "later_turns": 0,
    }
    seen_ids: set = set()
    seen_texts: set = set()
    threads: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: not JSON ({exc})")
                continue
            if not isinstance(rec, dict):
                errors.append(f"{where}: not a JSON object")
                continue
            counts["records"] += 1
            bad = False
            for field, kind in required.items():
                if field not in rec:
                    errors.append(f"{where}: missing field {field!r}")
                    bad = True
                elif not isinstance(rec[field], kind) or (
                    kind is not bool and isinstance(rec[field], bool)
                ):
                    errors.append(f"{where}: field {field!r} has the wrong type")
                    bad = True
            for field in rec:
                if field not in required and field not in optional:
                    errors.append(f"{where}: unknown field {field!r}")
                elif field in optional and not isinstance(rec[field], optional[field]):
                    errors.append(f"{where}: field {field!r} has the wrong type")
            if bad:
                continue
            rid = str(rec["id"])
            if rid in seen_ids:
                errors.append(f"{where}: duplicate id {rid}")
            seen_ids.add(rid)
            if "text" in rec:
                text = rec["text"].strip()
                if not text:
                    errors.append(f"{where}: empty text")
                elif text.lower() in seen_texts:
                    errors.append(f"{where}: duplicate text")
                seen_texts.add(text.lower())
            if "channel" in rec:
                if rec["channel"] not in CHANNELS:
                    errors.append(f"{where}: unknown channel {rec['channel']!r}")
                counts["channel"][rec["channel"]] += 1
            if rec["issue"] not in ISSUES:
                errors.append(f"{where}: unknown issue {rec['issue']!r}")
            counts["issue"][rec["issue"]] += 1
            for field, allowed, key in (
                ("indicators", INDICATORS, "indicator"),
                ("risks", RISKS, "risk"),
            ):
                values = rec[field]
                if len(set(map(str, values))) != len(values):
                    errors.append(f"{where}: repeated label in {field}")
                for value in values:
                    if value not in allowed:
                        errors.append(f"{where}: unknown {key} {value!r}")
                    counts[key][value] += 1
            if ("turn" in rec) != ("thread" in rec):
                errors.append(f"{where}: 'turn' and 'thread' go together")
            elif "turn" in rec:
                turn = rec["turn"]
                if isinstance(turn, bool) or not isinstance(turn, int) or turn < 1:
                    errors.append(f"{where}: 'turn' of a later turn is an integer >= 1")
                threads.append((where, str(rec["thread"])))
                counts["later_turns"] += 1
            counts["n_indicators"][len(rec["indicators"])] += 1
            if not rec["indicators"]:
                counts["calm"] += 1
            if rec["specialist"]:
                counts["specialist"] += 1

    for where, thread in threads:
        if thread not in seen_ids:
            errors.append(f"{where}: thread {thread} is not a labelled first message")
    if coverage and path.name == "calmdesk_messages.jsonl":
        errors.extend(check_coverage(path.name, counts))
    return errors, counts


def check_coverage(name: str, counts: dict) -> list[str]:
    mins = CALMDESK_MINIMUMS
    errors = []
    if counts["records"] < mins["total"]:
        errors.append(f"{name}: {counts['records']} records, need {mins['total']}")
    for key in ("issue", "indicator", "risk"):
        for label, need in mins[key].items():
            if counts[key][label] < need:
                errors.append(f"{name}: {key} {label} has {counts[key][label]}, need {need}")
    for key in ("calm", "specialist"):
        if counts[key] < mins[key]:
            errors.append(f"{name}: {key} has {counts[key]}, need {mins[key]}")
    return errors


def print_counts(path: Path, counts: dict) -> None:
    print(f"== {path.name}: {counts['records']} records")
    for key, labels in (
        ("issue", ISSUES),
        ("indicator", INDICATORS),
        ("risk", RISKS),
        ("channel", CHANNELS),
    ):
        if key == "channel" and not counts["channel"]:
            continue
        print(f"  {key}:")
        for label in labels:
            print(f"    {label:24s} {counts[key][label]:5d}")
    print(f"  calm (no indicator)        {counts['calm']:5d}")
    if counts["later_turns"]:
        print(f"  later conversation turns   {counts['later_turns']:5d}")
    print(f"  specialist                 {counts['specialist']:5d}")
    spread = ", ".join(f"{k}: {v}" for k, v in sorted(counts["n_indicators"].items()))
    print(f"  indicators per message     {spread}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument(
        "--no-coverage", action="store_true", help="skip the calmdesk coverage minimums"
    )
    args = parser.parse_args(argv)
    files = args.files or [HERE / name for name in SCHEMAS if (HERE / name).exists()]
    if not files:
        print("no labelled files found", file=sys.stderr)
        return 1
    all_errors: list[str] = []
    for path in files:
        errors, counts = check_file(path, coverage=not args.no_coverage)
        print_counts(path, counts)
        all_errors.extend(errors)
    for err in all_errors[:200]:
        print("ERROR", err, file=sys.stderr)
    if len(all_errors) > 200:
        print(f"... and {len(all_errors) - 200} more errors", file=sys.stderr)
    print("OK" if not all_errors else f"{len(all_errors)} error(s)")
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main())
