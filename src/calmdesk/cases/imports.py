"""Import contacts from email (.eml, mbox, a folder of .eml files) and CSV (Unit 7 2.1; C1 1.1).

A whole file imports in one transaction: one bad message or row and nothing is kept, not
even attachment files. Importing a file again adds nothing: every message carries a key
(an email's Message-ID, a row's external_id or a hash of its content).

This module reads the sources and runs the import; `import_batches` writes the messages.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from calmdesk.cases.access import check_can_import
from calmdesk.cases.import_batches import BatchWriter, Incoming, batches
from calmdesk.cases.services import ContactDetails, audit, files_removed_on_failure
from calmdesk.core.channels import Channel
from calmdesk.core.csv_rows import CsvRow, parse_csv
from calmdesk.core.email_parsing import (
    ParsedEmail,
    count_mbox_messages,
    iter_mbox,
    looks_like_mbox,
    parse_email,
)
from calmdesk.core.intake import IntakeError, decode_text_file
from calmdesk.people.models import Organisation, User

Progress = Callable[[int, int], None]
BATCH_SIZE = 500


@dataclass(frozen=True)
class ImportReport:
    created_cases: int
    created_messages: int
    skipped_duplicates: int
    attachments: int
    refused_attachments: tuple[str, ...]


def import_email_bytes(
    organisation: Organisation, raw: bytes, *, actor: User | None = None
) -> ImportReport:
    """Import one email given as its raw bytes."""
    return _import(organisation, actor, "an email", 1, _emails([("", raw)]), None)


def import_email_path(
    organisation: Organisation,
    path: Path,
    *,
    actor: User | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a .eml file, an mbox file, or every .eml file in a directory (by name order)."""
    path = Path(path)
    sources: Iterable[tuple[str, bytes]]
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".eml")
        if not files:
            raise IntakeError(f"{path} holds no .eml files.")
        sources, total = ((f.name, _read(f)) for f in files), len(files)
    elif not path.is_file():
        raise IntakeError(f"{path} is not a file or a directory.")
    elif path.suffix.lower() != ".eml" and _read_start(path):
        total = count_mbox_messages(path)
        sources = ((f"Message {n} of {path.name}", raw) for n, raw in iter_mbox(path))
    else:
        sources, total = [(path.name, _read(path))], 1
    return _import(organisation, actor, path.name, total, _emails(sources), progress)


def import_csv_text(
    organisation: Organisation,
    text: str,
    *,
    actor: User | None = None,
    progress: Progress | None = None,
    source: str = "a CSV",
) -> ImportReport:
    """Import CSV text whose columns are described in docs/imports.md."""
    if actor is not None:
        check_can_import(actor, organisation)
    rows = parse_csv(text, time_zone=settings.TIME_ZONE)
    items = (_from_row(row) for row in rows)
    return _import(organisation, actor, source, len(rows), items, progress)


def import_csv_path(
    organisation: Organisation,
    path: Path,
    *,
    actor: User | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a UTF-8 CSV file; any other encoding is refused with the byte that failed."""
    path = Path(path)
    text = decode_text_file(_read(path), name=path.name)
    return import_csv_text(organisation, text, actor=actor, progress=progress, source=path.name)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IntakeError(f"{path} cannot be read: {exc.strerror}.") from None


def _read_start(path: Path) -> bool:
    try:
        return looks_like_mbox(path)
    except OSError as exc:
        raise IntakeError(f"{path} cannot be read: {exc.strerror}.") from None


def _emails(sources: Iterable[tuple[str, bytes]]) -> Iterator[Incoming]:
    for label, raw in sources:
        try:
            parsed = parse_email(raw)
        except IntakeError as exc:
            raise IntakeError(f"{label}: {exc}" if label else str(exc)) from None
        yield _from_email(label, parsed)


def _from_email(label: str, parsed: ParsedEmail) -> Incoming:
    return Incoming(
        label=label,
        key=parsed.message_id,
        channel=Channel.EMAIL,
        text=parsed.message_text,
        contact=ContactDetails(name=parsed.from_name, email=parsed.from_address),
        subject=parsed.subject,
        sent_at=parsed.sent_at,
        in_reply_to=parsed.in_reply_to,
        thread_ids=parsed.thread_ids,
        attachments=parsed.attachments,
    )


def _from_row(row: CsvRow) -> Incoming:
    return Incoming(
        label=f"Row {row.row_number}",
        key=row.key,
        channel=row.channel,
        text=row.text,
        contact=ContactDetails(
            name=row.customer_name,
            email=row.customer_email,
            phone=row.customer_phone,
            social=row.customer_handle,
        ),
        direction=row.direction.value,
        subject=row.subject,
        sent_at=row.received_at,
        case_reference=row.case_reference,
    )


def _import(
    organisation: Organisation,
    actor: User | None,
    source: str,
    total: int,
    items: Iterable[Incoming],
    progress: Progress | None,
) -> ImportReport:
    if actor is not None:
        check_can_import(actor, organisation)
    try:
        with _young_garbage_collected_per_batch(), files_removed_on_failure(), transaction.atomic():
            writer = BatchWriter(organisation, actor, timezone.now())
            done = 0
            for batch in batches(items, BATCH_SIZE):
                writer.write(batch)
                gc.collect(0)
                done += len(batch)
                if progress is not None:
                    progress(done, max(total, done))
            if done == 0:
                raise IntakeError(f"{source} holds no messages to import.")
            report = _report_of(writer)
            audit(
                organisation.pk,
                actor,
                "import.finished",
                f"Imported {source}: {report.created_cases} new cases, "
                f"{report.created_messages} messages, "
                f"{report.skipped_duplicates} already imported",
                at=writer.now,
                source=source,
                created_cases=report.created_cases,
                created_messages=report.created_messages,
                skipped_duplicates=report.skipped_duplicates,
                refused_attachments=len(report.refused_attachments),
            )
    except IntegrityError:
        raise IntakeError(
            f"Another import wrote some of the messages in {source} at the same time, so "
            "nothing was imported. Import it again: what is already there will be skipped."
        ) from None
    return report


@contextmanager
def _young_garbage_collected_per_batch() -> Iterator[None]:
    """Collect garbage once per batch instead of whenever the collector decides.

    Email parse trees are cyclic garbage, and the collector's automatic full passes over
    every object the import keeps cost a third of an mbox import. The import collects the
    young generation after each batch instead, so memory still stays bounded.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _report_of(writer: BatchWriter) -> ImportReport:
    return ImportReport(
        created_cases=writer.created_cases,
        created_messages=writer.created_messages,
        skipped_duplicates=writer.skipped_duplicates,
        attachments=writer.attachments,
        refused_attachments=tuple(writer.refused_attachments),
    )
