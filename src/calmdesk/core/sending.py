"""Pure rules for sending a reply: its limits, SMS parts, the email subject and threading
headers, which channels go out how, and the email settings read from the environment
(C4 2.8; C1 1.4, 2.6, 3.4).

No Django here: `calmdesk.outbound` applies these rules to the database and the mail backend.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from calmdesk.core.channels import Channel

# A reply longer than this is a document, not a reply: refused rather than sent.
MAX_REPLY_CHARS = 10_000
# An SMS reply may be split into at most this many parts (C1 3.4: fit the channel).
MAX_SMS_PARTS = 6

# The GSM 03.38 basic character set: a text of these goes in 160-character parts (153 when
# split); anything else makes the whole text UCS-2, 70 characters a part (67 when split).
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# These take two places each (an escape and the character).
_GSM_EXTENDED = set("^{}\\[~]|€\f")


class Delivery(StrEnum):
    """How a reply leaves calmdesk."""

    EMAIL = "email"  # through Django's email backend
    WEBHOOK = "webhook"  # POSTed to the organisation's outbound webhook
    RECORDED = "recorded"  # sent (or said) by the agent and recorded here

    @property
    def label(self) -> str:
        return {"email": "Email", "webhook": "Outbound webhook", "recorded": "Sent by the agent"}[
            self.value
        ]


# Spoken replies are said by the agent, never handed to a machine.
SPOKEN: frozenset[Channel] = frozenset({Channel.TELEPHONE, Channel.FACE_TO_FACE})


def delivery_for(channel: Channel, *, webhook_configured: bool) -> Delivery:
    """
    >>> delivery_for(Channel.EMAIL, webhook_configured=True).value
    'email'
    >>> delivery_for(Channel.SMS, webhook_configured=True).value
    'webhook'
    >>> delivery_for(Channel.SMS, webhook_configured=False).value
    'recorded'
    >>> delivery_for(Channel.TELEPHONE, webhook_configured=True).value
    'recorded'
    """
    if channel is Channel.EMAIL:
        return Delivery.EMAIL
    if webhook_configured and channel not in SPOKEN:
        return Delivery.WEBHOOK
    return Delivery.RECORDED


def is_gsm(text: str) -> bool:
    """
    >>> is_gsm("Your engineer comes on Friday.")
    True
    >>> is_gsm("Sorry 😞")
    False
    """
    return all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text)


def sms_parts(text: str) -> list[str]:
    """The parts an SMS is sent in: 160 GSM characters (or 70 UCS-2) alone, 153 (or 67) each
    once it is split, never splitting a two-place GSM character.

    >>> [len(part) for part in sms_parts("a" * 160)]
    [160]
    >>> [len(part) for part in sms_parts("a" * 161)]
    [153, 8]
    >>> [len(part) for part in sms_parts("é" * 71)]
    [71]
    >>> [len(part) for part in sms_parts("😞" * 71)]
    [67, 4]
    >>> sms_parts("")
    []
    """
    if not text:
        return []
    gsm = is_gsm(text)
    single, split = (160, 153) if gsm else (70, 67)

    def width(ch: str) -> int:
        return 2 if gsm and ch in _GSM_EXTENDED else 1

    if sum(width(ch) for ch in text) <= single:
        return [text]
    parts: list[str] = []
    current: list[str] = []
    used = 0
    for ch in text:
        if used + width(ch) > split:
            parts.append("".join(current))
            current, used = [], 0
        current.append(ch)
        used += width(ch)
    if current:
        parts.append("".join(current))
    return parts


def sms_part_width(part: str) -> int:
    """The places a part takes in an SMS (two-place GSM characters counted twice)."""
    gsm = is_gsm(part)
    return sum(2 if gsm and ch in _GSM_EXTENDED else 1 for ch in part)


def reply_problem(text: str, channel: Channel) -> str | None:
    """Why this reply cannot be sent as it is, or None.

    >>> reply_problem("   ", Channel.EMAIL)
    'Write the reply first: it is empty.'
    >>> reply_problem("x" * 10_001, Channel.EMAIL)
    'The reply is 10,001 characters long; the most calmdesk sends is 10,000.'
    >>> reply_problem("a" * 1000, Channel.SMS)
    'As an SMS this reply would go in 7 parts; the most is 6. Shorten it or choose another channel.'
    >>> reply_problem("Thank you.", Channel.SMS) is None
    True
    """
    if not text.strip():
        return "Write the reply first: it is empty."
    if len(text) > MAX_REPLY_CHARS:
        return (
            f"The reply is {len(text):,} characters long; "
            f"the most calmdesk sends is {MAX_REPLY_CHARS:,}."
        )
    if channel is Channel.SMS and (count := len(sms_parts(text.strip()))) > MAX_SMS_PARTS:
        return (
            f"As an SMS this reply would go in {count} parts; the most is {MAX_SMS_PARTS}. "
            "Shorten it or choose another channel."
        )
    return None


def reply_subject(case_subject: str, reference: str) -> str:
    """The subject of an email reply: the case's subject with "Re:" once, and its reference,
    so the customer's answer finds the case again (C1 1.4).

    >>> reply_subject("Kettle switches off", "CD-000123")
    'Re: Kettle switches off [CD-000123]'
    >>> reply_subject("RE: Kettle switches off [CD-000123]", "CD-000123")
    'Re: Kettle switches off [CD-000123]'
    >>> reply_subject("", "CD-000007")
    'Re: Your case [CD-000007]'
    """
    subject = " ".join(case_subject.split())
    while subject[:3].lower() in {"re:"}:
        subject = subject[3:].strip()
    subject = subject.replace(f"[{reference}]", "").strip() or "Your case"
    return f"Re: {subject} [{reference}]"


def threading_headers(thread_ids: list[str], replying_to: str) -> dict[str, str]:
    """In-Reply-To and References for a reply to `replying_to`, given the Message-IDs of the
    thread so far, oldest first (RFC 5322 3.6.4). No headers when there is nothing to
    reply to.

    >>> threading_headers(["<a@x>", "<b@x>"], "<b@x>")
    {'In-Reply-To': '<b@x>', 'References': '<a@x> <b@x>'}
    >>> threading_headers(["<a@x>", "<b@x>", "<c@us>"], "<b@x>")
    {'In-Reply-To': '<b@x>', 'References': '<a@x> <b@x>'}
    >>> threading_headers([], "")
    {}
    """
    if not replying_to:
        return {}
    earlier = thread_ids[: thread_ids.index(replying_to)] if replying_to in thread_ids else []
    # A long thread keeps its first message and the latest ones, as mail clients do.
    references = list(dict.fromkeys([*earlier, replying_to]))
    if len(references) > 20:
        references = [references[0], *references[-19:]]
    return {"In-Reply-To": replying_to, "References": " ".join(references)}


class EmailConfigError(ValueError):
    pass


def email_settings(environ: Mapping[str, str], data_dir: Path) -> dict[str, object]:
    """Django's email settings from calmdesk's environment variables.

    CALMDESK_EMAIL_URL (smtp://, smtp+tls://, smtps://, console://, file:///folder, locmem://)
    wins; otherwise CALMDESK_SMTP_HOST with _PORT, _USER, _PASSWORD and _TLS; otherwise the
    file backend writes each email to DATA_DIR/outbox, so nothing leaves the machine until
    an administrator sets up mail.

    >>> email_settings({}, Path("/srv/cd"))["EMAIL_FILE_PATH"]
    '/srv/cd/outbox'
    >>> url = "smtp+tls://me:p%40ss@mail.example:587"
    >>> s = email_settings({"CALMDESK_EMAIL_URL": url}, Path("."))
    >>> (s["EMAIL_HOST"], s["EMAIL_PORT"], s["EMAIL_HOST_USER"], s["EMAIL_HOST_PASSWORD"])
    ('mail.example', 587, 'me', 'p@ss')
    >>> (s["EMAIL_USE_TLS"], s["EMAIL_USE_SSL"])
    (True, False)
    >>> email_settings({"CALMDESK_SMTP_HOST": "mx", "CALMDESK_SMTP_TLS": "true"}, Path("."))[
    ...     "EMAIL_PORT"]
    587
    >>> email_settings({"CALMDESK_EMAIL_URL": "pigeon://loft"}, Path("."))
    Traceback (most recent call last):
    ...
    calmdesk.core.sending.EmailConfigError: CALMDESK_EMAIL_URL: unknown scheme 'pigeon' \
(use smtp, smtp+tls, smtps, console, file or locmem)
    """
    timeout = _int(environ, "CALMDESK_EMAIL_TIMEOUT", 10)
    url = environ.get("CALMDESK_EMAIL_URL", "").strip()
    if url:
        return _from_url(url, data_dir, timeout)
    host = environ.get("CALMDESK_SMTP_HOST", "").strip()
    if host:
        tls = _bool(environ, "CALMDESK_SMTP_TLS", True)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": host,
            "EMAIL_PORT": _int(environ, "CALMDESK_SMTP_PORT", 587 if tls else 25),
            "EMAIL_HOST_USER": environ.get("CALMDESK_SMTP_USER", ""),
            "EMAIL_HOST_PASSWORD": environ.get("CALMDESK_SMTP_PASSWORD", ""),
            "EMAIL_USE_TLS": tls,
            "EMAIL_USE_SSL": False,
            "EMAIL_TIMEOUT": timeout,
        }
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(data_dir / "outbox"),
        "EMAIL_TIMEOUT": timeout,
    }


_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}


def _from_url(url: str, data_dir: Path, timeout: int) -> dict[str, object]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"console", "locmem"}:
        return {"EMAIL_BACKEND": _BACKENDS[scheme], "EMAIL_TIMEOUT": timeout}
    if scheme == "file":
        folder = unquote(parts.path) or str(data_dir / "outbox")
        return {
            "EMAIL_BACKEND": _BACKENDS["file"],
            "EMAIL_FILE_PATH": folder,
            "EMAIL_TIMEOUT": timeout,
        }
    if scheme not in {"smtp", "smtp+tls", "smtps"}:
        raise EmailConfigError(
            f"CALMDESK_EMAIL_URL: unknown scheme {scheme!r} "
            "(use smtp, smtp+tls, smtps, console, file or locmem)"
        )
    if not parts.hostname:
        raise EmailConfigError("CALMDESK_EMAIL_URL: name the mail server, smtp://host:port")
    query = parse_qs(parts.query)
    tls = scheme == "smtp+tls" or query.get("tls", [""])[0].lower() in {"1", "true", "yes"}
    ssl = scheme == "smtps"
    try:
        port = parts.port
    except ValueError:
        raise EmailConfigError("CALMDESK_EMAIL_URL: the port must be a number") from None
    return {
        "EMAIL_BACKEND": _BACKENDS["smtp"],
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (465 if ssl else 587 if tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
        "EMAIL_TIMEOUT": timeout,
    }


def _int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise EmailConfigError(f"{name} must be a whole number, not {raw!r}") from None


def _bool(environ: Mapping[str, str], name: str, default: bool) -> bool:
    raw = environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise EmailConfigError(f"{name} must be true or false, not {raw!r}")
