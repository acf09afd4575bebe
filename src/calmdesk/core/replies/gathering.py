"""Gathering: the next questions to ask and the repeat-back (issue 5, "Gathering").

Pure Python, no Django: the web side builds a `DraftContext` from the case (assessment,
case facts, contact points, decisions, actions, the contact promise) and these functions
turn it into words for the agent.

Criteria: Unit 7 2.2 (questions to find out what the customer needs), Unit 7 M2 and C4 2.3
(checking understanding by summarising back), C4 2.1 (adapting the way of speaking to the
customer: plain words for a non-specialist, precise terms for a specialist).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class QuestionKind(StrEnum):
    """Open questions let the customer tell it; closed ones pin down one fact; probing ones
    dig into something the customer already said (Unit 7 2.2)."""

    OPEN = "open"
    CLOSED = "closed"
    PROBING = "probing"


class Fact(StrEnum):
    """The facts an agent needs before a way forward can be agreed, in the order asked."""

    WHAT_HAPPENED = "what_happened"
    WHEN = "when"
    REFERENCE = "reference"
    TRIED = "tried"
    WANTS = "wants"
    CONTACT = "contact"


FACT_WORDS: dict[Fact, str] = {
    Fact.WHAT_HAPPENED: "What happened",
    Fact.WHEN: "When it happened",
    Fact.REFERENCE: "Order or account reference",
    Fact.TRIED: "What has been tried",
    Fact.WANTS: "The outcome they want",
    Fact.CONTACT: "How to keep in touch",
}


@dataclass(frozen=True)
class AgreedAction:
    """Something the organisation will do: who, what, by when and why (C4 2.8)."""

    who: str
    what: str
    when: datetime | date | None = None
    why: str = ""


@dataclass(frozen=True)
class KnownFacts:
    """What the case already holds; None (or empty) means not known yet.

    `reference` is an order, account or purchase reference (or a note that the purchase is
    identified, such as "proof of purchase seen"); `contact` is how the customer can be
    reached ("email", "phone"...)."""

    product: str | None = None
    purchase_date: date | None = None
    price: str | None = None
    reference: str | None = None
    what_happened: str | None = None
    when: str | None = None
    tried: str | None = None
    wants: str | None = None
    contact: tuple[str, ...] = ()

    def known(self, fact: Fact) -> bool:
        value = {
            Fact.WHAT_HAPPENED: self.what_happened,
            Fact.WHEN: self.when,
            Fact.REFERENCE: self.reference,
            Fact.TRIED: self.tried,
            Fact.WANTS: self.wants,
            Fact.CONTACT: self.contact,
        }[fact]
        return bool(value)


@dataclass(frozen=True)
class TemplateText:
    """One organisation template as plain data (replies.ReplyTemplate in the database)."""

    language: str
    channel: str  # a channel value, or "any"
    part: str
    text: str


@dataclass(frozen=True)
class DraftContext:
    """Everything gathering and drafting need to know about a case, as plain data."""

    customer_name: str = ""
    channel: str = "email"
    issue: str | None = None
    indicators: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    terminology: str | None = None  # "plain", "specialist" or None (not known)
    language: str | None = None  # the customer's preferred language (code or name)
    accessibility: tuple[str, ...] = ()  # stated needs, e.g. "Large print"
    facts: KnownFacts = field(default_factory=KnownFacts)
    position: str | None = None  # why the preferred remedy is not possible (policy)
    actions: tuple[AgreedAction, ...] = ()
    next_contact: datetime | None = None  # when the customer will next hear from us
    agent_name: str = ""
    organisation: str = ""
    case_reference: str = ""
    subject: str = ""
    templates: tuple[TemplateText, ...] = ()
    sms_split_allowed: bool = True
    today: date | None = None

    @property
    def specialist(self) -> bool:
        return self.terminology == "specialist"


@dataclass(frozen=True)
class Question:
    fact: Fact
    kind: QuestionKind
    text: str
    why: str

    def as_dict(self) -> dict[str, str]:
        return {
            "fact": self.fact.value,
            "kind": self.kind.value,
            "text": self.text,
            "why": self.why,
        }


# What the customer's own words already tell: when it happened and what they tried. Only
# their words are quoted back, nothing is inferred.
_WHEN = re.compile(
    r"\b(?:(?:since|on|from|last|this|yesterday|today|this morning|two|three|a few|"
    # Between the opening word and the time only numbers and small words ("since the 2nd of
    # May"), so "You acknowledged this on 3 March" gives "on 3 March", not "this on 3 March".
    r"couple of)(?:\s+(?:\d{1,2}(?:st|nd|rd|th)?|the|of|a|few|last|past|next))*\s+"
    r"(?:yesterday|today|morning|night|week|weeks|month|"
    r"months|monday|tuesday|wednesday|thursday|friday|saturday|sunday|days|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b(?: ago)?|yesterday|today|tonight|this (?:morning|afternoon|evening)"
    r"|last night|\d{1,2}(?:st|nd|rd|th)? "
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)",
    re.I,
)
_TRIED = re.compile(
    r"\b(?:I(?:'ve| have)?|we(?:'ve| have)?)\s+(?:already\s+)?"
    r"(?:tried|restarted|rebooted|reset|called|rang|phoned|emailed|checked|cleaned|"
    r"unplugged|turned it off)\b[^.!?\n]{0,80}",
    re.I,
)


def when_from_text(text: str) -> str | None:
    """The customer's own words for when it happened, if they gave any.

    >>> when_from_text("The washer stopped draining last week and nobody helps")
    'last week'
    >>> when_from_text("A washing machine that did not arrive today")
    'today'
    >>> when_from_text("You acknowledged this on 3 March. Notwithstanding that")
    'on 3 March'
    >>> when_from_text("It has been like this since the 2nd of May")
    'since the 2nd of May'
    >>> when_from_text("It broke") is None
    True
    """
    found = _WHEN.search(text)
    return found.group(0).strip() if found else None


def tried_from_text(text: str) -> str | None:
    """What the customer says they already tried, in their words.

    >>> tried_from_text("I've already tried resetting it twice. Still broken.")
    "I've already tried resetting it twice"
    """
    found = _TRIED.search(text)
    return found.group(0).strip() if found else None


# An order, account, invoice or receipt number: named ("order no. A7731"), or by its shape alone
# ("(BH-4502117)": letters, a hyphen and at least four digits, in capitals as such numbers are
# printed).
_REFERENCE_NUMBER = re.compile(
    r"\b(?:order|account|invoice|receipt)\s*(?:number|no\.?|ref(?:erence)?)?\s*[:#]?\s*"
    r"([A-Z0-9][A-Z0-9-]*\d[A-Z0-9-]*)"
    r"|\b((?-i:[A-Z]{2,4})-\d{4,})\b",
    re.I,
)


def reference_from_text(text: str) -> str | None:
    """The order, account, invoice or receipt number the customer gave, if any.

    >>> reference_from_text("Order no. A7731 still broken!")
    'A7731'
    >>> reference_from_text("It did not arrive today (BH-4502117).")
    'BH-4502117'
    >>> reference_from_text("My PS4 is broken") is None
    True
    """
    found = _REFERENCE_NUMBER.search(text)
    return (found.group(1) or found.group(2)) if found else None


def what_happened_from_text(text: str) -> str | None:
    """What went wrong, in the customer's own words: up to three of their key clauses (as the
    assessment's point of view picks them), without a contact form's field names or a call
    note's opener.

    >>> what_happened_from_text("Customer rang: the kettle she bought last week switches off.")
    'the kettle she bought last week switches off'
    >>> what_happened_from_text("Hello, see subject. Thanks") is None
    True
    """
    # Imported here: the assessment package costs ~90 ms to import, which gathering's other
    # users (the checker's CLI, drafting alone) need not pay.
    from calmdesk.core.assessment.assess import AssessmentInputError, prepare_text
    from calmdesk.core.assessment.viewpoint import join_clauses, key_clauses, without_note_opener

    try:
        clauses = key_clauses(prepare_text(text).text)
    except AssessmentInputError:
        return None
    clauses = [kept for clause in clauses if (kept := without_note_opener(clause))]
    return join_clauses(clauses) if clauses else None


# Wording per fact: (plain, specialist). {product} is the product when known.
_WHAT_HAPPENED: dict[str, tuple[str, str]] = {
    "faulty": (
        "Can you tell me what happens when you use {product}?",
        "Please describe the fault: what {product} does, any error code or message shown, "
        "and whether it happens every time.",
    ),
    "delivery": (
        "Can you tell me what happened with your delivery?",
        "Please describe the delivery problem: expected date, what arrived, and any "
        "tracking status shown.",
    ),
    "billing": (
        "Can you tell me what looks wrong on your bill?",
        "Please describe the billing discrepancy: the charge, its amount and the date it "
        "was taken.",
    ),
    "account_access": (
        "Can you tell me what happens when you try to get into your account?",
        "Please describe the access failure: the login step where it fails and the exact "
        "error message.",
    ),
    "service_complaint": (
        "Can you tell me what happened, in your own words?",
        "Please set out what happened, in order, with the names or teams involved.",
    ),
}
_WHAT_HAPPENED_DEFAULT = (
    "Can you tell me what happened, in your own words?",
    "Please set out what happened and the details that matter to you.",
)
_REFERENCE: dict[str, tuple[str, str]] = {
    "billing": (
        "Do you have your account number to hand?",
        "What is the account number, and the invoice number of the charge?",
    ),
    "account_access": (
        "Which email address or username do you use to sign in?",
        "What is the account username or sign-in email?",
    ),
}
_REFERENCE_DEFAULT = (
    "Do you have your order number or receipt to hand?",
    "What is the order number (it is on the receipt or the order email)?",
)


def _wording(pair: tuple[str, str], context: DraftContext) -> str:
    text = pair[1] if context.specialist else pair[0]
    product = context.facts.product
    return text.replace("{product}", f"the {product}" if product else "it")


def suggest_questions(context: DraftContext) -> list[Question]:
    """The next questions for the facts still missing, never for one the case holds
    (Unit 7 2.2; C4 2.1-2.2). Each is marked open, closed or probing and worded for this
    customer: plain words for a non-specialist, precise terms for a specialist.

    >>> [q.fact.value for q in suggest_questions(DraftContext(facts=KnownFacts(
    ...     what_happened="Stopped draining", when="last week", wants="a repair")))]
    ['reference', 'tried', 'contact']
    """
    facts = context.facts
    issue = context.issue or "other"
    specialist = context.specialist
    questions: list[Question] = []
    if not facts.known(Fact.WHAT_HAPPENED):
        questions.append(
            Question(
                Fact.WHAT_HAPPENED,
                QuestionKind.OPEN,
                _wording(_WHAT_HAPPENED.get(issue, _WHAT_HAPPENED_DEFAULT), context),
                "An open question lets them tell it their way; listen before you summarise.",
            )
        )
    if not facts.known(Fact.WHEN):
        if facts.known(Fact.WHAT_HAPPENED):
            said = _short(facts.what_happened or "")
            text = (
                f"You mentioned “{said}”. On what date did this start, and has it happened since?"
                if specialist
                else f"You said “{said}”. When did that start?"
            )
            kind = QuestionKind.PROBING
        else:
            text = "On what date did it start?" if specialist else "When did this first happen?"
            kind = QuestionKind.CLOSED
        questions.append(
            Question(Fact.WHEN, kind, text, "Dates decide guarantee and return windows.")
        )
    if not facts.known(Fact.REFERENCE):
        questions.append(
            Question(
                Fact.REFERENCE,
                QuestionKind.CLOSED,
                _wording(_REFERENCE.get(issue, _REFERENCE_DEFAULT), context),
                "The reference finds the purchase or account, so they need not repeat it.",
            )
        )
    if not facts.known(Fact.TRIED):
        text = (
            "Which checks or fixes have already been tried, and with what result?"
            if specialist
            else "Have you tried anything to sort it out so far? What happened?"
        )
        questions.append(
            Question(
                Fact.TRIED,
                QuestionKind.PROBING,
                text,
                "Avoids asking them to repeat steps they have already taken.",
            )
        )
    if not facts.known(Fact.WANTS):
        text = (
            "What outcome would resolve this for you?"
            if specialist
            else "What would you like us to do to put this right?"
        )
        questions.append(
            Question(
                Fact.WANTS,
                QuestionKind.OPEN,
                text,
                "Knowing what they want lets you balance it against what can be offered.",
            )
        )
    if not facts.known(Fact.CONTACT):
        questions.append(
            Question(
                Fact.CONTACT,
                QuestionKind.CLOSED,
                "How would you like us to keep in touch: email, phone or text?",
                "We promise updates; we need a way to send them.",
            )
        )
    return questions


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split()).rstrip(".!?")
    if len(text) <= limit:
        return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def format_day(day: date) -> str:
    """A date as people say it.

    >>> format_day(date(2026, 5, 3))
    '3 May'
    """
    return f"{day.day} {day:%B}"


def repeat_back(context: DraftContext) -> str:
    """A short summary of the customer's concern in the agent's voice, from what the case
    holds and nothing else (C4 2.3; Unit 7 M2). The less is known, the shorter it is.

    >>> repeat_back(DraftContext(issue="faulty"))
    'So you are getting in touch about a faulty product. Is that right?'
    """
    facts = context.facts
    pieces: list[str] = []
    if facts.product and facts.purchase_date:
        pieces.append(f"you bought the {facts.product} on {format_day(facts.purchase_date)}")
    elif facts.product:
        pieces.append(f"this is about your {facts.product}")
    elif facts.purchase_date:
        pieces.append(f"you bought it on {format_day(facts.purchase_date)}")
    what = _short(facts.what_happened, 120) if facts.what_happened else ""
    if what:
        # "today" is not said twice when their words already hold it.
        when = facts.when if facts.when and facts.when.lower() not in what.lower() else None
        pieces.append(f"you told us “{what}”" + (f", {_time_words(when)}" if when else ""))
    elif facts.when:
        pieces.append(_started(facts.when))
    tried = _short(facts.tried, 80) if facts.tried else ""
    if tried and tried.rstrip("…").lower() not in what.lower():
        pieces.append(f"you have already tried: {tried}")
    if facts.wants:
        pieces.append(f"you would like {_short(facts.wants, 100)}")
    if not pieces:
        issue = _ISSUE_SUMMARY.get(context.issue or "", "")
        if issue:
            return f"So you are getting in touch about {issue}. Is that right?"
        return "So I can help properly, can you tell me what this is about?"
    return "So, to check I have this right: " + "; ".join(pieces) + ". Is that right?"


# The words a time can start with that take a small letter mid-sentence ("Last Sunday").
_TIME_OPENERS = frozenset(
    [
        "last",
        "this",
        "since",
        "on",
        "from",
        "yesterday",
        "today",
        "tonight",
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "few",
        "couple",
        "several",
    ]
)


def _time_words(when: str) -> str:
    """A time as said mid-sentence.

    >>> _time_words("Last Sunday")
    'last Sunday'
    """
    first, _, rest = when.partition(" ")
    if first.lower() in _TIME_OPENERS:
        return " ".join(filter(None, (first.lower(), rest)))
    return when


def _started(when: str) -> str:
    """When it started, or for how long it has gone on when the words are a length of time.

    >>> _started("last week"), _started("two weeks"), _started("3 days ago")
    ('it started last week', 'this has gone on for two weeks', 'it started 3 days ago')
    """
    when = _time_words(when)
    if re.match(
        r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|couple of"
        r"|several)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)$",
        when,
        re.I,
    ):
        return f"this has gone on for {when}"
    return f"it started {when}"


_ISSUE_SUMMARY: dict[str, str] = {
    "faulty": "a faulty product",
    "out_of_stock": "something out of stock",
    "delivery": "a delivery",
    "service_complaint": "the service you received",
    "billing": "a bill or payment",
    "account_access": "getting into your account",
    "lack_of_understanding": "something that is not clear",
    "query_request": "a question",
}


def known_facts_summary(facts: KnownFacts) -> list[tuple[str, bool]]:
    """Each fact with whether the case holds it (for the panel's checklist)."""
    return [(FACT_WORDS[fact], facts.known(fact)) for fact in Fact]
