"""Import speed: messages per second for an mbox and a CSV, new and imported again.

    python bench/imports.py sqlite [--messages 5000] [--texts vocabulary|own]
    BENCH_DATABASE_URL=postgres://... python bench/imports.py postgres

The mailbox and the CSV are made up on the spot from a small vocabulary of the project's own
words: a quarter of the emails answer an earlier one (In-Reply-To and References), one in fifty
carries a small attachment, and customers write more than once. Later CSV rows add to cases
opened earlier in the file, by case_reference. Each file is imported into an organisation
created for this run (slug "imports-<time>-<n>"), through the same functions as the
`calmdesk import-email` and `import-csv` commands, with the system as the importer. The second
import of each file finds every message already stored and adds nothing. Nothing already in
the database is changed, and the organisations are left in place afterwards.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.generator import BytesGenerator
from email.message import EmailMessage
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

from _setup import configure, machine

VOCABULARY = (
    "kettle toaster blender heater fridge freezer oven hob television router speaker laptop "
    "charger cable remote parcel delivery courier refund invoice voucher account password "
    "engineer visit repair replacement warranty receipt order broken noisy leaking late "
    "missing damaged wrong cancelled waiting again still please help urgent today tomorrow "
    "week month complaint promised nobody called answer reply sorry disappointed annoyed "
    "confused worried café £45 naïve"
)
WORDS = VOCABULARY.split()
NAMES = "Ann Tom Priya Sam Noor Lewis Maya Owen Ruth Idris Lena Kofi"
FIRST_NAMES = NAMES.split()
SURNAMES = "Lee Reid Shah Hart Khan Byrne Moss Quinn Vale Okafor Drew Nash"
LAST_NAMES = SURNAMES.split()
CSV_CHANNELS = ["telephone", "sms", "letter", "web_form", "social_media", "face_to_face"]
# A real PNG signature and header, so the attachment passes the content check.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
START = datetime(2024, 3, 4, 8, 0, tzinfo=UTC)
_R = TypeVar("_R")


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 24))).capitalize() + "."


# With --texts own: the project's own labelled customer messages, real-shaped text for the
# assessment engine (the vocabulary's word soup is its worst case: almost no English
# function words, so language detection asks the detector about every sentence).
OWN_TEXTS: list[str] = []


def paragraph(rng: random.Random) -> str:
    if OWN_TEXTS:
        return rng.choice(OWN_TEXTS)
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 5)))


def person(rng: random.Random, number: int) -> tuple[str, str]:
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return name, f"{name.split()[0].lower()}.{number}@customers.example"


def write_mbox(path: Path, count: int, rng: random.Random) -> dict[str, int]:
    """An mbox of `count` emails; returns how many are replies and how many carry a file."""
    customers = [person(rng, n) for n in range(max(1, count // 4))]
    sent: list[tuple[str, str, str]] = []  # (message id, sender, subject) of each email so far
    figures = {"replies": 0, "attachments": 0}
    with path.open("wb") as out:
        for n in range(count):
            message = EmailMessage()
            moment = START + timedelta(minutes=3 * n)
            if sent and rng.random() < 0.25:
                answered_id, sender, subject = rng.choice(sent)
                message["In-Reply-To"] = answered_id
                message["References"] = answered_id
                subject = f"Re: {subject}"
                text = f"{paragraph(rng)}\n\n> {sentence(rng)}\n"
                figures["replies"] += 1
            else:
                name, address = rng.choice(customers)
                sender, subject = f"{name} <{address}>", sentence(rng)[:60]
                text = f"{paragraph(rng)}\n\n{paragraph(rng)}\n"
            message_id = f"<bench.{n}.{rng.getrandbits(48):x}@customers.example>"
            message["From"] = sender
            message["To"] = "care@desk.example"
            message["Subject"] = subject
            message["Message-ID"] = message_id
            message["Date"] = moment.strftime("%a, %d %b %Y %H:%M:%S +0000")
            message.set_content(text)
            if n % 50 == 49:
                if rng.random() < 0.5:
                    message.add_attachment(
                        PNG, maintype="image", subtype="png", filename="fault.png"
                    )
                else:
                    message.add_attachment(paragraph(rng), filename="notes.txt")
                figures["attachments"] += 1
            sent.append((message_id, sender, subject))
            buffer = BytesIO()
            BytesGenerator(buffer, mangle_from_=True).flatten(message)
            out.write(moment.strftime("From bench@desk.example %a %b %d %H:%M:%S %Y\n").encode())
            out.write(buffer.getvalue().replace(b"\r\n", b"\n"))
            out.write(b"\n")
    return figures


def write_csv(path: Path, count: int, rng: random.Random, batch_size: int) -> dict[str, int]:
    """A CSV of `count` rows; after the first two batches some rows add to earlier cases.

    A case_reference must name a case that is stored before its row's batch is written, so
    only rows from the third batch on refer back, and only to cases of the first batch.
    """
    customers = [person(rng, n) for n in range(max(1, count // 3))]
    figures = {"added_to_cases": 0, "without_id": 0}
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "external_id",
                "customer_name",
                "customer_email",
                "customer_phone",
                "channel",
                "direction",
                "received_at",
                "subject",
                "case_reference",
                "text",
            ]
        )
        opened = 0
        for n in range(count):
            name, address = rng.choice(customers)
            phone = f"07700 9{rng.randint(0, 99_999):05d}" if rng.random() < 0.5 else ""
            reference, direction = "", "inbound"
            if n >= 2 * batch_size and rng.random() < 0.05:
                reference = f"CD-{rng.randint(1, min(opened, batch_size)):06d}"
                direction = rng.choice(["inbound", "outbound"])
                figures["added_to_cases"] += 1
            else:
                opened += 1
            external_id = f"ROW-{n}" if rng.random() < 0.7 else ""
            figures["without_id"] += not external_id
            moment = START + timedelta(minutes=2 * n)
            writer.writerow(
                [
                    external_id,
                    name,
                    address,
                    phone,
                    rng.choice(CSV_CHANNELS),
                    direction,
                    moment.isoformat(),
                    sentence(rng)[:60],
                    reference,
                    paragraph(rng),
                ]
            )
    return figures


def timed(run: Callable[..., _R], *args: Any) -> tuple[_R, float]:
    started = time.perf_counter()
    result = run(*args)
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database", choices=["sqlite", "postgres"])
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument(
        "--texts",
        choices=["vocabulary", "own"],
        default="vocabulary",
        help="message bodies: word soup from a small vocabulary, or our own customer messages",
    )
    args = parser.parse_args()
    if args.texts == "own":
        own = Path(__file__).resolve().parent.parent / "datasets" / "calmdesk_messages.jsonl"
        with own.open(encoding="utf-8") as lines:
            OWN_TEXTS.extend(json.loads(line)["text"] for line in lines if line.strip())
    configure(args.database)

    from django.db import connection

    from calmdesk.cases.imports import BATCH_SIZE, import_csv_path, import_email_path
    from calmdesk.people.models import Organisation, Team

    def fresh_organisation(kind: str) -> Organisation:
        slug = f"imports-{datetime.now(UTC):%Y%m%d%H%M%S}-{time.perf_counter_ns() % 10**6}"
        organisation = Organisation.objects.create(name=f"Import benchmark ({kind})", slug=slug)
        Team.objects.create(organisation=organisation, name="Intake", is_intake=True)
        return organisation

    rng = random.Random(5)
    count = args.messages
    print(f"{connection.vendor}: {count} messages per file ({args.texts} texts); {machine()}")
    with tempfile.TemporaryDirectory() as folder:
        mbox, table = Path(folder) / "inbox.mbox", Path(folder) / "contacts.csv"
        mail = write_mbox(mbox, count, rng)
        rows = write_csv(table, count, rng, BATCH_SIZE)
        print(
            f"  mbox: {mail['replies']} replies, {mail['attachments']} with an attachment "
            f"({mbox.stat().st_size / 1_048_576:.1f} MB)\n"
            f"  csv:  {rows['added_to_cases']} rows add to earlier cases, "
            f"{rows['without_id']} without external_id ({table.stat().st_size / 1_048_576:.1f} MB)"
        )
        for kind, path, import_path in [
            ("mbox", mbox, import_email_path),
            ("csv", table, import_csv_path),
        ]:
            organisation = fresh_organisation(kind)
            first, new_seconds = timed(import_path, organisation, path)
            if first.created_messages != count:
                raise SystemExit(f"{kind}: imported {first.created_messages} of {count}")
            again, again_seconds = timed(import_path, organisation, path)
            if (again.created_messages, again.skipped_duplicates) != (0, count):
                raise SystemExit(f"{kind}: importing again changed something: {again}")
            print(
                f"  {kind:5} new {count / new_seconds:7,.0f} messages/s ({new_seconds:5.2f} s, "
                f"{first.created_cases} cases)   "
                f"again {count / again_seconds:7,.0f} messages/s ({again_seconds:5.2f} s)"
            )


if __name__ == "__main__":
    main()
