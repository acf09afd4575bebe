"""Read one email (an .eml file or one message of an mbox) into plain values (Unit 7 2.1; C1 1.1).

Pure: bytes in, a `ParsedEmail` out, or `IntakeError` with a sentence a person can act on.
Quoted reply history is kept as the customer sent it.
"""

from __future__ import annotations

import codecs
import email
import functools
import hashlib
import mailbox
import mimetypes
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.errors import HeaderParseError, MessageError
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import ClassVar, NamedTuple

import html2text

from calmdesk.core.intake import IntakeError, clean_message_text

# Ids longer than this do not fit the store; they are replaced by a hash of themselves, which
# is as stable as the id itself, so re-imports and replies still match.
MAX_ID_LENGTH = 500
_TRANSFER_ENCODINGS = frozenset(
    {"7bit", "8bit", "binary", "quoted-printable", "base64", "x-uuencode", "uuencode", "uue"}
)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_LINE_BREAK = re.compile(r"\n|\r")
# The shapes almost every sender writes, read without the standard library's full header
# parser, which otherwise costs more than the rest of an import: an address, optionally in
# angle brackets after a name of plain words, and Message-IDs of the same characters.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/^_`{|}~-]"
_DOT_ATOM = rf"{_ATEXT}+(?:\.{_ATEXT}+)*"
_PLAIN_SENDER = re.compile(
    rf"(?:(?P<name>{_ATEXT}+(?: {_ATEXT}+)*) <(?P<named>{_DOT_ATOM}@{_DOT_ATOM})>"
    rf"|(?P<bare>{_DOT_ATOM}@{_DOT_ATOM}))"
)
_PLAIN_MESSAGE_ID = re.compile(rf"<{_DOT_ATOM}@{_DOT_ATOM}>")


class EmailAttachment(NamedTuple):
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ParsedEmail:
    message_id: str
    in_reply_to: str
    references: tuple[str, ...]
    subject: str
    from_name: str
    from_address: str
    sent_at: datetime | None
    text: str
    attachments: tuple[EmailAttachment, ...]

    @property
    def message_text(self) -> str:
        """The text to keep on a case: the email's own, or a line naming its attachments."""
        if self.text:
            return self.text
        names = ", ".join(a.filename for a in self.attachments)
        return f"(The email has no text. Attached: {names})"

    @property
    def thread_ids(self) -> tuple[str, ...]:
        """The ids this email answers, nearest first: In-Reply-To, then References backwards."""
        ids = [self.in_reply_to] if self.in_reply_to else []
        ids.extend(ref for ref in reversed(self.references) if ref != self.in_reply_to)
        return tuple(ids)


class _HeaderClasses(HeaderRegistry):
    """The standard registry, but each header's class is built once rather than per read."""

    @functools.cache  # noqa: B019 - one registry lives as long as the module
    def __getitem__(self, name: str) -> type[BaseHeader]:
        return super().__getitem__(name.lower())  # type: ignore[no-any-return]


class _MemoisedHeaderRegistry:
    """policy.default's header classes, parsed once per distinct header value.

    The standard library parses a header again on every read, and reads Content-Type and
    Content-Transfer-Encoding many times per message; without this, header parsing costs
    most of an import. Parsed headers are never changed after parsing, so sharing is safe.
    """

    def __init__(self) -> None:
        self._parse = functools.lru_cache(maxsize=4096)(_HeaderClasses())

    def __call__(self, name: str, value: str) -> BaseHeader:
        return self._parse(name, value)


INTAKE_POLICY = policy.default.clone(header_factory=_MemoisedHeaderRegistry())


