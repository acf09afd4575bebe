"""`calmdesk assess`, `triage` and `eval-assess`: the assessment engine from the command line.

None of them needs the database.
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

from calmdesk.core.assessment import (
    Assessment,
    AssessmentInputError,
    assess,
    engine_version,
    load_model,
)
from calmdesk.core.assessment.evaluation import SetResult
from calmdesk.core.assessment.triage import (
    TriageInputError,
    csv_row,
    input_format,
    read_records,
    triage,
)
from calmdesk.core.assessment.wording import CHALLENGE_WORDS
from calmdesk.core.channels import Channel
from calmdesk.core.intake import IntakeError


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


SplitOption = Annotated[
    str,
    typer.Option(
        "--split",
        help="heldout: only what the model never trained on; all: every record "
        "(includes training data).",
    ),
]


def eval_assess_command(
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="own, twitter or goemotions-dev; repeat for more. Default: every set available.",
        ),
    ] = None,
    split: SplitOption = "heldout",
    datasets: Annotated[
        Path | None,
        typer.Option(help="The folder of calmdesk_messages.jsonl and twitter_care_labels.jsonl."),
    ] = None,
    shared_data: Annotated[
        Path | None,
        typer.Option(help="The shared data folder (goemotions/, twitter-customer-care/)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Measure the assessment engine: per-label precision, recall and F1 on each set."""
    from calmdesk.cli import err, fail, out, progress_bar
    from calmdesk.core.assessment import evaluation

    chosen = list(dict.fromkeys(sets or evaluation.SET_NAMES))
    unknown = [name for name in chosen if name not in evaluation.SET_NAMES]
    if unknown:
        fail(f"Unknown set {unknown[0]!r}; use one of {', '.join(evaluation.SET_NAMES)}.")
    if split not in evaluation.SPLITS:
        fail(f"Unknown split {split!r}; use one of {', '.join(evaluation.SPLITS)}.")
    root = evaluation.default_repo_root()
    datasets = datasets or root / "datasets"
    shared_data = shared_data or root.parent / "shared" / "data"
    loaded, skipped = [], []
    for name in chosen:
        try:
            loaded.append(evaluation.load_set(name, split, datasets, shared_data))
        except evaluation.SetUnavailable as exc:
            skipped.append({"set": name, "reason": str(exc)})
            err.print(f"Skipped {name}: {exc}.", soft_wrap=True)
        except (OSError, ValueError, KeyError, IndexError) as exc:
            skipped.append({"set": name, "reason": f"cannot be read: {exc}"})
            err.print(f"Skipped {name}: it cannot be read ({exc}).", soft_wrap=True)
    if not loaded:
        fail("No evaluation set is available; name the folders with --datasets and --shared-data.")
    model = load_model()
    results = []
    for evaluation_set in loaded:
        with progress_bar(f"Assessing {evaluation_set.name}") as progress:
            results.append(evaluation.evaluate(evaluation_set, model=model, progress=progress))
    if as_json:
        body = {
            "model_version": engine_version(model),
            "split": split,
            "sets": [result.as_dict() for result in results],
            "skipped": skipped,
        }
        out.print(json.dumps(body, ensure_ascii=False), soft_wrap=True)
        return
    out.print(f"Engine {engine_version(model)}, split {split}: the model and the cue rules.")
    if split == "heldout":
        out.print(
            "Held-out parts follow scripts/train_assessment.py's split of the label files as "
            "they are now; retrain after changing them.",
            soft_wrap=True,
        )
    for result in results:
        _print_set_result(result, out)


def _print_set_result(result: SetResult, console: Console) -> None:
    from calmdesk.core.assessment.evaluation import FEW_CASES

    console.print()
    console.print(
        f"[bold]{escape(result.name)}[/]: {escape(result.part)}", markup=True, soft_wrap=True
    )
    for note in result.notes:
        console.print(f"Note: {note}.", soft_wrap=True)
    table = Table("label", "precision", "recall", "F1", "support", "predicted")
    few = []
    for name, metrics in result.labels.items():
        table.add_row(
            name,
            _ratio(metrics.precision, metrics.predicted),
            _ratio(metrics.recall, metrics.support),
            _ratio(metrics.f1, metrics.support + metrics.predicted),
            str(metrics.support),
            str(metrics.predicted),
        )
        if metrics.support < FEW_CASES:
            few.append(name)
    console.print(table)
    if few:
        console.print(
            f"Fewer than {FEW_CASES} true cases, too few to read much into: {', '.join(few)}.",
            soft_wrap=True,
        )
    if result.issue_accuracy is not None:
        console.print(f"Issue accuracy:    {result.issue_accuracy:.3f}  ({result.count} messages)")
    console.print(
        f"Emotion macro-F1:  {result.emotion_macro_f1:.3f}  (angry, frustrated, upset, confused, "
        "anxious)",
        soft_wrap=True,
    )
    challenging = result.challenging
    console.print(
        f"Challenging F1:    {challenging.f1:.3f}  (P {challenging.precision:.3f}, "
        f"R {challenging.recall:.3f}; {challenging.support} of {result.count} challenging; "
        "any indicator this set labels but needs_access_support)",
        soft_wrap=True,
    )
    if result.unsupported:
        console.print(
            f"{result.unsupported} of {result.count} messages were read as a language the model "
            "was not trained for and predicted nothing.",
            soft_wrap=True,
        )
    if result.unassessable:
        console.print(
            f"{result.unassessable} messages could not be assessed (empty) and count as wrong."
        )


def _ratio(value: float, denominator: int) -> str:
    """A ratio to three places, or "-" when there was nothing to divide by."""
    return f"{value:.3f}" if denominator else "-"
