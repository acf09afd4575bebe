"""The labelled datasets the assessment engine learns from stay valid and keep no tweet text."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

DATASETS = Path(__file__).resolve().parent.parent / "datasets"


def test_every_label_file_passes_its_checker(capsys):
    checker = runpy.run_path(str(DATASETS / "check_labels.py"))
    assert checker["main"]([]) == 0, capsys.readouterr().out


def _records(name):
    with (DATASETS / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def test_real_customer_labels_store_ids_and_labels_but_never_the_text():
    allowed = {"id", "issue", "indicators", "risks", "specialist", "notes", "turn", "thread"}
    records = _records("twitter_care_labels.jsonl")
    assert len(records) >= 200
    assert all(set(record) <= allowed for record in records)


def test_the_second_labelling_covers_first_messages_the_first_labelling_holds():
    """scripts/label_agreement.py compares the two on the same tweets."""
    first = {r["id"]: r for r in _records("twitter_care_labels.jsonl")}
    second = _records("twitter_care_labels_second.jsonl")
    assert len(second) == len({r["id"] for r in second}) == 220
    assert all(r["id"] in first and "turn" not in first[r["id"]] for r in second)
    assert all(
        set(r) <= {"id", "issue", "indicators", "risks", "specialist", "notes"} for r in second
    )
