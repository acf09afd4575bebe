#!/usr/bin/env python3
"""Validate the labelled replies (replies_labelled.jsonl) and print counts per finding type.

Checks, for every non-empty line:

* it parses as a JSON object with `id`, `reply`, `channel`, `public` and `findings`, and
  optionally `customer_text`, `authority` and `split` ("heldout" for the replies written after
  the checker was tuned, "blind" for replies_blind.jsonl, written and labelled before anyone
  ran the checker on them), of the right types and no other fields;
* ids and reply texts are unique, replies are not empty, channels are calmdesk's channels;
* `authority` maps remedy names to {"allowed": bool, "max_amount": number or null};
* each finding is {type, start, end} with a known type and a span inside the reply: a
  non-empty span for the wording types, an empty span at the end of the reply for the
  missing-part types (no_next_step, no_empathy);
* a label only where the checker can know it: public_personal_data only in a public reply,
  above_authority only with an authority, jargon only with the customer's text (the checker
  judges jargon against whether the customer is a specialist);
* the coverage the set promises (skip with --no-coverage): at least 300 replies, at least 25
  labelled findings of each type, at least 80 replies with no finding; for a blind file (every
  record `"split": "blind"`, as in replies_blind.jsonl) at least 120 replies, 8 findings of each
  type and 35 replies with no finding. A file mixes no blind record with dev or heldout ones.

Usage: python3 datasets/check_replies.py [--no-coverage] [FILE]
(FILE defaults to replies_labelled.jsonl; e.g. python3 datasets/check_replies.py
datasets/replies_blind.jsonl)
Exits 1 when any error is found, 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from calmdesk.core.channels import Channel
from calmdesk.core.policy.schema import Remedy
from calmdesk.core.replies.checker import FINDING_TYPES, MISSING_PART_TYPES

HERE = Path(__file__).resolve().parent
DEFAULT = HERE / "replies_labelled.jsonl"

CHANNELS = tuple(channel.value for channel in Channel)
REMEDIES = tuple(remedy.value for remedy in Remedy)
REQUIRED = {"id": str, "reply": str, "channel": str, "public": bool, "findings": list}
OPTIONAL = {"customer_text": str, "authority": dict, "split": str}
MINIMUMS = {"records": 300, "per_type": 25, "clean": 80}
BLIND_MINIMUMS = {"records": 120, "per_type": 8, "clean": 35}
SPLITS = ("dev", "heldout", "blind")


def _authority_errors(authority: dict) -> list[str]:
    errors = []
    for remedy, rule in authority.items():
        if remedy not in REMEDIES:
            errors.append(f"unknown remedy {remedy!r} in authority")
            continue
        if not isinstance(rule, dict) or set(rule) - {"allowed", "max_amount"}:
            errors.append(f"authority for {remedy} must be {{allowed, max_amount}}")
            continue
        if not isinstance(rule.get("allowed", True), bool):
            errors.append(f"authority for {remedy}: allowed must be true or false")
        amount = rule.get("max_amount")
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int | float)):
            errors.append(f"authority for {remedy}: max_amount must be a number or null")
        elif amount is not None and amount < 0:
            errors.append(f"authority for {remedy}: max_amount must not be negative")
    return errors


def check_record(record: object) -> list[str]:
    """The problems of one parsed record (empty when it is valid)."""
    if not isinstance(record, dict):
        return ["not a JSON object"]
    errors = []
    for name, kind in REQUIRED.items():
        if name not in record:
            errors.append(f"missing field {name!r}")
        elif not isinstance(record[name], kind):
            errors.append(f"field {name!r} must be {kind.__name__}")
    for name, kind in OPTIONAL.items():
        if name in record and not isinstance(record[name], kind):
            errors.append(f"field {name!r} must be {kind.__name__}")
    unknown = set(record) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        errors.append(f"unknown fields: {', '.join(sorted(unknown))}")
    if errors:
        return errors
    reply = record["reply"]
    if not reply.strip():
        errors.append("empty reply")
    if record.get("split", "dev") not in SPLITS:
        errors.append(f"unknown split {record['split']!r}; use dev, heldout or blind")
    if record["channel"] not in CHANNELS:
        errors.append(f"unknown channel {record['channel']!r}")
    if "authority" in record:
        errors += _authority_errors(record["authority"])
    for index, finding in enumerate(record["findings"]):
        where = f"finding {index}"
        if not isinstance(finding, dict) or set(finding) != {"type", "start", "end"}:
            errors.append(f"{where} must be exactly {{type, start, end}}")
            continue
        kind, start, end = finding["type"], finding["start"], finding["end"]
        if kind not in FINDING_TYPES:
            errors.append(f"{where}: unknown type {kind!r}")
            continue
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            errors.append(f"{where}: start and end must be integers")
            continue
        if not 0 <= start <= end <= len(reply):
            errors.append(f"{where}: span {start}-{end} is outside the reply ({len(reply)})")
        elif kind in MISSING_PART_TYPES and not start == end == len(reply):
            errors.append(f"{where}: a missing part's span is empty at the end of the reply")
        elif kind not in MISSING_PART_TYPES and start == end:
            errors.append(f"{where}: a {kind} span must not be empty")
        elif kind not in MISSING_PART_TYPES and reply[start:end] != reply[start:end].strip():
            errors.append(f"{where}: span starts or ends with white space")
        if kind == "public_personal_data" and not record["public"]:
            errors.append(f"{where}: personal data is only a finding in a public reply")
        if kind == "above_authority" and "authority" not in record:
            errors.append(f"{where}: above_authority needs the record's authority")
        if kind == "jargon" and "customer_text" not in record:
            errors.append(f"{where}: jargon needs the customer's text")
    return errors


def check_file(path: Path, coverage: bool = True) -> tuple[list[str], dict]:
    errors: list[str] = []
    per_type: Counter = Counter()
    channels: Counter = Counter()
    ids: set = set()
    replies: set = set()
    records = clean = 0
    splits: Counter = Counter()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{path.name}:{number}: not JSON ({exc.msg})")
            continue
        problems = check_record(record)
        errors += [f"{path.name}:{number}: {problem}" for problem in problems]
        if problems:
            continue
        records += 1
        if record["id"] in ids:
            errors.append(f"{path.name}:{number}: duplicate id {record['id']!r}")
        if record["reply"] in replies:
            errors.append(f"{path.name}:{number}: duplicate reply text")
        ids.add(record["id"])
        replies.add(record["reply"])
        channels[record["channel"]] += 1
        splits[record.get("split", "dev")] += 1
        per_type.update(finding["type"] for finding in record["findings"])
        clean += not record["findings"]
    counts = {
        "records": records,
        "clean": clean,
        "per_type": per_type,
        "channels": channels,
        "splits": splits,
    }
    blind = bool(splits["blind"])
    if blind and records != splits["blind"]:
        errors.append(f"{path.name}: blind replies go in a file of their own, not with dev/heldout")
    if coverage:
        least = BLIND_MINIMUMS if blind else MINIMUMS
        if records < least["records"]:
            errors.append(f"{path.name}: {records} replies, fewer than {least['records']}")
        if clean < least["clean"]:
            errors.append(
                f"{path.name}: {clean} replies with no finding, fewer than {least['clean']}"
            )
        for kind in FINDING_TYPES:
            if per_type[kind] < least["per_type"]:
                errors.append(
                    f"{path.name}: {per_type[kind]} {kind} findings, fewer than {least['per_type']}"
                )
    return errors, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--no-coverage", action="store_true", help="Skip the coverage minimums.")
    args = parser.parse_args(argv)
    errors, counts = check_file(args.file, coverage=not args.no_coverage)
    print(f"{args.file.name}: {counts['records']} replies, {counts['clean']} with no finding")
    for kind in FINDING_TYPES:
        print(f"  {kind:22} {counts['per_type'][kind]}")
    print("  channels: " + ", ".join(f"{k} {v}" for k, v in sorted(counts["channels"].items())))
    for error in errors:
        print(f"ERROR {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
