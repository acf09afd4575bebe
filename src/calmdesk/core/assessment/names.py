"""Names the model must not read: what `assess()` blanks before the text model scores a message.

A person's name says nothing of how they feel, yet its letters are n-grams the model weighs
(the demo's "Nadia Hussain" under a delivery complaint was evidence of upset, on the surname),
and a name can hint at gender or ethnicity, which calmdesk never infers. The model reads
`model_text(text, known_names)`: the message with names replaced by spaces, at the same length,
so its evidence spans still index the message as written. Three rules, in this order:

1. `blank_names`: the names the message's shape shows: after a title ("Mrs Whitaker rang"), in
   a greeting that opens the message ("Hi Tom,") and in the sign-off at the end ("Thanks,\\nOwen",
   or a last line of one to three capitalised words after a blank line).
2. `blank_addressed_names`: a capitalised name someone is thanked, greeted or apologised to by,
   inside a sentence, when punctuation or the end of a line follows it ("thank you so much
   Tom.", "Sorry Priya, it still hasn't come", "cheers Amira!"). No list is needed.
3. `blank_known_names`: anywhere, the parts of the names the case knows (its customer's and
   the organisation's staff), written with a capital ("Frank said it would come").

The rest of the engine (cue rules, point of view, repeat-back, the assessed text) reads the
message as written. Pure Python, no Django.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

_NAME = r"[A-Z](?:[a-z]|['\u2019][A-Z])[\w'\u2019-]*"  # "Owen", "O'Connor"
_SIGNED = r"(?:[A-Z]\.[ \t]*){0,2}" + _NAME  # "Owen", "G. Ashworth"
_TITLED_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+(" + _NAME + r"(?:[ \t]+" + _NAME + r")?)"
)
_GREETED_NAME = re.compile(r"\s*(?i:hi|hello|hey|dear)[ \t]+(" + _NAME + r")(?=[ \t]*[,!\n])")
# Read only in a message's last characters, where a sign-off is (and a long text costs no more).
SIGN_OFF_REACH = 200
_SIGNED_NAMES = (
    re.compile(
        r"\n[ \t]*(?i:(?:kind |best |warm |many |with )?(?:regards|wishes|thanks)|thank you|cheers"
        r"|yours(?: sincerely| faithfully| truly)?|sincerely|best|love)[ \t]*[,.!]?[ \t]*\n"
        r"[ \t]*(" + _SIGNED + r"(?:[ \t]+" + _NAME + r"){0,3})[ \t]*\s*$"
    ),
    re.compile(
        r"\n[ \t]*\n[ \t]*(?!(?i:thanks|thank you|cheers|regards)\b)("
        + _SIGNED
        + r"(?:[ \t]+"
        + _NAME
        + r"){0,2})[ \t]*\s*$"
    ),
)

# Rule 2. A capitalised name, or two, that punctuation, an emoji, a line break or the end
# follows, right after the words someone is thanked, greeted or apologised to by (any case),
# with at most a few words that belong to the thanks between: "thank you so much Tom.",
# "sorry, Dave.", "thanks for your help Siobhan". Capitalised words that follow these but are
# not names ("Thanks Again!", "Sorry Mate,", "Hi All,", "Sorry Not Sorry.") are never taken
# for one; a word in capitals is never a name here (`_NAME` needs a lower-case second letter),
# so "THANKS FOR NOTHING" keeps every word. The scan looks for the rarer part first: such
# names (about 1.5 us a message), then only the few words before each.
_ADDRESSED_CANDIDATE = re.compile(
    r"[A-Z](?<![\w'\u2019-].)(?:[a-z]|['\u2019][A-Z])[\w'\u2019-]*(?:[ \t]+" + _NAME + r"){0,2}"
    r"(?=[ \t]*(?:[.,!?;:)\n\u2026]|[^\x00-\x7f\w\s]|\Z))"
)
_ADDRESSING = re.compile(
    r"(?<![\w'\u2019])(?i:thank(?:s| you| u)|thx|sorry|apologies|cheers|hi|hiya|hello|hey|dear"
    r"|bye|goodbye|morning|afternoon|evening)"
    r"(?i:[ \t]+(?:(?:so|very|ever so|so so) much|a lot|again|for (?:that|this|everything|all"
    r"|your help|the help|helping|trying)))?"
    r"(?:[ \t]*,[ \t]*|[ \t]+)\Z"
)
# The last word of every text `_ADDRESSING` ends with: a quick test before the pattern's.
_ADDRESSING_LAST_WORDS = frozenset({
    "thanks", "you", "u", "thx", "sorry", "apologies", "cheers", "hi", "hiya", "hello", "hey",
    "dear", "bye", "goodbye", "morning", "afternoon", "evening", "much", "lot", "again", "that",
    "this", "everything", "all", "help", "helping", "trying"
})  # fmt: skip
# How far before a name `_ADDRESSING` may begin ("thank you ever so much, " is 24 characters).
ADDRESSING_REACH = 32
_NOT_NAMES = frozenset({
    "again", "all", "anyway", "also", "both", "everyone", "everybody", "folks", "guys", "gang",
    "lads", "ladies", "gents", "team", "there", "though", "too", "much", "so", "very", "mate",
    "mates", "pal", "buddy", "bro", "love", "hun", "hon", "dear", "sir", "sirs", "madam", "ma'am",
    "boss", "chief", "friend", "friends", "people", "you", "ya", "yall", "y'all", "lol", "ok",
    "okay", "anyhow", "in", "for", "then", "mr", "mrs", "ms", "miss", "mx", "dr", "customer",
    "support", "service", "care", "staff", "agent", "god", "lord", "jesus", "christ", "not", "no",
    "yes", "but", "and", "or", "what", "why", "how", "the", "this", "that", "it", "we", "my",
    "your", "please", "never", "nothing", "everything", "well", "oh", "sorry", "thanks", "thank",
    "hi", "hello", "hey"
})  # fmt: skip
_WORD = re.compile(r"\S+")

# Rule 3. Parts of a known name that are not read as one: initials (fewer than two letters)
# and titles.
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "dame"})
# Names that are also everyday words opening a sentence far more often than a name does ("Will
# you refund me?", "May I ask", "Hope you can help", "Bill still wrong", "June 3rd"): at the
# start of a sentence these are left for the model to read, elsewhere a capitalised one is
# blanked. Kept short on purpose: "Frank said it would come" is blanked, because "frank" opens
# few sentences.
SENTENCE_OPENING_WORDS = frozenset({"will", "may", "hope", "bill", "april", "june", "august"})
# How far back `_opens_sentence` looks for the end of the sentence before.
OPENING_REACH = 40
# How many distinct name lists keep their parsed parts (a case's customer and its staff).
KNOWN_NAME_LISTS = 256
# The words that may be a known name: not after a letter, digit, apostrophe or hyphen, and not
# starting with an ASCII lower-case letter (most words; `_blank_known` checks the rest), with
# inner apostrophes and hyphens ("O'Connor's", "Anne-Marie"). One scan whatever the number of
# names: a set look-up per capitalised word, where one pattern of every staff name would be
# tried at every word.
_KNOWN_NAME_WORD = re.compile(r"(?<![\w'\u2019-])(?![a-z])[^\W\d_]\w*(?:['\u2019-][^\W_]+)*")


def blank_names(text: str) -> str:
    """`text` with the names its shape shows replaced by spaces (same length).

    >>> blank_names("Hi Tom, it came. Mrs Shah says thanks.\\n\\nNadia Hussain")
    'Hi    , it came. Mrs      says thanks.\\n\\n             '
    """
    text = _TITLED_NAME.sub(_blank_name, text)
    greeted = _GREETED_NAME.match(text)
    if greeted:
        text = _blank_name(greeted) + text[greeted.end() :]
    cut = max(0, len(text) - SIGN_OFF_REACH)
    # Both sign-off patterns start at a line break, so the scan tries only those; the one put
    # in front lets a sign-off open the tail.
    tail = "\n" + text[cut:]
    for pattern in _SIGNED_NAMES:
        tail = pattern.sub(_blank_name, tail)
    return text[:cut] + tail[1:]


def blank_addressed_names(text: str) -> str:
    """`text` with the names someone is thanked, greeted or apologised to by blanked.

    >>> blank_addressed_names("It's back, thank you so much Tom. Sorry Priya, and THANKS Again!")
    "It's back, thank you so much    . Sorry      , and THANKS Again!"
    """
    spans: list[tuple[int, int]] = []
    for candidate in _ADDRESSED_CANDIDATE.finditer(text):
        words = [
            (candidate.start() + word.start(), word.group())
            for word in _WORD.finditer(candidate.group())
        ]
        # "Sorry Priya," is one candidate: the name is the word after the thanks or greeting.
        for index in range(max(0, len(words) - 2), len(words)):
            start = words[index][0]
            if _addressed_at(text, start) and not any(
                word.lower() in _NOT_NAMES for _, word in words[index:]
            ):
                spans.append((start, candidate.end()))
                break
    if not spans:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        pieces += [text[done:start], " " * (end - start)]
        done = end
    return "".join(pieces) + text[done:]


def _addressed_at(text: str, start: int) -> bool:
    """Whether the words just before `start` thank, greet or apologise to someone."""
    before = text[max(0, start - ADDRESSING_REACH) : start].rstrip(" \t").rstrip(",").rstrip()
    last = before.rsplit(None, 1)[-1].lstrip("(\"'\u201c\u2018").lower() if before else ""
    if last not in _ADDRESSING_LAST_WORDS:
        return False
    return _ADDRESSING.search(text, max(0, start - ADDRESSING_REACH), start) is not None


def blank_known_names(text: str, names: Sequence[str]) -> str:
    """`text` with every whole-word occurrence of a part of `names` replaced by spaces.

    Each name is split on spaces into parts, and a hyphenated part also into its halves
    ("Anne-Marie": "Anne-Marie", "Anne", "Marie"); initials (fewer than two letters) and
    titles are left out. A word is blanked when it is a part whatever the case of its other
    letters, begins with a capital letter, is not written all in capitals (shouting: "MY
    BILL") and is not one of `SENTENCE_OPENING_WORDS` opening a sentence. So a name that is
    also a word ("Frank", "Bill", "Hope") is blanked where it is capitalised as a name, never
    in "to be frank" or "my bill is wrong". A possessive "'s" after a name is kept.

    Not blanked: a name written in lower case ("thanks priya"), a nickname or spelling the list
    does not hold ("Tommy" for "Tom"), and a sentence-opening "Will" or "Hope" that is the
    name. A capitalised word that is not the name but is spelt like it ("Grace", "Mark", a
    month "June" inside a sentence) is blanked: the model reads one word less.

    >>> blank_known_names("Frank said to be frank. my bill, Bill's, BILL", ["Frank Bill"])
    "      said to be frank. my bill,     's, BILL"
    """
    if isinstance(names, str):
        raise TypeError("names is a sequence of names, not one name: pass [name].")
    parts = _name_parts(tuple(names))
    if not parts:
        return text
    pieces: list[str] = []
    done = 0
    for word in _KNOWN_NAME_WORD.finditer(text):
        start, end = word.span()
        name = word.group()
        if name.casefold() not in parts:
            if name[-2:] not in ("'s", "\u2019s") or name[:-2].casefold() not in parts:
                continue
            name, end = name[:-2], end - 2
        if not name[0].isupper() or name.isupper():
            continue
        if name.casefold() in SENTENCE_OPENING_WORDS and _opens_sentence(text, start):
            continue
        pieces += [text[done:start], " " * (end - start)]
        done = end
    return "".join(pieces) + text[done:] if pieces else text


def model_text(text: str, known_names: Sequence[str] = ()) -> str:
    """What the text model reads of `text`: the three rules above, in order."""
    text = blank_addressed_names(blank_names(text))
    return blank_known_names(text, known_names) if known_names else text


@functools.lru_cache(maxsize=KNOWN_NAME_LISTS)
def _name_parts(names: tuple[str, ...]) -> frozenset[str]:
    """The parts of `names` `blank_known_names` blanks, case-folded. Lists that share most of
    their names (each case's customer and the same staff) share each name's parsing."""
    return frozenset().union(*map(_parts_of, names))


@functools.lru_cache(maxsize=8 * KNOWN_NAME_LISTS)
def _parts_of(name: str) -> frozenset[str]:
    parts = set()
    for part in name.split():
        part = part.strip(".,;:()[]\"'\u2018\u2019\u201c\u201d")
        parts.add(part)
        if "-" in part:
            parts.update(part.split("-"))
    return frozenset(
        part.casefold()
        for part in parts
        if sum(letter.isalpha() for letter in part) >= 2 and part.casefold() not in _TITLES
    )


def _opens_sentence(text: str, start: int) -> bool:
    # A bounded look back: a long text full of names costs no more per name.
    before = text[max(0, start - OPENING_REACH) : start].rstrip(" \t\"'(\u201c\u2018")
    return not before or before[-1] in ".!?\n\u2026:"


def _blank_name(match: re.Match[str]) -> str:
    start, end = match.span(1)
    whole, offset = match.group(), match.start()
    return whole[: start - offset] + " " * (end - start) + whole[end - offset :]
