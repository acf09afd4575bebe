"""`calmdesk eval-assess`: per-label figures on each evaluation set, no database needed."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from calmdesk.cli import app
from tests.cli.conftest import words

runner = CliRunner()
TEXTS = [
    ("delivery", ["angry"], "This is the THIRD time my parcel has not arrived. I am furious!"),
    ("query_request", [], "Hello, could you tell me what time the shop opens on Saturday?"),
    ("billing", ["confused"], "I don't understand this bill at all, why was I charged twice?"),
]


def _datasets(tmp_path):
    folder = tmp_path / "datasets"
    folder.mkdir(exist_ok=True)
    lines = [
        {
            "id": f"cm-{n:04d}",
            "text": text,
            "issue": issue,
            "indicators": indicators,
            "risks": [],
            "new_field": "ignored",
        }
        for n, (issue, indicators, text) in enumerate(TEXTS * 4)
    ]
    (folder / "calmdesk_messages.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )
    return folder


def _run(tmp_path, *args: str):
    return runner.invoke(
        app,
        [
            "eval-assess",
            "--datasets",
            str(_datasets(tmp_path)),
            "--shared-data",
            str(tmp_path / "no-shared-data"),
            *args,
        ],
    )


def test_it_prints_per_label_figures_and_skips_sets_whose_data_is_missing(tmp_path):
    result = _run(tmp_path)
    assert result.exit_code == 0, result.output
    output = words(result.output)
    assert "own: fold 0 of 5 (3 of 12 records)" in output
    assert "thresholds were tuned on it" in output
    assert "precision recall F1 support predicted" in output
    assert "Issue accuracy:" in output
    assert "Emotion macro-F1:" in output
    assert "Challenging F1:" in output
    assert "Skipped twitter:" in output
    assert "Skipped goemotions-dev:" in output
    assert "is missing" in output


def test_all_says_it_includes_training_data(tmp_path):
    result = _run(tmp_path, "--split", "all", "--set", "own")
    assert result.exit_code == 0, result.output
    assert "all 12 records: includes training data" in words(result.output)
    assert "Skipped" not in result.output


def test_json_output_is_machine_readable(tmp_path):
    result = _run(tmp_path, "--json", "--split", "all")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["split"] == "all"
    assert body["model_version"]
    [own] = body["sets"]
    assert own["set"] == "own"
    assert own["count"] == 12
    assert set(own["labels"]["angry"]) == {"precision", "recall", "f1", "support", "predicted"}
    assert own["labels"]["angry"]["support"] == 4
    assert 0.0 <= own["emotion_macro_f1"] <= 1.0
    assert {skip["set"] for skip in body["skipped"]} == {"twitter", "goemotions-dev"}


def test_no_available_set_is_a_clear_error(tmp_path):
    result = runner.invoke(
        app,
        [
            "eval-assess",
            "--datasets",
            str(tmp_path / "nothing"),
            "--shared-data",
            str(tmp_path / "nothing"),
        ],
    )
    assert result.exit_code == 1
    output = words(result.output)
    assert "Skipped own:" in output
    assert "No evaluation set is available" in output


def test_an_unknown_set_or_split_is_refused_by_name(tmp_path):
    result = _run(tmp_path, "--set", "reddit")
    assert result.exit_code == 1
    assert "reddit" in result.output
    result = _run(tmp_path, "--split", "some")
    assert result.exit_code == 1
    assert "some" in result.output