def parse_email(raw: bytes) -> ParsedEmail:
    """Read the parts of an email calmdesk keeps.

    >>> raw = b"From: Ann Lee <ann@example.com>\\nSubject: Kettle\\n\\nIt is broken."
    >>> parsed = parse_email(raw)
    >>> parsed.from_address, parsed.from_name, parsed.subject, parsed.text
    ('ann@example.com', 'Ann Lee', 'Kettle', 'It is broken.')
    >>> parsed.message_id  # none was given, so one is made from the bytes
    '<65d9ee2d105321369b5ecf7e8cd4952a8ca50496@calmdesk.invalid>'
    """
    message = email.message_from_bytes(raw, policy=INTAKE_POLICY)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise IntakeError("This is not an email: it has no headers.")
    headers = _Headers(message)
    from_name, from_address = _sender(headers)
    body, text = _body(message)
    text = clean_message_text(text, what="The email's text") if text else ""
    attachments = _attachments(message, body)
    if not text and not attachments:
        raise IntakeError("The email has no text and no attachments; there is nothing to keep.")
    in_reply_to = _ids_in(headers.text("In-Reply-To"))
    return ParsedEmail(
        message_id=_message_id(headers, raw),
        in_reply_to=in_reply_to[0] if in_reply_to else "",
        references=tuple(_ids_in(headers.text("References"))),
        subject=" ".join(headers.text("Subject").split()),
        from_name=from_name,
        from_address=from_address,
        sent_at=_sent_at(headers),
        text=text,
        attachments=attachments,
    )


def iter_mbox(path: Path | str) -> Iterator[tuple[int, bytes]]:
    """Each message of an mbox file with its number, counting from 1."""
    box = mailbox.mbox(path, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), start=1):
            yield number, box.get_bytes(key)
    finally:
        box.close()


def count_mbox_messages(path: Path | str) -> int:
    """How many messages `iter_mbox` will yield: every line starting "From " starts one."""
    with open(path, "rb") as file:
        return sum(1 for line in file if line.startswith(b"From "))


def looks_like_mbox(path: Path) -> bool:
    with open(path, "rb") as file:
        return file.read(5) == b"From "


class _Headers:
    """The headers calmdesk reads from an email, each as `message.get` would give it.

    A value in a plain shape is used as written; only the rest goes through the standard
    library's header parser, which is much slower and is needed only for encoded words,
    comments, quoting and other rarer forms.
    """

    _PLAIN: ClassVar[dict[str, Callable[[str], object]]] = {
        "subject": lambda value: "=?" not in value,
        "in-reply-to": lambda value: "=?" not in value,
        "references": lambda value: "=?" not in value,
        "message-id": _PLAIN_MESSAGE_ID.fullmatch,
    }

    def __init__(self, message: EmailMessage) -> None:
        self.message = message
        self.first: dict[str, str] = {}
        # The unparsed values, which are what make the plain shapes cheap to recognise; like
        # `message.get`, the first of a repeated header counts, unfolded.
        for name, value in message.raw_items():
            self.first.setdefault(name.lower(), "".join(_LINE_BREAK.split(str(value))))

    def text(self, name: str) -> str:
        value = self.first.get(name.lower())
        if value is None:
            return ""
        if value.isascii() and self._PLAIN[name.lower()](value):
            return value
        try:
            return str(self.message.get(name, ""))
        except (HeaderParseError, MessageError, ValueError, IndexError, TypeError) as exc:
            raise IntakeError(f"The email's {name} header cannot be read ({exc}).") from None


def _sender(headers: _Headers) -> tuple[str, str]:
    plain = _PLAIN_SENDER.fullmatch(headers.first.get("from", "").strip())
    if plain is not None:
        return plain["name"] or "", plain["named"] or plain["bare"]
    try:
        header = headers.message.get("From")
        addresses = header.addresses if header is not None else ()
    except (HeaderParseError, MessageError, ValueError, IndexError, TypeError, AttributeError):
        addresses = ()
    for address in addresses:
        if address.username and address.domain:
            return address.display_name.strip(), address.addr_spec.strip()
    raise IntakeError("The email has no From address, so calmdesk cannot tell who wrote it.")


