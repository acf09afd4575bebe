"""`calmdesk assess`: one text in, a readable or JSON assessment out, no database needed."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from calmdesk.cli import app

runner = CliRunner()
LEGAL = (
    "Third time I have rung about the broken washer. Sort it by Friday or I go to the ombudsman."
)


def test_it_prints_the_issue_the_risk_and_the_words_that_show_it():
    result = runner.invoke(app, ["assess", LEGAL])
    assert result.exit_code == 0, result.output
    assert "threat_legal" in result.output
    assert "ombudsman" in result.output
    assert "Customer's view:" in result.output


def test_json_output_carries_the_full_assessment():
    result = runner.invoke(app, ["assess", "--json", "--channel", "sms", LEGAL])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["channel"] == "sms"
    assert "threat_legal" in [risk["name"] for risk in body["risks"]]


def test_it_reads_standard_input_for_a_dash():
    result = runner.invoke(app, ["assess", "--json", "-"], input=LEGAL)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["model_version"]


def test_an_empty_text_is_one_clear_error_and_a_failing_status():
    result = runner.invoke(app, ["assess", "   "])
    assert result.exit_code == 1
    assert "empty" in result.output.lower()


def test_an_unknown_channel_is_refused_by_name():
    result = runner.invoke(app, ["assess", "--channel", "pigeon", "Hello"])
    assert result.exit_code == 1
    assert "pigeon" in result.output
