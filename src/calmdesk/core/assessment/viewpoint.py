"""The customer's point of view in one sentence, for the agent to read first (C4 1.4).

Built only from the customer's own words: a fixed opening for the issue, then up to three of
their clauses quoted as written (what happened, when or how long, what they want). Nothing
is paraphrased, so nothing can be invented; a clause is cut at a word boundary when long.

>>> point_of_view("delivery", "I paid for next-day delivery on Monday. I want a refund!")[39:]
' I paid for next-day delivery on Monday, and I want a refund.'
>>> point_of_view("other", "hello")
'I am getting in touch.'
"""

from __future__ import annotations

import re

from calmdesk.core.assessment.cues import PROFANITY, lower_case_rule, same_length_lower

OPENING = "I am getting in touch"
# What the message is about, by issue; worded so that a calm message is not made a complaint.
ISSUE_TOPICS: dict[str, str] = {
    "faulty": "about something that is not working",
    "out_of_stock": "about something that is out of stock",
    "delivery": "about a delivery",
    "service_complaint": "about the service I have had",
    "billing": "about a bill or payment",
    "account_access": "about getting into my account",
    "lack_of_understanding": "about something I do not understand",
    "query_request": "with a question or request",
    "other": "",
}

# What a faulty thing does.
_FAULT = (
    r"leak(?:s|ing|ed)?|drop(?:s|ping|ped)|stopped|keeps|broke|faulty|error|fail(?:s|ing|ed)"
    r"|trip(?:s|ping|ped)|cracked|shattered|overheat(?:s|ing|ed)?|spark(?:s|ing|ed)"
    r"|crash(?:es|ing|ed)|switch(?:es|ing|ed)\s+(?:itself\s+)?off"
)
_NAMES_A_FAULT = re.compile(rf"\b(?:{_FAULT})\b", re.I)
# Clauses end at sentence punctuation followed by a space, so "£14.99" stays whole.
_CLAUSE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_FACT_KINDS: tuple[re.Pattern[str], ...] = (
    # What is wrong, in their words: a clause that says something did not happen or work.
    re.compile(
        r"\b(?:not|never|no\s+longer|(?:is|was|has|have|does|did|do|can|could|wo|would)n['\u2019]?t"
        r"|cannot|can't|won't|still|again|wrong|broken|missing|worried|confused|understand"
        r"|nothing|nobody|no\s+one|" + _FAULT + r")\b",
        re.I,
    ),
    # What happened: the customer's own account of a purchase, order or payment.
    re.compile(
        r"\bI(?:'ve| have)?\s+(?:paid|ordered|bought|booked|purchased|returned|sent|called"
        r"|rang|emailed|contacted|was\s+charged|been\s+charged|received|got)\b",
        re.I,
    ),
    # When and how long.
    re.compile(
        r"\b(?:since|(?:for\s+)?(?:over\s+|nearly\s+|almost\s+)?(?:\d+|a|an|one|two|three|four|five"
        r"|six|seven|eight|nine|ten|several|a\s+few)\s+(?:minutes?|hours?|days?|weeks?|months?"
        r"|years?)|yesterday|last\s+(?:week|month|night|year)|on\s+(?:monday|tuesday|wednesday"
        r"|thursday|friday|saturday|sunday)|\d{1,2}(?:st|nd|rd|th)|(?:first|second|third"
        r"|fourth|fifth|\d+(?:st|nd|rd|th))\s+time)\b",
        re.I,
    ),
    # What they want.
    re.compile(
        r"\b(?:I|we)\s+(?:just\s+)?(?:want|need|would\s+like|'d\s+like|expect|am\s+asking"
        r"|'m\s+asking)\b|\bplease\b",
        re.I,
    ),
)
_QUICK_FACT_KINDS = tuple(lower_case_rule(kind) for kind in _FACT_KINDS)
LONGEST_CLAUSE = 90
MOST_CLAUSES = 3
# Capitals a clause starts with only because a sentence does; names and "I" keep theirs.
_SENTENCE_OPENERS = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "those",
        "my",
        "our",
        "your",
        "it",
        "its",
        "we",
        "they",
        "there",
        "he",
        "she",
        "you",
        "a",
        "an",
        "and",
        "but",
        "so",
        "when",
        "what",
        "why",
        "how",
        "where",
        "which",
        "who",
        "still",
        "also",
        "now",
        "please",
        "can",
        "could",
        "will",
        "would",
        "just",
        "then",
        "if",
        "because",
        "after",
        "before",
        "since",
    ]
)
_FIRST_PERSON = re.compile(r"^I(?:['\u2019]\w+)?$", re.I)


