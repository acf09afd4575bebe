"""Read a CSV of customer contacts into checked rows (Unit 7 2.1; C1 1.1, 3.9).

Every row is checked before any is kept, so a file imports whole or not at all. Row numbers
count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calmdesk.core.channels import Channel
from calmdesk.core.intake import IntakeError, clean_message_text, content_key

REQUIRED_COLUMNS: tuple[str, ...] = ("customer_name", "channel", "text")
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "external_id",
    "received_at",
    "customer_email",
    "customer_phone",
    "customer_handle",
    "subject",
    "case_reference",
    "direction",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
MAX_LISTED_ERRORS = 10
_MAX_LENGTHS = {
    "customer_name": 200,
    "external_id": 500,
    "subject": 300,
    "customer_email": 320,
    "customer_phone": 320,
    "customer_handle": 320,
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[\d\s().-]{3,40}")
_REFERENCE = re.compile(r"CD-\d+")
_CHANNELS = ", ".join(c.value for c in Channel)


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


@dataclass(frozen=True)
class CsvRow:
    row_number: int
    customer_name: str
    channel: Channel
    text: str
    external_id: str = ""
    received_at: datetime | None = None
    customer_email: str = ""
    customer_phone: str = ""
    customer_handle: str = ""
    subject: str = ""
    case_reference: str = ""
    direction: Direction = Direction.INBOUND

    @property
    def key(self) -> str:
        """What makes a re-import of this row find it again: its own id, else its content."""
        if self.external_id:
            return self.external_id
        return content_key(
            self.customer_name,
            self.customer_email,
            self.customer_phone,
            self.customer_handle,
            self.channel.value,
            self.direction.value,
            self.received_at.isoformat() if self.received_at else "",
            self.subject,
            self.text,
            self.case_reference,
        )


class _BadValue(Exception):
    pass


def parse_csv(text: str, *, time_zone: str = "UTC") -> list[CsvRow]:
    """Check every row of a CSV and return them all, or raise naming each bad row.

    A `received_at` without an offset is a time in `time_zone`.

    >>> rows = parse_csv("customer_name,channel,text\\nAnn Lee,sms,Where is my order?\\n")
    >>> rows[0].channel, rows[0].text, rows[0].direction
    (<Channel.SMS: 'sms'>, 'Where is my order?', <Direction.INBOUND: 'inbound'>)
    >>> parse_csv("customer_name,channel,text\\nAnn Lee,fax,Hello\\n")
    Traceback (most recent call last):
    ...
    calmdesk.core.intake.IntakeError: Row 2: channel 'fax' is not one of email, letter, \
telephone, face_to_face, sms, social_media, web_form, api.
    """
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise IntakeError(f"{time_zone!r} is not a time zone calmdesk knows.") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = _columns(next(reader, []))
        rows, errors = [], []
        for number, record in enumerate(reader, start=2):
            if not any(value.strip() for value in record):
                continue
            try:
                rows.append(_row(number, header, record, zone))
            except _BadValue as exc:
                errors.append(f"Row {number}: {exc}")
    except csv.Error as exc:
        raise IntakeError(f"The CSV cannot be read near line {reader.line_num}: {exc}.") from None
    if errors:
        raise IntakeError(_summary(errors))
    if not rows:
        raise IntakeError("The CSV has a header but no rows to import.")
    return rows


def _columns(header: list[str]) -> list[str]:
    if not any(name.strip() for name in header):
        raise IntakeError(
            f"The CSV is empty; its first line must name the columns, at least "
            f"{', '.join(REQUIRED_COLUMNS)}."
        )
    names = [name.strip().lower() for name in header]
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        raise IntakeError(
            f"The CSV has columns calmdesk does not know: {', '.join(map(repr, unknown))}. "
            f"Use only {', '.join(COLUMNS)}."
        )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise IntakeError(f"The CSV names the column {', '.join(repeated)} more than once.")
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise IntakeError(
            f"The CSV has no {', '.join(missing)} column; every CSV needs "
            f"{', '.join(REQUIRED_COLUMNS)}."
        )
    return names


def _row(number: int, header: list[str], record: list[str], zone: ZoneInfo) -> CsvRow:
    if len(record) > len(header):
        raise _BadValue(f"it has {len(record)} values but the header names {len(header)} columns.")
    values = dict.fromkeys(COLUMNS, "")
    values.update({name: value.strip() for name, value in zip(header, record, strict=False)})
    problems = []
    for name, limit in _MAX_LENGTHS.items():
        if len(values[name]) > limit:
            problems.append(f"{name} is longer than {limit} characters")
    parsed = {}
    for name, check in _CHECKS.items():
        try:
            parsed[name] = check(values[name], zone)
        except _BadValue as exc:
            problems.append(str(exc))
    if problems:
        raise _BadValue("; ".join(problems) + ".")
    return CsvRow(
        row_number=number,
        external_id=values["external_id"],
        customer_handle=values["customer_handle"],
        subject=" ".join(values["subject"].split()),
        **parsed,
    )


def _customer_name(value: str, zone: ZoneInfo) -> str:
    if not value:
        raise _BadValue("customer_name is empty")
    return value


def _channel(value: str, zone: ZoneInfo) -> Channel:
    wanted = value.lower().replace(" ", "_").replace("-", "_")
    if wanted not in {c.value for c in Channel}:
        raise _BadValue(f"channel {value!r} is not one of {_CHANNELS}")
    return Channel(wanted)


def _text(value: str, zone: ZoneInfo) -> str:
    try:
        return clean_message_text(value, what="text")
    except IntakeError as exc:
        raise _BadValue(str(exc).rstrip(".")) from None


def _received_at(value: str, zone: ZoneInfo) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _BadValue(
            f"received_at {value!r} is not an ISO 8601 date and time such as "
            "2024-03-04T09:30:00+00:00"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _customer_email(value: str, zone: ZoneInfo) -> str:
    if value and not _EMAIL.fullmatch(value):
        raise _BadValue(f"customer_email {value!r} is not an email address")
    return value


def _customer_phone(value: str, zone: ZoneInfo) -> str:
    if value and not (_PHONE.fullmatch(value) and sum(ch.isdigit() for ch in value) >= 3):
        raise _BadValue(f"customer_phone {value!r} is not a telephone number")
    return value


def _case_reference(value: str, zone: ZoneInfo) -> str:
    reference = value.upper()
    if reference and not _REFERENCE.fullmatch(reference):
        raise _BadValue(f"case_reference {value!r} is not a case reference such as CD-000123")
    return reference


def _direction(value: str, zone: ZoneInfo) -> Direction:
    if not value:
        return Direction.INBOUND
    if value.lower() not in {d.value for d in Direction}:
        raise _BadValue(f"direction {value!r} is not inbound or outbound")
    return Direction(value.lower())


_CHECKS = {
    "customer_name": _customer_name,
    "channel": _channel,
    "text": _text,
    "received_at": _received_at,
    "customer_email": _customer_email,
    "customer_phone": _customer_phone,
    "case_reference": _case_reference,
    "direction": _direction,
}


def _summary(errors: list[str]) -> str:
    if len(errors) == 1:
        return errors[0]
    listed = errors[:MAX_LISTED_ERRORS]
    more = len(errors) - len(listed)
    lines = [f"{len(errors)} rows cannot be imported, so nothing was:", *listed]
    if more:
        lines.append(f"…and {more} more.")
    return "\n".join(lines)
