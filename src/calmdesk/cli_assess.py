"""`calmdesk assess` and `calmdesk triage`: the assessment engine from the command line.

Neither needs the database.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from calmdesk.core.assessment import Assessment, AssessmentInputError, assess
from calmdesk.core.assessment.triage import (
    TriageInputError,
    csv_row,
    input_format,
    read_records,
    triage,
)
from calmdesk.core.channels import Channel
from calmdesk.core.intake import IntakeError

CHALLENGE_WORDS = {0: "calm", 1: "some challenge", 2: "challenging", 3: "highly challenging"}


def assess_command(
    text: Annotated[str, typer.Argument(help="What the customer wrote or said; '-' reads stdin.")],
    channel: Annotated[
        str | None, typer.Option(help=f"One of: {', '.join(c.value for c in Channel)}.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the assessment as JSON.")] = False,
) -> None:
    """Assess one text: issue, indicators with their words, risks, needs, point of view."""
    from calmdesk.cli import err, fail, out

    if text == "-":
        text = typer.get_text_stream("stdin").read()
    if channel is not None and channel not in {c.value for c in Channel}:
        fail(f"Unknown channel {channel!r}; use one of {', '.join(c.value for c in Channel)}.")
    try:
        result = assess(text, channel=channel)
    except AssessmentInputError as exc:
        fail(str(exc))
    if as_json:
        out.print(json.dumps(result.as_dict(), ensure_ascii=False), soft_wrap=True)
        return
    _print_readable(result, out)
    if result.truncated:
        err.print("Only the start of this very long text was assessed.")


def _print_readable(result: Assessment, console: Console) -> None:
    level = result.challenge_level
    heading = (
        f"[bold]{escape(result.issue.replace('_', ' '))}[/] "
        f"(confidence {result.issue_confidence:.2f})"
    )
    if level is not None:
        heading += f" · challenge {level}: {CHALLENGE_WORDS[level]}"
    console.print(heading, markup=True)
    if result.point_of_view:
        console.print(f"Customer's view: {result.point_of_view}", soft_wrap=True)
    if not result.indicators_supported:
        console.print(f"Indicators not assessed: {result.unsupported_reason}", soft_wrap=True)
    table = Table("kind", "name", "score", "the words that show it")
    for kind, findings in (("indicator", result.indicators), ("risk", result.risks)):
        for finding in findings:
            words = "; ".join(result.text[span.start : span.end] for span in finding.evidence)
            table.add_row(kind, finding.name, f"{finding.score:.2f}", words)
    if table.row_count:
        console.print(table)
    elif result.indicators_supported:
        console.print("No indicators: the customer reads as calm.")
    needs = result.needs
    console.print(
        f"Language: {needs.language or 'not determined'} · terminology: {needs.terminology}"
        + (
            " · access needs: " + ", ".join(need.kind for need in needs.accessibility)
            if needs.accessibility
            else ""
        ),
        soft_wrap=True,
    )
    console.print(f"Model {result.model_version}")


def triage_command(
    path: Annotated[
        Path, typer.Argument(help="A .jsonl or .csv file with a text field, or an mbox.")
    ],
    output_format: Annotated[
        str, typer.Option("--format", help="jsonl (one JSON object a line) or csv.")
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option(help="Write here instead of standard output.")
    ] = None,
    channel: Annotated[str | None, typer.Option(help="The channel the messages came by.")] = None,
) -> None:
    """Assess every message of a file; one result per message, in input order."""
    from calmdesk.cli import err, fail, progress_bar

    if output_format not in {"jsonl", "csv"}:
        fail(f"Unknown format {output_format!r}; use jsonl or csv.")
    if channel is not None and channel not in {c.value for c in Channel}:
        fail(f"Unknown channel {channel!r}; use one of {', '.join(c.value for c in Channel)}.")
    if not path.is_file():
        fail(f"{path} is not a file.")
    try:
        records = list(read_records(path, input_format(path)))
    except (TriageInputError, IntakeError, OSError) as exc:
        fail(str(exc))
    results = []
    with progress_bar("Assessing") as progress:
        for done, record in enumerate(records, start=1):
            results.append(triage(record, channel=channel))
            if progress is not None and (done % 100 == 0 or done == len(records)):
                progress(done, len(records))
    written = _render(results, output_format)
    if output is None:
        typer.echo(written, nl=False)
    else:
        # Written whole and then moved into place, so a failed run never leaves half a file.
        partial = output.with_name(output.name + ".partial")
        partial.write_text(written, encoding="utf-8")
        partial.replace(output)
    failed = sum(1 for result in results if result["error"])
    err.print(f"Assessed {len(results) - failed} of {len(results)} messages.")
    if failed:
        err.print(f"{failed} could not be assessed; their error field says why.")


def _render(results: list[dict[str, object]], output_format: str) -> str:
    if output_format == "jsonl":
        return "".join(json.dumps(result, ensure_ascii=False) + "\n" for result in results)
    columns = list(dict.fromkeys(key for result in results for key in result))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_row(result) for result in results)
    return buffer.getvalue()
