"""A customer's reply is read without the earlier message it quotes (calmdesk.core.quoting)."""

from __future__ import annotations

import pytest

from calmdesk.core.assessment import assess
from calmdesk.core.quoting import own_words

OUR_REPLY = (
    "> Dear Nadia,\n"
    "> I'm so sorry you're upset. If you are still unhappy, you may refer your complaint to\n"
    "> the Ombudsman. We will call you on 3 March.\n"
    "> Amira, Brightside Support\n"
)
GMAIL_REPLY = (
    "That is not an answer. I want a delivery date this week.\n\n"
    "On Mon, 30 Nov 2026 at 10:02, Brightside Support <support@brightside.example> wrote:\n"
    + OUR_REPLY
)
OUTLOOK_REPLY = (
    "Still nothing!!\n\n"
    "-----Original Message-----\n"
    "From: Brightside Support <support@brightside.example>\n"
    "Sent: 30 November 2026 10:02\n"
    "To: nadia@example.com\n"
    "Subject: RE: fridge freezer\n\n"
    "Dear Nadia, I'm so sorry you're upset. You may refer your complaint to the Ombudsman.\n"
)


@pytest.mark.parametrize("text", [GMAIL_REPLY, OUTLOOK_REPLY])
def test_a_quoted_earlier_message_is_blanked_at_the_same_length(text: str) -> None:
    kept = own_words(text)
    assert len(kept) == len(text)
    assert kept.count("\n") == text.count("\n")
    assert "Ombudsman" not in kept
    assert "sorry" not in kept
    assert kept.split()[0] in ("That", "Still")


def test_our_words_in_the_quote_are_not_read_as_the_customers() -> None:
    """Our final response, quoted back, names the Ombudsman: that is no legal threat of the
    customer's; their own line is what is read, and evidence indexes the message."""
    result = assess(GMAIL_REPLY, channel="email")
    assert "threat_legal" not in result.risk_names()
    top_end = GMAIL_REPLY.index("\n\nOn Mon")
    spans = [span for item in result.indicators + result.risks for span in item.evidence]
    assert all(span.end <= top_end for span in spans)
    quoted_alone = assess(OUR_REPLY.replace("> ", ""), channel="email")
    assert "threat_legal" in quoted_alone.risk_names()  # the words the quote would have added


def test_lines_quoted_with_a_marker_are_blanked_and_the_answer_between_them_kept() -> None:
    text = "> Would Friday suit you?\nNo, I work Fridays. Saturday please.\n> Regards, Amira"
    kept = own_words(text)
    assert kept.split() == ["No,", "I", "work", "Fridays.", "Saturday", "please."]


def test_a_forwarded_message_is_the_customers_to_send_and_is_kept() -> None:
    text = (
        "Forwarding my email from last week, still no reply!\n\n"
        "---------- Forwarded message ---------\n"
        "From: Nadia Hussain <nadia@example.com>\n"
        "Date: Mon, 23 Nov 2026\n"
        "Subject: fridge freezer\n"
        "To: support@brightside.example\n\n"
        "The fridge freezer never came and I am furious.\n"
    )
    assert own_words(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "I am furious > angry, and I wrote: this is not good enough.",
        "I was told to forward my receipt to you. It has been a week.",
        "On 3 May I ordered a kettle and on 10 May it broke.",
    ],
)
def test_a_message_without_a_quote_is_read_whole(text: str) -> None:
    assert own_words(text) == text


def test_a_message_that_is_only_a_quote_is_read_whole_rather_than_not_at_all() -> None:
    text = "On Mon, 30 Nov 2026, Support wrote:\n> Is there anything else?\n"
    assert own_words(text) == text
    assess(text)  # no "empty text" error
