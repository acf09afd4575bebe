import email
import mailbox
import random
import re
import string
from datetime import UTC, datetime
from email import policy

import pytest

from calmdesk.core.email_parsing import count_mbox_messages, iter_mbox, parse_email
from calmdesk.core.intake import IntakeError


def plain_email(
    text: str = "My kettle switches itself off after a minute.",
    *,
    headers: dict[str, str] | None = None,
) -> bytes:
    defaults = {
        "From": "Ann Lee <ann@example.com>",
        "To": "care@brightside.example",
        "Subject": "Kettle keeps switching off",
        "Message-ID": "<kettle-1@example.com>",
        "Date": "Mon, 04 Mar 2024 10:15:00 +0100",
    }
    defaults.update(headers or {})
    lines = [f"{name}: {value}" for name, value in defaults.items() if value]
    lines += ["Content-Type: text/plain; charset=utf-8", "", text]
    return "\r\n".join(lines).encode()


def multipart_email(*parts: str, boundary: str = "XYZ") -> bytes:
    head = (
        "From: Ann Lee <ann@example.com>\n"
        "Subject: Photos of the fault\n"
        "Message-ID: <photos@example.com>\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'
    )
    body = "".join(f"--{boundary}\n{part}\n" for part in parts) + f"--{boundary}--\n"
    return (head + body).encode()


def test_plain_email_gives_sender_subject_time_and_text():
    """The From name and address, subject, Date as an aware time and the text are read."""
    parsed = parse_email(plain_email())
    assert parsed.from_name == "Ann Lee"
    assert parsed.from_address == "ann@example.com"
    assert parsed.subject == "Kettle keeps switching off"
    assert parsed.message_id == "<kettle-1@example.com>"
    assert parsed.sent_at == datetime(2024, 3, 4, 9, 15, tzinfo=UTC)
    assert parsed.text == "My kettle switches itself off after a minute."
    assert parsed.attachments == ()


def test_encoded_words_in_headers_are_decoded():
    parsed = parse_email(
        plain_email(
            headers={
                "From": "=?utf-8?q?Zo=C3=AB_M=C3=BCller?= <zoe@example.com>",
                "Subject": "=?utf-8?b?V2hlcmUgaXMgbXkgcmVmdW5kPw==?=",
            }
        )
    )
    assert parsed.from_name == "Zoë Müller"
    assert parsed.subject == "Where is my refund?"


def test_reply_headers_give_thread_ids_nearest_first():
    """In-Reply-To comes first, then References from the newest back to the oldest."""
    parsed = parse_email(
        plain_email(
            headers={
                "In-Reply-To": "<b@example.com>",
                "References": "<a@example.com> <b@example.com>",
            }
        )
    )
    assert parsed.in_reply_to == "<b@example.com>"
    assert parsed.references == ("<a@example.com>", "<b@example.com>")
    assert parsed.thread_ids == ("<b@example.com>", "<a@example.com>")


def test_multipart_email_keeps_text_and_attachment():
    raw = multipart_email(
        "Content-Type: text/plain; charset=utf-8\n\nPhotos attached.",
        "Content-Type: image/png\nContent-Disposition: attachment; filename=fault.png\n"
        "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=",
    )
    parsed = parse_email(raw)
    assert parsed.text == "Photos attached."
    assert parsed.attachments == (("fault.png", "image/png", b"\x89PNG\r\n\x1a\n"),)


def test_plain_text_is_preferred_to_its_html_twin():
    raw = multipart_email(
        "Content-Type: text/plain\n\nThe plain words.",
        "Content-Type: text/html\n\n<p>The <b>HTML</b> words.</p>",
        boundary="ALT",
    ).replace(b"multipart/mixed", b"multipart/alternative")
    parsed = parse_email(raw)
    assert parsed.text == "The plain words."
    assert parsed.attachments == ()