def _fitting(message_id: str) -> str:
    if len(message_id) <= MAX_ID_LENGTH:
        return message_id
    return f"<{hashlib.sha256(message_id.encode()).hexdigest()[:40]}@calmdesk.invalid>"


def _ids_in(value: str) -> list[str]:
    found = _MESSAGE_ID.findall(value)
    if not found and value.strip() and len(value.split()) == 1:
        found = [f"<{value.strip().strip('<>')}>"]
    return [_fitting(message_id) for message_id in found]


def _message_id(headers: _Headers, raw: bytes) -> str:
    ids = _ids_in(headers.text("Message-ID"))
    if ids:
        return ids[0]
    # The same file saved with other line endings (an .eml and its copy in an mbox) should
    # still be recognised as the same email.
    normalised = raw.replace(b"\r\n", b"\n").strip()
    return f"<{hashlib.sha256(normalised).hexdigest()[:40]}@calmdesk.invalid>"


def _sent_at(headers: _Headers) -> datetime | None:
    value = headers.first.get("date")
    if not value:
        return None
    try:
        # What the Date header class does, without parsing the value a second time for a
        # structure calmdesk never reads.
        sent_at = parsedate_to_datetime(value)
    except (ValueError, IndexError, TypeError, OverflowError):
        return None
    # RFC 5322 "-0000": the time is UTC and the sender's own offset is not known.
    return sent_at if sent_at.tzinfo is not None else sent_at.replace(tzinfo=UTC)


def _body(message: EmailMessage) -> tuple[EmailMessage | None, str]:
    """The part that carries the words, and its text: plain text first, else the HTML."""
    for subtype in ("plain", "html"):
        part = message.get_body(preferencelist=(subtype,))
        if part is not None:
            text = _text_of(part)  # type: ignore[arg-type]
            if text.strip():
                return part, text  # type: ignore[return-value]
    return None, ""


def _payload(part: EmailMessage) -> bytes:
    encoding = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    if encoding not in _TRANSFER_ENCODINGS:
        raise IntakeError(
            f"The email uses the transfer encoding {encoding!r}, which calmdesk cannot decode."
        )
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _text_of(part: EmailMessage) -> str:
    charset = part.get_content_charset("us-ascii")
    try:
        codecs.lookup(charset)
    except LookupError:
        raise IntakeError(
            f"The email's text is in the character set {charset!r}, which calmdesk cannot read."
        ) from None
    text = _payload(part).decode(charset, errors="replace")
    if part.get_content_subtype() == "html":
        return _readable_html(text)
    return text


def _readable_html(html: str) -> str:
    converter = html2text.HTML2Text()
    converter.body_width = 0  # keep the customer's own line breaks; the page wraps
    converter.ignore_images = True
    converter.ignore_emphasis = True
    return converter.handle(html).strip()


def _leaf_parts(part: EmailMessage) -> Iterator[EmailMessage]:
    if part.is_multipart() and part.get_content_maintype() == "multipart":
        for child in part.iter_parts():
            yield from _leaf_parts(child)  # type: ignore[arg-type]
    else:
        yield part


def _attachments(message: EmailMessage, body: EmailMessage | None) -> tuple[EmailAttachment, ...]:
    found = []
    for part in _leaf_parts(message):
        if part is body:
            continue
        filename = part.get_filename()
        content_type = part.get_content_type()
        if (
            filename is None
            and part.get_content_disposition() != "attachment"
            and part.get_content_maintype() == "text"
        ):
            continue  # the other half of a text/HTML pair: the same words, not a file
        if content_type == "message/rfc822":
            data = part.get_payload(0).as_bytes()  # type: ignore[union-attr]
        else:
            data = _payload(part)
        if not data:
            continue
        if not filename:
            extension = mimetypes.guess_extension(content_type) or ".bin"
            filename = f"attachment-{len(found) + 1}{extension}"
        found.append(EmailAttachment(filename, content_type, data))
    return tuple(found)
