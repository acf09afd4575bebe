"""Pure rules for sending a reply: its limits, SMS parts, the email subject and threading
headers, which channels go out how, and the email settings read from the environment
(C4 2.8; C1 1.4, 2.6, 3.4).

No Django here: `calmdesk.outbound` applies these rules to the database and the mail backend.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
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


def a_reply_on(channel: Channel) -> str:
    """The words for a reply on this channel, mid-sentence.

    >>> a_reply_on(Channel.EMAIL), a_reply_on(Channel.SMS), a_reply_on(Channel.LETTER)
    ('an email reply', 'an SMS reply', 'a letter reply')
    """
    if channel.label.isupper():  # an acronym is read letter by letter: "an SMS"
        label, vowel_sound = channel.label, channel.label[0] in "AEFHILMNORSX"
    else:
        label = channel.label.lower()
        vowel_sound = label[0] in "aeiou"
    return f"{'an' if vowel_sound else 'a'} {label} reply"


def as_sentence(text: str) -> str:
    """The text ending in a full stop (or its own ! or ?), to be followed by another sentence.

    >>> as_sentence("Connection refused"), as_sentence("It answered 500 Error.")
    ('Connection refused.', 'It answered 500 Error.')
    """
    text = text.strip()
    return text if not text or text[-1] in ".!?" else f"{text}."


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
    single, split = sms_widths(text)

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


def sms_widths(text: str) -> tuple[int, int]:
    """The most characters an SMS of this text holds alone, and in each part once it is
    split: 160 and 153 for GSM characters, 70 and 67 when any character is outside the GSM
    alphabet (UCS-2).

    >>> sms_widths("Your engineer comes on Friday."), sms_widths("Sorry 😞")
    ((160, 153), (70, 67))
    """
    return (160, 153) if is_gsm(text) else (70, 67)


# A placeholder calmdesk puts in a draft or a better wording for the agent to fill in:
# square brackets round words that start in lower case ("[next action]", "[day and time]",
# "[the same in plain words…]", "[the reason, e.g. to keep your account safe]"). A case
# reference ("[CD-000123]"), a lone "[sic]" or a number in brackets is not one.
_PLACEHOLDER = re.compile(r"\[[a-z][^\[\]\n\d]{0,200}?\s[^\[\]\n\d]{0,200}?\]")


def placeholders(text: str) -> list[str]:
    """The unfilled placeholders in a reply, each once, in order.

    >>> placeholders("I'll [next action] and update you by [day and time].")
    ['[next action]', '[day and time]']
    >>> placeholders("Your case [CD-000123] is open [sic]; see [1] and [Note A].")
    []
    """
    return list(dict.fromkeys(match.group() for match in _PLACEHOLDER.finditer(text)))


def reply_problem(text: str, channel: Channel) -> str | None:
    """Why this reply cannot be sent as it is, or None.

    >>> reply_problem("   ", Channel.EMAIL)
    'Write the reply first: it is empty.'
    >>> reply_problem("x" * 10_001, Channel.EMAIL)
    'The reply is 10,001 characters long; the most calmdesk sends is 10,000. Shorten it by 1.'
    >>> reply_problem("a" * 1000, Channel.SMS)
    'As an SMS this reply would go in 7 parts; the most is 6. Shorten it or choose another channel.'
    >>> reply_problem("I'll [next action] by Friday.", Channel.EMAIL)
    'Fill in “[next action]” before sending: it is a placeholder for you to complete.'
    >>> reply_problem("Thank you.", Channel.SMS) is None
    True
    """
    if not text.strip():
        return "Write the reply first: it is empty."
    if len(text) > MAX_REPLY_CHARS:
        return (
            f"The reply is {len(text):,} characters long; "
            f"the most calmdesk sends is {MAX_REPLY_CHARS:,}. "
            f"Shorten it by {len(text) - MAX_REPLY_CHARS:,}."
        )
    if channel is Channel.SMS and (count := len(sms_parts(text.strip()))) > MAX_SMS_PARTS:
        return (
            f"As an SMS this reply would go in {count} parts; the most is {MAX_SMS_PARTS}. "
            "Shorten it or choose another channel."
        )
    if found := placeholders(text):
        named = " and ".join(f"“{item}”" for item in found[:3])
        more = f" (and {len(found) - 3} more)" if len(found) > 3 else ""
        them = "it is a placeholder" if len(found) == 1 else "they are placeholders"
        return f"Fill in {named}{more} before sending: {them} for you to complete."
    return None


def public_by_default(channel: Channel, public: bool | None) -> bool:
    """Whether a reply is public: only ever on social media, where a reply is public unless
    the agent says it is a private message (the same default as `calmdesk check-reply`).

    >>> public_by_default(Channel.SOCIAL_MEDIA, None), public_by_default(Channel.EMAIL, True)
    (True, False)
    >>> public_by_default(Channel.SOCIAL_MEDIA, False)
    False
    """
    if channel is not Channel.SOCIAL_MEDIA:
        return False
    return True if public is None else public


# Findings that stop a reply from going out: the agent cannot confirm them away.
BLOCKING_FINDINGS: dict[str, str] = {
    "above_authority": (
        "This reply promises more than you may give on your own ({words}). Ask a team leader "
        "to approve it, or escalate the case, then send; or take the promise out."
    ),
    "public_personal_data": (
        "This public reply shows personal details ({words}). Move these details to a private "
        "message and keep them out of the public reply."
    ),
}


def blocking_problem(found: Sequence[tuple[str, str]]) -> str | None:
    """Why a reply with these findings (type, words) must not be sent, or None.

    >>> blocking_problem([("provoking", "Calm down")]) is None
    True
    >>> print(blocking_problem([("public_personal_data", "07700 900123")]))
    This public reply shows personal details (“07700 900123”). Move these details to a \
