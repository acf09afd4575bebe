"""`calmdesk check-reply` and `calmdesk eval-replies`: the reply checker from the command line
(issue 5 "Checking", "Finding types and a contract for bulk checks", "Evaluation").

Neither needs the database. Criteria: Unit 7 3.1-3.2, P5, P6; C4 2.4-2.5, 3.4, 3.6-3.7;
C1 3.8, 3.10.

Bulk contract: `check-reply --jsonl FILE` reads JSON Lines with `id`, `reply`, and optionally
`customer_text`, `channel`, `public` and `authority`; it writes one JSON object a line, in input
order: the line's other fields unchanged (as `calmdesk triage` does), then `id`, `line` (its line
number in the file) and `findings` (each with type, start, end, message, suggestion, criterion).
A line that cannot be checked (not JSON, no id, no reply, an unknown channel, an empty or
over-long reply...) gets `"error"` and no findings, with `id` null when it has none; every other
line is still checked, and the exit status is 1 when any line had an error. Only a file that
cannot be read at all (missing, unreadable, not UTF-8) stops the run before any output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from calmdesk.core.channels import Channel
from calmdesk.core.replies.checker import (
    FINDING_TYPES,
    ReplyContext,
    ReplyInputError,
    authority_from_policy,
    check_reply,
    remedy_terms_from_policy,
)

CHANNELS = tuple(channel.value for channel in Channel)
INPUT_FIELDS = {"id", "reply", "customer_text", "channel", "public", "authority"}


def _context(
    customer_text: str | None,
    channel: str | None,
    public: bool | None,
    authority: dict | None,
    policy_context: dict,
) -> ReplyContext:
    from calmdesk.core.replies.checker_eval import context_for

    base = context_for(
        customer_text,
        channel,
        public,
        authority if authority is not None else policy_context.get("authority"),
        policy_context.get("currency"),
    )
    if policy_context.get("remedy_terms"):
        from dataclasses import replace

        base = replace(base, remedy_terms=policy_context["remedy_terms"])
    return base


def _policy_context(policy_file: Path | None, role: str | None) -> dict:
    from calmdesk.cli import fail

    if policy_file is None:
        if role is not None:
            fail("--role needs --policy: the role's authority comes from the policy file.")
        return {}
    from calmdesk.core.policy import PolicyError, load_policy
    from calmdesk.core.roles import Role

    if role is None:
        fail("--policy needs --role (agent, team_leader or manager).")
    if role not in {r.value for r in Role}:
        fail(f"Unknown role {role!r}; use one of {', '.join(r.value for r in Role)}.")
    try:
        policy = load_policy(policy_file.read_bytes())
    except OSError as exc:
        fail(f"{policy_file} cannot be read: {exc.strerror or exc}.")
    except PolicyError as exc:
        fail(f"{policy_file} is not a valid policy: {exc}")
    return {
        "authority": authority_from_policy(policy, Role(role)),
        "remedy_terms": remedy_terms_from_policy(policy),
        "currency": policy.currency,
    }


def read_reply_lines(text: str) -> list[dict]:
    """One entry a non-blank line, in order, each with `_line` (its number): the record, or,
    for a line that cannot be checked, `_error` saying why (and `_id` when it has one)."""
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            entries.append({"_line": number, "_error": f"The line is not valid JSON ({exc.msg})."})
            continue
        except RecursionError:
            entries.append({"_line": number, "_error": "The line is nested too deeply to read."})
            continue
        if not isinstance(record, dict):
            entries.append({"_line": number, "_error": "The line is not a JSON object."})
            continue
        record["_line"] = number
        problem = _line_problem(record)
        if problem is not None:
            record["_error"] = problem
        entries.append(record)
    return entries


def _valid_id(value: object) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


def _line_problem(record: dict) -> str | None:
    """Why a JSON object cannot be checked, or None. Fields not in the contract are kept and
    written back unchanged, so they are no problem."""
    if not _valid_id(record.get("id")):
        return "The line has no id (a string or a number)."
    if not isinstance(record.get("reply"), str):
        return "The line has no reply text."
    customer = record.get("customer_text")
    if customer is not None and not isinstance(customer, str):
        return "customer_text must be text."
    channel = record.get("channel")
    if channel is not None and channel not in CHANNELS:
        return f"Unknown channel {channel!r}; use one of {', '.join(CHANNELS)}."
    if "public" in record and not isinstance(record["public"], bool):
        return "public must be true or false."
    authority = record.get("authority")
    if authority is not None:
        if not isinstance(authority, dict):
            return "authority must be an object."
        try:
            ReplyContext.build(authority=authority)
        except ValueError as exc:
            return f"{str(exc)[:1].upper()}{str(exc)[1:]}."
    return None


def _passed_through(entry: dict) -> dict:
    """The line's own fields beyond the input contract (and our bookkeeping), unchanged."""
    return {
        key: value
        for key, value in entry.items()
        if key not in INPUT_FIELDS and key not in {"_line", "_error", "line", "findings", "error"}
    }