# How an agent's note of a call or visit starts ("Customer rang about ..."): not the customer's
# words, so their point of view, and what happened in reply help, leave it out.
_NOTE_OPENER = re.compile(
    r"^(?:the\s+)?(?:customer|caller)\s+(?:rang|called|phoned|came\s+in|wrote|emailed|says|said"
    r"|asks|asked|reports|reported)(?:\s+(?:about|to\s+say(?:\s+that)?|that))?\s*[:,.]?\s+",
    re.I,
)


def without_note_opener(clause: str) -> str:
    """The clause without a call note's opener.

    >>> without_note_opener("Customer rang about a washer that will not drain")
    'a washer that will not drain'
    """
    return _NOTE_OPENER.sub("", clause)


def point_of_view(issue: str, text: str) -> str:
    """One sentence in the customer's voice: the issue, then their own key clauses (without
    a call note's opener).

    >>> point_of_view("delivery", "Customer rang about a fridge that did not arrive today.")
    'I am getting in touch about a delivery: a fridge that did not arrive today.'
    """
    opening = " ".join(filter(None, (OPENING, ISSUE_TOPICS.get(issue, ""))))
    clauses = [kept for clause in key_clauses(text) if (kept := without_note_opener(clause))]
    if not clauses:
        return f"{opening}."
    return f"{opening}: {join_clauses(clauses)}."


def join_clauses(clauses: list[str]) -> str:
    """Clauses as one list in a sentence.

    >>> join_clauses(["it broke", "I want a refund"])
    'it broke, and I want a refund'
    """
    if len(clauses) == 1:
        return clauses[0]
    return f"{', '.join(clauses[:-1])}, and {clauses[-1]}"


def key_clauses(text: str) -> list[str]:
    """Up to three of the customer's clauses, tidied, in the order they wrote them: what is
    wrong, what happened, when or how long, what they want.

    >>> key_clauses("Hi there. My TV has NOT worked since Monday. Please help")
    ['my TV has NOT worked since Monday', 'please help']
    """
    raw_clauses = _CLAUSE_END.split(text)
    lowered = same_length_lower(text)
    # Tidying and case-blind searching are the costly parts: a clause is tidied only once a
    # quick lower-case search of its raw words finds the kind in it.
    lowered_clauses = _CLAUSE_END.split(lowered) if lowered is not None else raw_clauses
    tidied: dict[int, str] = {}
    chosen: dict[str, int] = {}
    for kind, quick in zip(_FACT_KINDS, _QUICK_FACT_KINDS, strict=True):
        if len(chosen) >= MOST_CLAUSES:
            break
        for position, raw in enumerate(raw_clauses):
            found = (
                quick.search(lowered_clauses[position])
                if quick is not None and lowered is not None
                else kind.search(raw)
            )
            if not found:
                continue
            if position not in tidied:
                tidied[position] = _tidy(raw)
            clause = tidied[position]
            if clause and clause not in chosen and kind.search(clause):
                chosen[clause] = position
                break
    return sorted(chosen, key=chosen.__getitem__)


def names_a_fault(clause: str) -> bool:
    """Whether the clause says what a faulty thing does.

    >>> names_a_fault("the handshake drops every few minutes"), names_a_fault("I fitted it")
    (True, False)
    """
    return _NAMES_A_FAULT.search(clause) is not None


def _tidy(clause: str) -> str:
    """The clause as written, with spacing evened, shouting lowered, and length bounded."""
    # Swearing is how it was said, not what happened; the agent reads the point without it.
    words = PROFANITY.sub("", clause).split()
    if not words:
        return ""
    letters = [char for char in clause if char.isalpha()]
    if letters and all(char.isupper() for char in letters):
        words = [_lower_but_i(word) for word in words]
    elif words[0].lower() in _SENTENCE_OPENERS:
        words[0] = words[0].lower()
    tidy = " ".join(words).strip(" ,.!?;")
    if len(tidy) > LONGEST_CLAUSE:
        tidy = tidy[:LONGEST_CLAUSE].rsplit(" ", 1)[0] + "…"
    return tidy


def _lower_but_i(word: str) -> str:
    lowered = word.lower()
    return "I" + lowered[1:] if _FIRST_PERSON.match(word) else lowered
