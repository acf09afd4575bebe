"""`calmdesk triage FILE`: one result per message, in input order, with the contract fields."""

from __future__ import annotations

import csv
import io
import json
from email.message import EmailMessage

import pytest
from typer.testing import CliRunner

from calmdesk.cli import app

runner = CliRunner()
CONTRACT = {"id", "issue", "indicators", "risks", "challenge_level", "language"}
MESSAGES = [
    {"id": "m-1", "text": "I will take you to the small claims court over this.", "store": "York"},
    {"text": "What time do you open on bank holidays?"},
    {"id": "m-3", "text": "   "},
]


def _jsonl(tmp_path, records) -> str:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return str(path)


def _results(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_jsonl_in_jsonl_out_keeps_order_ids_and_unknown_fields(tmp_path):
    result = runner.invoke(app, ["triage", _jsonl(tmp_path, MESSAGES)])
    assert result.exit_code == 0, result.output
    rows = _results(result.stdout)
    assert [row["id"] for row in rows] == ["m-1", "2", "m-3"]
    assert all(set(row) >= CONTRACT for row in rows)
    assert rows[0]["store"] == "York"
    assert "threat_legal" in rows[0]["risks"]
    assert rows[2]["error"]
    assert rows[2]["issue"] is None


def test_csv_in_csv_out_to_a_file(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,text,agent\nr1,My kettle is broken again,Sam\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["triage", str(source), "--format", "csv", "--output", str(target)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0]["id"] == "r1"
    assert rows[0]["agent"] == "Sam"
    assert set(rows[0]) >= CONTRACT


def test_an_mbox_is_read_message_by_message(tmp_path):
    mbox = tmp_path / "inbox"
    parts = []
    for number, body in enumerate(["Where is my parcel?", "My account is locked."], start=1):
        email = EmailMessage()
        email["From"] = f"customer{number}@example.com"
        email["Message-ID"] = f"<m{number}@example.com>"
        email.set_content(body)
        parts.append(f"From customer{number}@example.com Mon Jan  1 00:00:00 2024\n{email}\n")
    mbox.write_text("".join(parts), encoding="utf-8")
    result = runner.invoke(app, ["triage", str(mbox)])
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in _results(result.stdout)] == [
        "<m1@example.com>",
        "<m2@example.com>",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"text": "fine"}\n{not json}\n', "Line 2"),
        (b'{"id": 1}\n', "text string"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_a_malformed_file_is_one_clear_error_and_writes_nothing(tmp_path, content, message):
    source = tmp_path / "in.jsonl"
    source.write_bytes(content)
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["triage", str(source), "--output", str(target)])
    assert result.exit_code == 1
    assert message in result.output
    assert not target.exists()