def test_html_only_email_is_reduced_to_readable_text():
    raw = (
        b"From: ann@example.com\nContent-Type: text/html; charset=utf-8\n\n"
        b"<html><body><p>The <b>kettle</b> is broken.</p><p>Please call me.</p></body></html>"
    )
    parsed = parse_email(raw)
    assert "<" not in parsed.text
    assert "The kettle is broken." in parsed.text
    assert "Please call me." in parsed.text


def test_missing_message_id_is_made_from_the_bytes_and_stable():
    """The same email gives the same id again, even saved with other line endings."""
    raw = plain_email(headers={"Message-ID": ""})
    first = parse_email(raw).message_id
    assert first.endswith("@calmdesk.invalid>")
    assert parse_email(raw.replace(b"\r\n", b"\n")).message_id == first
    assert parse_email(plain_email("Other words", headers={"Message-ID": ""})).message_id != first


def test_date_without_offset_is_taken_as_utc():
    parsed = parse_email(plain_email(headers={"Date": "Mon, 04 Mar 2024 10:15:00 -0000"}))
    assert parsed.sent_at == datetime(2024, 3, 4, 10, 15, tzinfo=UTC)


def test_unreadable_date_leaves_the_time_unknown():
    assert parse_email(plain_email(headers={"Date": "last Tuesday"})).sent_at is None


def test_email_with_only_an_attachment_names_it_as_its_text():
    raw = multipart_email(
        "Content-Type: application/pdf\nContent-Disposition: attachment; filename=receipt.pdf\n"
        "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK"
    )
    parsed = parse_email(raw)
    assert parsed.text == ""
    assert parsed.message_text == "(The email has no text. Attached: receipt.pdf)"


def test_unknown_charset_is_refused_by_name():
    raw = plain_email().replace(b"charset=utf-8", b"charset=x-klingon")
    with pytest.raises(IntakeError, match="character set 'x-klingon'"):
        parse_email(raw)


def test_unknown_transfer_encoding_is_refused():
    raw = plain_email().replace(
        b"Content-Type: text/plain; charset=utf-8",
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: x-squash",
    )
    with pytest.raises(IntakeError, match="transfer encoding 'x-squash'"):
        parse_email(raw)


@pytest.mark.parametrize(
    "raw",
    [b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", b"just a note without headers\n"],
    ids=["empty", "binary", "plain text"],
)
def test_bytes_that_are_not_an_email_are_refused(raw):
    with pytest.raises(IntakeError, match="not an email"):
        parse_email(raw)


@pytest.mark.parametrize("sender", ["", "Ann Lee", "<>"], ids=["missing", "no address", "empty"])
def test_email_without_a_from_address_is_refused(sender):
    with pytest.raises(IntakeError, match="no From address"):
        parse_email(plain_email(headers={"From": sender}))


def test_email_without_text_or_attachments_is_refused():
    with pytest.raises(IntakeError, match="no text and no attachments"):
        parse_email(plain_email("   \r\n  "))


def test_mbox_messages_are_numbered_from_one(tmp_path):
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path)
    for n in range(3):
        box.add(plain_email(f"Message number {n + 1}", headers={"Message-ID": f"<m{n}@x>"}))
    box.close()
    assert count_mbox_messages(path) == 3
    numbered = [(number, parse_email(raw).text) for number, raw in iter_mbox(path)]
    assert numbered == [(1, "Message number 1"), (2, "Message number 2"), (3, "Message number 3")]


def reference_reading(raw: bytes) -> tuple[str, str, str, str, datetime | None]:
    """Sender, subject, Message-ID and Date as the standard library's full parser reads them."""
    message = email.message_from_bytes(raw, policy=policy.default)
    sender = next(a for a in message["From"].addresses if a.username and a.domain)
    sent_at = message["Date"].datetime if message["Date"] else None
    return (
        sender.display_name.strip(),
        sender.addr_spec.strip(),
        " ".join(str(message["Subject"]).split()),
        re.findall(r"<[^<>\s]+>", str(message["Message-ID"]))[0],
        sent_at if sent_at is None or sent_at.tzinfo else sent_at.replace(tzinfo=UTC),
    )