private message and keep them out of the public reply.
    """
    reasons = []
    for kind, template in BLOCKING_FINDINGS.items():
        words = list(dict.fromkeys(w.strip() for t, w in found if t == kind and w.strip()))
        if any(t == kind for t, _ in found):
            quoted = ", ".join(f"“{w}”" for w in words[:3]) or "see the findings"
            reasons.append(template.format(words=quoted))
    return " ".join(reasons) or None


def unconfirmed_findings(types: Sequence[str], confirmed: Collection[str]) -> list[str]:
    """The advisory finding types the agent has not yet confirmed sending with, each once.

    >>> unconfirmed_findings(["passive", "jargon", "passive"], {"jargon"})
    ['passive']
    """
    return [t for t in dict.fromkeys(types) if t not in BLOCKING_FINDINGS and t not in confirmed]


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


# A Message-ID as RFC 5322 3.6.4 writes it: one <left@right>, no spaces or line breaks.
_MESSAGE_ID = re.compile(r"<[^<>@\s]+@[^<>@\s]+>")


def is_message_id(value: str) -> bool:
    """Whether a stored external id can go into a threading header: ids from imports or
    webhooks may be anything, and a header with a line break in it is refused by the mail
    library, which would fail the send for good.

    >>> is_message_id("<a.1@example.com>"), is_message_id("tweet-1234")
    (True, False)
    >>> is_message_id("<a@x> Bcc: b@y")
    False
    """
    return _MESSAGE_ID.fullmatch(value) is not None


def threading_headers(thread_ids: list[str], replying_to: str) -> dict[str, str]:
    """In-Reply-To and References for a reply to `replying_to`, given the Message-IDs of the
    thread so far, oldest first (RFC 5322 3.6.4). No headers when there is nothing to
    reply to; ids that are not Message-IDs are left out.

    >>> threading_headers(["<a@x>", "<b@x>"], "<b@x>")
    {'In-Reply-To': '<b@x>', 'References': '<a@x> <b@x>'}
    >>> threading_headers(["<a@x>", "<b@x>", "<c@us>"], "<b@x>")
    {'In-Reply-To': '<b@x>', 'References': '<a@x> <b@x>'}
    >>> threading_headers([], "")
    {}
    >>> threading_headers(["ticket 17", "<b@x>"], "<b@x>")
    {'In-Reply-To': '<b@x>', 'References': '<b@x>'}
    >>> threading_headers(["<a@x>", "ticket 17"], "ticket 17")
    {}
    """
    if not is_message_id(replying_to):
        return {}
    thread_ids = [mid for mid in thread_ids if is_message_id(mid)]
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