def check_records(entries: list[dict], policy_context: dict | None = None) -> list[dict]:
    """One result per entry, in order: the line's own other fields, then `id`, `line` and
    `findings`, and `error` for a line that could not be checked."""
    from calmdesk.core.assessment import AssessmentInputError

    results = []
    for entry in entries:
        identifier = entry.get("id") if _valid_id(entry.get("id")) else None
        result = {**_passed_through(entry), "id": identifier, "line": entry["_line"]}
        error = entry.get("_error")
        if error is None:
            try:
                context = _context(
                    entry.get("customer_text"),
                    entry.get("channel"),
                    entry.get("public"),
                    entry.get("authority"),
                    policy_context or {},
                )
                findings = check_reply(entry["reply"], context)
            except AssessmentInputError as exc:
                error = f"customer_text cannot be assessed: {exc}"
            except ReplyInputError as exc:
                error = str(exc)
        if error is not None:
            results.append({**result, "findings": [], "error": error})
        else:
            results.append({**result, "findings": [f.as_dict() for f in findings]})
    return results


MAX_ERRORS_LISTED = 20


def check_reply_command(
    text: Annotated[
        str | None, typer.Argument(help="The reply to check; '-' reads stdin. Omit with --jsonl.")
    ] = None,
    jsonl: Annotated[
        Path | None,
        typer.Option(help="Check every reply of a JSON Lines file (id, reply, ...)."),
    ] = None,
    customer: Annotated[
        str | None,
        typer.Option("--customer", help="The customer's message the reply answers."),
    ] = None,
    channel: Annotated[str | None, typer.Option(help=f"One of: {', '.join(CHANNELS)}.")] = None,
    public: Annotated[
        bool | None,
        typer.Option(
            "--public/--private",
            help="A public social-media post (default: public for social_media).",
        ),
    ] = None,
    policy_file: Annotated[
        Path | None,
        typer.Option("--policy", help="A policy YAML file: check promises against --role."),
    ] = None,
    role: Annotated[
        str | None, typer.Option(help="The sender's role in the policy (agent, ...).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
) -> None:
    """Check an agent's reply: words that provoke, admissions, rules without reasons, passive
    or aggressive wording, jargon, missing empathy or next step, personal data in public,
    promises above authority."""
    from calmdesk.cli import EXIT_FAILED, err, fail, out

    policy_context = _policy_context(policy_file, role)
    if jsonl is not None:
        if text is not None:
            fail("Give either a reply or --jsonl FILE, not both.")
        if not jsonl.is_file():
            fail(f"{jsonl} is not a file.")
        try:
            entries = read_reply_lines(jsonl.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError as exc:
            fail(f"{jsonl} is not UTF-8 text (byte {exc.start} cannot be read).")
        except OSError as exc:
            fail(f"{jsonl} cannot be read: {exc.strerror or exc}.")
        results = check_records(entries, policy_context)
        typer.echo(
            "".join(json.dumps(result, ensure_ascii=False) + "\n" for result in results), nl=False
        )
        failed = [r for r in results if "error" in r]
        found = sum(len(r["findings"]) for r in results)
        err.print(
            f"Checked {len(results) - len(failed)} of {len(results)} replies: {found} findings."
        )
        if not failed:
            return
        for result in failed[:MAX_ERRORS_LISTED]:
            which = f"line {result['line']}" + (
                f" (id {result['id']})" if result["id"] is not None else ""
            )
            err.print(f"Error on {which}: {result['error']}", soft_wrap=True)
        if len(failed) > MAX_ERRORS_LISTED:
            err.print(f"... and {len(failed) - MAX_ERRORS_LISTED} more; see their error field.")
        err.print(
            f"{len(failed)} of {len(results)} lines had an error; their error field says why.",
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_FAILED)
    if text is None:
        fail("Give the reply to check, or --jsonl FILE.")
    if text == "-":
        text = typer.get_text_stream("stdin").read()
    if channel is not None and channel not in CHANNELS:
        fail(f"Unknown channel {channel!r}; use one of {', '.join(CHANNELS)}.")
    context = _context(customer, channel, public, None, policy_context)
    try:
        findings = check_reply(text, context)
    except ReplyInputError as exc:
        fail(str(exc))
    if as_json:
        out.print(
            json.dumps({"findings": [f.as_dict() for f in findings]}, ensure_ascii=False),
            soft_wrap=True,
        )
        return
    if not findings:
        out.print("No findings: the reply reads as calm, clear and assertive.")
        return
    for finding in findings:
        words = text[finding.start : finding.end]
        where = f'"{words}"' if words else "(missing)"
        out.print(
            f"[bold]{finding.type}[/] {escape(where)} · {escape(finding.criterion)}",
            markup=True,
            soft_wrap=True,
        )
        out.print(f"  {finding.message}", soft_wrap=True)
        out.print(f"  Better: {finding.suggestion.strip()}", soft_wrap=True)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def eval_replies_command(
    labelled: Annotated[
        Path | None,
        typer.Option(
            "--set", help="The labelled replies (default datasets/replies_labelled.jsonl)."
        ),
    ] = None,
    blind: Annotated[
        Path | None,
        typer.Option(
            "--blind-set",
            help="The blind labelled replies, reported as the blind split (default "
            "datasets/replies_blind.jsonl, when it exists).",
        ),
    ] = None,
    twitter: Annotated[
        bool | None,
        typer.Option(
            "--twitter/--no-twitter",
            help="Also check the real agent replies (default: when the shared data exists).",
        ),
    ] = None,
    twitter_file: Annotated[
        Path | None,
        typer.Option(help="The Twitter customer-care file (default ../shared/data/...)."),
    ] = None,
    show: Annotated[
        int, typer.Option(help="Print this many findings on real replies for review.")
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Measure the reply checker: precision, recall and F1 per finding type on the labelled
    replies (all, dev, heldout) and the blind batch, and findings per 100 real professional
    agent replies."""
    from calmdesk.cli import fail, out
    from calmdesk.core.assessment.evaluation import default_repo_root
    from calmdesk.core.replies import checker_eval

    root = default_repo_root()
    labelled = labelled or root / "datasets" / "replies_labelled.jsonl"
    twitter_file = twitter_file or root.parent / "shared" / "data" / "twitter-customer-care" / (
        "dev.json"
    )
    if not labelled.is_file():
        fail(f"{labelled} is not a file.")
    if blind is None:
        default_blind = root / "datasets" / "replies_blind.jsonl"
        blind = default_blind if default_blind.is_file() else None
    elif not blind.is_file():
        fail(f"{blind} is not a file.")
    if blind is not None and blind.resolve() == labelled.resolve():
        blind = None  # --set names the blind file itself: read it once
    try:
        records = checker_eval.read_sets(labelled, blind)
    except (OSError, checker_eval.ReplySetError) as exc:
        fail(str(exc))
    scores = {split: checker_eval.evaluate(records, split) for split in checker_eval.SPLITS}
    use_twitter = twitter if twitter is not None else twitter_file.is_file()
    real = None
    if use_twitter:
        if not twitter_file.is_file():
            fail(f"{twitter_file} is not a file; leave out --twitter or give --twitter-file.")
        try:
            real = checker_eval.check_real(checker_eval.twitter_agent_replies(twitter_file))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            fail(f"{twitter_file} cannot be read: {exc}")
    if as_json:
        body = {
            "labelled": {split: score.as_dict() for split, score in scores.items()},
            "real": real.as_dict() if real else None,
        }
        out.print(json.dumps(body, ensure_ascii=False), soft_wrap=True)
        return
    titles = {
        "all": "all labelled replies",
        "dev": "dev: the replies the checker was tuned on",
        "heldout": "held out: written after tuning, never tuned on",
        "blind": "blind: written and labelled before the checker ever ran on them",
    }
    out.print(f"Labelled replies: {labelled.name}" + (f" and {blind.name}" if blind else ""))
    for split, score in scores.items():
        if not score.records:
            continue
        table = Table("type", "precision", "recall", "F1", "labelled", "found")
        table.title = f"{titles[split]} ({score.records})"
        for kind in FINDING_TYPES:
            item = score.per_type[kind]
            table.add_row(
                kind,
                _fmt(item.precision),
                _fmt(item.recall),
                _fmt(item.f1),
                str(item.true_positives + item.false_negatives),
                str(item.true_positives + item.false_positives),
            )
        out.print(table)
    if real is not None:
        out.print(
            f"Real agent replies: {real.replies}; findings {sum(real.counts.values())} "
            f"({real.per_100:.1f} per 100)"
        )
        out.print(
            "  "
            + ", ".join(
                f"{kind} {real.counts[kind]}" for kind in FINDING_TYPES if real.counts[kind]
            ),
            soft_wrap=True,
        )
        for item, finding in real.examples[:show]:
            words = item.reply[finding.start : finding.end]
            out.print(f"- {item.id} {finding.type}: {words or '(missing)'!r}", soft_wrap=True)
            out.print(f"    reply: {item.reply}", soft_wrap=True)
            if item.customer_text:
                out.print(f"    customer: {item.customer_text}", soft_wrap=True)
