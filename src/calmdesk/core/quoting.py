r"""The customer's own words in a reply that quotes an earlier message.

A customer who answers our email usually sends our words back below theirs ("On Mon, 30 Nov
2026, Brightside Support wrote: > I'm so sorry you're upset ..."). Read as theirs, our apology
would show the customer as upset, our pointer to the Ombudsman as a legal threat, and our date
as when the fault happened. `own_words` blanks the quoted message, its reply header and any
line quoted with ">", at the same length (line breaks kept), so that spans into what is left
still index the message as it arrived. A forwarded message is kept: the customer chose to send
it to us.

The reply headers and quoted blocks are found by quotequail (Close's library, plain text, nine
languages); it is asked only when a line looks like one, which keeps ordinary messages free.

>>> own_words("Not good enough.\nOn Mon, 30 Nov 2026, Support wrote:\n> Sorry!").strip()
'Not good enough.'
>>> own_words("> Will Friday work?\nNo, Saturday please.").strip()
'No, Saturday please.'
>>> own_words("I am furious > angry.") == "I am furious > angry."
True
"""

from __future__ import annotations

import re

import quotequail

# Words of a header that forwards a message rather than replying to it. The English one is
# hinted at as "Forwarded message" only: "looking forward to" would send most emails through
# quotequail.
_FORWARD_ABROAD = (
    r"weitergeleitet|réexpédié|reenviado|transféré|[Vv]idarebefordrat|[Dd]oorgestuurd|Пересылаемое"
)
_FORWARD = re.compile(rf"[Ff]orward|{_FORWARD_ABROAD}")
# A line that may open a quoted message or quote one: quotequail's reply headers ("wrote:",
# "schrieb", "a écrit", ...), Outlook's "Original Message", a forward's header or rule, or ">".
_QUOTE_HINT = re.compile(
    r"^[ \t]*>|wrote:[ \t]*$|schrieb[^\n]*:[ \t]*$|a écrit ?:[ \t]*$|escribió:[ \t]*$|написал"
    r"|skrev[^\n]*:[ \t]*$|escreveu:[ \t]*$|schreef[^\n]*:[ \t]*$|geschreven:[ \t]*$"
    r"|^\d{4}/\d{1,2}/\d{1,2} [^\n]*<[^\n]*@[^\n]*>[ \t]*$"
    r"|[Oo]riginal [Mm]essage|Ursprüngliche Nachricht|[Mm]ensaje [Oo]riginal|[Oo]orspronkelijk"
    r"|[Oo]rigineel [Bb]ericht|[Ff]orwarded [Mm]essage|[Bb]egin forwarded"
    rf"|{_FORWARD_ABROAD}|^_{{32}}\s*$",
    re.M,
)
_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.M)


def own_words(text: str) -> str:
    """`text` with quoted earlier messages blanked, the same length; `text` itself when
    nothing is quoted, or when nothing but the quote would be left."""
    # Every header quotequail knows ends in ":" or holds "<...>", a forward's rule is "____",
    # and a quoted line starts with ">": most messages are passed over by these alone.
    if (":" not in text and ">" not in text and "____" not in text) or not _QUOTE_HINT.search(text):
        return text
    kept = _blank_quoted_reply(text)
    kept = _QUOTED_LINE.sub(lambda line: " " * len(line.group()), kept)
    return kept if kept.strip() else text


def _blank_quoted_reply(text: str) -> str:
    chunks = quotequail.quote(text)
    if len(chunks) < 2 or not chunks[0][0] or chunks[1][0]:
        return text
    visible = chunks[0][1]
    header_line = visible.rstrip().rsplit("\n", 1)[-1]
    if _FORWARD.search(header_line):
        return text
    # The customer's words end where quotequail's text above the header ends. A message that
    # opens with the header may answer below the quote: only the header goes, and the lines
    # quoted with ">" after it.
    top = (quotequail.unwrap(text) or {}).get("text_top", "")
    start = text.find(top) if top else -1
    if start < 0:
        return _blank(visible) + text[len(visible) :] if text.startswith(visible) else text
    cut = start + len(top)
    return text[:cut] + _blank(text[cut:])


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def split_quoted_tail(text: str) -> tuple[str, str]:
    r"""(the customer's part, the quoted earlier message below it) of a reply, for showing the
    quote folded away; ("the whole text", "") when nothing below the customer's words is
    quoted. Lines quoted with ">" between the customer's own lines stay in the first part.

    >>> split_quoted_tail("No.\nOn Mon, 30 Nov 2026, Support wrote:\n> Will Friday do?")
    ('No.', '\nOn Mon, 30 Nov 2026, Support wrote:\n> Will Friday do?')
    >>> split_quoted_tail("No quote here.\n")
    ('No quote here.\n', '')
    """
    own_end = len(own_words(text).rstrip())
    if own_end >= len(text.rstrip()):
        return text, ""
    return text[:own_end], text[own_end:]