def read_by_calmdesk(raw: bytes) -> tuple[str, str, str, str, datetime | None]:
    parsed = parse_email(raw)
    return (
        parsed.from_name,
        parsed.from_address,
        parsed.subject,
        parsed.message_id,
        parsed.sent_at,
    )


TRICKY_HEADERS = [
    {"From": "ann@example.com"},
    {"From": "<ann@example.com>"},
    {"From": "  Ann Lee   <ann@example.com>  "},
    {"From": "Ann  Lee <ann@example.com>"},
    {"From": "Ann O'Neil <ann.o-neil+care@mail.example.co.uk>"},
    {"From": "P. Shah <Priya@Example.com>"},
    {"From": '"Lee, Ann" <ann@example.com>'},
    {"From": "ann@example.com (Ann Lee)"},
    {"From": "Ann<ann@example.com>"},
    {"From": "Ann Lee <ann@example.com>, Tom Reid <tom@example.com>"},
    {"From": "=?utf-8?q?Zo=C3=AB?= <zoe@example.com>"},
    {"From": "Zoë <zoe@example.com>"},
    {"From": "Ann\r\n Lee <ann@example.com>"},
    {"Subject": "  Where   is\tmy refund?  "},
    {"Subject": "Re: =?utf-8?q?caf=C3=A9?= order"},
    {"Subject": "50% off =? not an encoded word"},
    {"Subject": "Folded\r\n  over two lines"},
    {"Subject": "Naïve café"},
    {"Message-ID": " <kettle-1@example.com> "},
    {"Message-ID": "<kettle-1@example.com> (a comment)"},
    {"Message-ID": "<kettle-1@example.com >"},
    {"Message-ID": "<kettle-1@example.com with words>"},
    {"Message-ID": "<a..b@example.com>"},
    {"Message-ID": "<kettle@[192.0.2.1]>"},
    {"Message-ID": '<"quoted"@example.com>'},
    {"Date": "4 Mar 2024 10:15 +0100"},
    {"Date": "Mon, 04 Mar 2024 10:15:00 GMT"},
    {"Date": "Mon, 04 Mar 2024 10:15:00 -0000"},
    {"Date": "Mon,\r\n 04 Mar 2024 10:15:00 +0530"},
]


@pytest.mark.parametrize("headers", TRICKY_HEADERS, ids=lambda h: repr(next(iter(h.values()))))
def test_headers_read_the_same_as_the_full_parser_reads_them(headers):
    """Plain headers are read directly for speed; every form must give the same values."""
    raw = plain_email(headers=headers)
    assert read_by_calmdesk(raw) == reference_reading(raw)


def test_varied_plain_headers_read_the_same_as_the_full_parser_reads_them():
    """Names, addresses, subjects and ids built from awkward characters, over many tries."""
    rng = random.Random(2024)
    pieces = ["Ann", "O'Neil", "Lee-Smith", "J.", "x+y", "a_b", "#1", "{z}", "~", "&", "!", "`"]
    for _ in range(300):
        name = " ".join(rng.choices(pieces, k=rng.randint(0, 3)))
        local = ".".join(rng.choices(["ann", "o'neil", "x+y", "a_b", "c-d", "e!f"], k=2))
        address = f"{local}@{rng.choice(['example.com', 'mail.example.co.uk', 'x-y.example'])}"
        sender = f"{name} <{address}>" if name else rng.choice([address, f"<{address}>"])
        subject = "".join(rng.choices(string.printable[:-5] + "\t", k=rng.randint(1, 40)))
        message_id = f"<{rng.choice(pieces).strip('.')}.{rng.randint(0, 99)}@example.com>"
        raw = plain_email(headers={"From": sender, "Subject": subject, "Message-ID": message_id})
        assert read_by_calmdesk(raw) == reference_reading(raw), (sender, subject, message_id)
