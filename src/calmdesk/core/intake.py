"""Rules every incoming text and file must pass before it is kept (C1 3.9).

Pure functions: they take what arrived and return clean values or raise `IntakeError`
with a sentence a person can act on.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

import filetype

MAX_MESSAGE_BYTES = 1_048_576
MAX_ATTACHMENT_BYTES = 10 * 1_048_576


class IntakeError(ValueError):
    """Input that calmdesk will not keep; the message says what is wrong and what to do."""


def clean_message_text(text: str, *, what: str = "The message") -> str:
    """Normalise line endings and reject what cannot be a customer message.

    >>> clean_message_text("  Hello\\r\\nthere  ")
    'Hello\\nthere'
    >>> clean_message_text("   ")
    Traceback (most recent call last):
    ...
    calmdesk.core.intake.IntakeError: The message is empty.
    """
    if "\x00" in text:
        raise IntakeError(f"{what} contains a NUL character; it looks like a binary file.")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_MESSAGE_BYTES:
        raise IntakeError(
            f"{what} is {size / 1_048_576:.1f} MB; the largest calmdesk keeps is 1 MB. "
            "Attach long documents as files instead."
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise IntakeError(f"{what} is empty.")
    return text


def decode_text_file(data: bytes, *, name: str = "The file") -> str:
    """Decode an uploaded text file, accepting UTF-8 with or without a byte-order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IntakeError(
            f"{name} is not valid UTF-8 (byte {exc.start} cannot be read). "
            "Save it as UTF-8 and import it again."
        ) from None


def content_key(*parts: str) -> str:
    """A stable key for content that carries no id of its own, so re-imports find it."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"sha256:{digest[:40]}"


# Types a customer may reasonably send: photos of a fault, receipts, letters, logs.
# Anything that can run code or script a page (executables, HTML, SVG, archives) is refused.
_ALLOWED_BY_MAGIC: dict[str, frozenset[str]] = {
    "image/jpeg": frozenset({".jpg", ".jpeg"}),
    "image/png": frozenset({".png"}),
    "image/gif": frozenset({".gif"}),
    "image/webp": frozenset({".webp"}),
    "image/heic": frozenset({".heic"}),
    "application/pdf": frozenset({".pdf"}),
}
_OFFICE_EXTENSIONS: dict[str, str] = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_TEXT_EXTENSIONS: dict[str, str] = {
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".log": "text/plain",
    ".eml": "message/rfc822",
}
ALLOWED_EXTENSIONS: tuple[str, ...] = tuple(
    sorted(
        {e for exts in _ALLOWED_BY_MAGIC.values() for e in exts}
        | set(_OFFICE_EXTENSIONS)
        | set(_TEXT_EXTENSIONS)
    )
)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int


def safe_file_name(name: str) -> str:
    """The last path part of an uploaded name, without control characters.

    >>> safe_file_name("../../etc/passwd")
    'passwd'
    >>> safe_file_name("C:\\\\photos\\\\kettle.JPG")
    'kettle.JPG'
    """
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(" .")
    return base[:200] or "attachment"


def check_attachment(
    name: str, data: bytes, *, max_bytes: int = MAX_ATTACHMENT_BYTES
) -> CheckedFile:
    """Decide whether a file may be kept, by its real content as well as its name."""
    name = safe_file_name(name)
    size = len(data)
    if size == 0:
        raise IntakeError(f"{name} is empty.")
    if size > max_bytes:
        raise IntakeError(
            f"{name} is {size / 1_048_576:.1f} MB; files may be at most "
            f"{max_bytes / 1_048_576:.0f} MB."
        )
    extension = PurePath(name).suffix.lower()
    kind = filetype.guess(data[:8192])
    refused = f"{name} is not a type calmdesk keeps. Allowed: {', '.join(ALLOWED_EXTENSIONS)}."
    if kind is not None and kind.mime in _ALLOWED_BY_MAGIC:
        if extension not in _ALLOWED_BY_MAGIC[kind.mime]:
            raise IntakeError(f"{name} is really a {kind.extension} file; rename it to match.")
        return CheckedFile(name, kind.mime, size)
    if extension in _OFFICE_EXTENSIONS:
        if not data.startswith(b"PK\x03\x04"):
            raise IntakeError(f"{name} is not a real {extension[1:]} document.")
        return CheckedFile(name, _OFFICE_EXTENSIONS[extension], size)
    if extension in _TEXT_EXTENSIONS and kind is None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise IntakeError(f"{name} is not a UTF-8 text file.") from None
        return CheckedFile(name, _TEXT_EXTENSIONS[extension], size)
    raise IntakeError(refused)
