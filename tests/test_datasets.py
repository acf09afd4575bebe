"""The labelled datasets the assessment engine learns from stay valid and keep no tweet text."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

DATASETS = Path(__file__).resolve().parent.parent / "datasets"


def test_every_label_file_passes_its_checker(capsys):
    checker = runpy.run_path(str(DATASETS / "check_labels.py"))
    assert checker["main"]([]) == 0, capsys.readouterr().out


def test_real_customer_labels_store_ids_and_labels_but_never_the_text():
    allowed = {"id", "issue", "indicators", "risks", "specialist", "notes", "turn", "thread"}
    with (DATASETS / "twitter_care_labels.jsonl").open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    assert len(records) >= 200
    assert all(set(record) <= allowed for record in records)
