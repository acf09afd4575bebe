"""Bulk triage: assess every message of a file and write one result per message, in order.

Input is JSON Lines or CSV with a `text` field and an optional `id`, or an mbox. Any other
fields of a JSON Lines or CSV record are passed through unchanged. The output fields are a
contract other tools rely on: `id`, `issue`, `indicators`, `risks`, `challenge_level`,
`language` (names exactly as the assessment engine uses them), plus `error` for a record that
could not be assessed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calmdesk.core.assessment.assess import AssessmentInputError, assess
from calmdesk.core.email_parsing import iter_mbox, looks_like_mbox, parse_email
from calmdesk.core.intake import IntakeError

RESULT_FIELDS = ("id", "issue", "indicators", "risks", "challenge_level", "language", "error")


class TriageInputError(ValueError):
    """The file cannot be read as a whole; the message names the line or row at fault."""


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    extra: dict[str, Any] = field(default_factory=dict)


def input_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if looks_like_mbox(path):
        return "mbox"
    raise TriageInputError(
        f"{path.name}: name it .jsonl or .csv, or give an mbox file (first line 'From ')."
    )


def read_records(path: Path, kind: str) -> Iterator[Record]:
    """The file's messages in order; a malformed line or row stops with its number."""
    if kind == "mbox":
        yield from _mbox_records(path)
        return
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TriageInputError(
            f"{path.name} is not UTF-8 (byte {exc.start} cannot be read)."
        ) from None
    yield from (_jsonl_records(text) if kind == "jsonl" else _csv_records(text))


def _jsonl_records(text: str) -> Iterator[Record]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TriageInputError(f"Line {number} is not valid JSON: {exc.msg}.") from None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise TriageInputError(f"Line {number} needs a JSON object with a text string.")
        yield _record(item, number)


def _csv_records(text: str) -> Iterator[Record]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or "text" not in reader.fieldnames:
        raise TriageInputError("The CSV needs a header row with a text column.")
    for row in reader:
        if None in row:
            raise TriageInputError(f"Row {reader.line_num} has more cells than the header.")
        yield _record(dict(row), reader.line_num)


def _record(item: dict[str, Any], number: int) -> Record:
    text = item.pop("text") or ""
    identifier = item.pop("id", None)
    return Record(str(number) if identifier in (None, "") else str(identifier), text, item)


def _mbox_records(path: Path) -> Iterator[Record]:
    for number, raw in iter_mbox(path):
        try:
            parsed = parse_email(raw)
        except IntakeError as exc:
            yield Record(str(number), "", {"_error": str(exc)})
            continue
        yield Record(parsed.message_id or str(number), parsed.message_text)


def triage(record: Record, *, channel: str | None = None) -> dict[str, Any]:
    """One output object: the record's own fields, then the assessment's contract fields."""
    result: dict[str, Any] = {**record.extra, "id": record.id}
    error = result.pop("_error", None)
    if error is None:
        try:
            assessment = assess(record.text, channel=channel)
        except AssessmentInputError as exc:
            error = str(exc)
    if error is not None:
        result.update(
            issue=None, indicators=[], risks=[], challenge_level=None, language=None, error=error
        )
        return result
    result.update(
        issue=assessment.issue,
        indicators=assessment.indicator_names(),
        risks=assessment.risk_names(),
        challenge_level=assessment.challenge_level,
        language=assessment.needs.language,
        error=None,
    )
    return result


def csv_row(result: dict[str, Any]) -> dict[str, Any]:
    """A result flattened for a spreadsheet: lists joined with semicolons."""
    return {
        key: ";".join(value) if isinstance(value, list) else ("" if value is None else value)
        for key, value in result.items()
    }
