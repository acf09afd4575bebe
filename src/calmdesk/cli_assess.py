"""`calmdesk assess`: the assessment engine from the command line, with no database."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from calmdesk.core.assessment import Assessment, AssessmentInputError, assess
from calmdesk.core.channels import Channel

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
