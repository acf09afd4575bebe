"""`calmdesk eval-replies` reports the blind batch (datasets/replies_blind.jsonl, issue 5
"Evaluation") as its own split beside all, dev and heldout, and never counts it in them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from calmdesk.cli import app

runner = CliRunner()
DATASETS = Path(__file__).resolve().parents[2] / "datasets"


def run(*args: str):
    return runner.invoke(app, list(args))


def _lines(*records: dict) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def test_eval_replies_reports_the_blind_split_beside_the_others():
    result = run("eval-replies", "--no-twitter", "--json")
    assert result.exit_code == 0, result.output
    labelled = json.loads(result.stdout)["labelled"]
    assert set(labelled) == {"all", "dev", "heldout", "blind"}
    blind_records = sum(
        1 for line in (DATASETS / "replies_blind.jsonl").read_text().splitlines() if line
    )
    assert labelled["blind"]["records"] == blind_records >= 120
    assert labelled["all"]["records"] == labelled["dev"]["records"] + labelled["heldout"]["records"]
    for kind, figures in labelled["blind"]["per_type"].items():
        assert figures["true_positives"] + figures["false_negatives"] >= 8, kind
    table = run("eval-replies", "--no-twitter")
    assert "blind: written and labelled before the checker ever ran on them" in table.stdout
    assert "replies_labelled.jsonl and replies_blind.jsonl" in table.stdout


def test_a_given_blind_set_is_scored_apart_from_the_labelled_one(tmp_path):
    labelled = tmp_path / "labelled.jsonl"
    blind = tmp_path / "blind.jsonl"
    labelled.write_text(
        _lines({"id": "r1", "reply": "Calm down. It arrives on Friday.", "findings": []})
    )
    span = {"type": "provoking", "start": 0, "end": 9}
    blind.write_text(
        _lines(
            {
                "id": "b1",
                "reply": "Calm down. It arrives on Friday.",
                "findings": [span],
                "split": "blind",
            }
        )
    )
    result = run(
        "eval-replies", "--set", str(labelled), "--blind-set", str(blind), "--no-twitter", "--json"
    )
    assert result.exit_code == 0, result.output
    labelled_figures = json.loads(result.stdout)["labelled"]
    assert labelled_figures["all"]["records"] == 1
    assert labelled_figures["blind"]["records"] == 1
    # the same words: a false alarm where nothing is labelled, a hit in the blind set
    assert labelled_figures["all"]["per_type"]["provoking"]["false_positives"] == 1
    assert labelled_figures["blind"]["per_type"]["provoking"]["true_positives"] == 1


def test_a_blind_set_with_a_non_blind_record_or_a_shared_id_is_refused(tmp_path):
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text(_lines({"id": "r1", "reply": "It arrives on Friday.", "findings": []}))
    blind = tmp_path / "blind.jsonl"
    blind.write_text(_lines({"id": "b1", "reply": "It arrives today.", "findings": []}))
    result = run("eval-replies", "--set", str(labelled), "--blind-set", str(blind), "--no-twitter")
    assert result.exit_code == 1
    assert 'split must be "blind"' in result.output
    blind.write_text(
        _lines({"id": "r1", "reply": "It arrives today.", "findings": [], "split": "blind"})
    )
    result = run("eval-replies", "--set", str(labelled), "--blind-set", str(blind), "--no-twitter")
    assert result.exit_code == 1
    assert "'r1' twice" in result.output
    missing = run("eval-replies", "--blind-set", str(tmp_path / "none.jsonl"), "--no-twitter")
    assert missing.exit_code == 1
    assert "is not a file" in missing.output
