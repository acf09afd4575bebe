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

from calmdesk.core.replies.checker import LONG_SENTENCE_WORDS
from calmdesk.core.replies.wording import (
    clean_words,
    counted_contacts,
    note_to_second_person,
    second_person,
    within,
)


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
    customer_title: str = ""  # "Mrs", "Dr"... when the customer gave one
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
    # True when the case's words are an agent's note of a call or visit ("she rang..."):
    # the repeat-back turns its third person, not a first person, into "you".
    agent_notes: bool = False
    today: date | None = None
    now: datetime | None = None  # when the draft is made: a promised time comes after it

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
_NUMBER_WORDS = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few"
    r"|a couple of|couple of|several)"
)
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
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    # A length of time: "for 3 days", "in 10 days", "over the past two weeks", "3 weeks now".
    r"|(?:(?:for|in|over|within)\s+(?:the\s+(?:last|past)\s+)?)?" + _NUMBER_WORDS + r"\s+"
    r"(?:hours|days|weeks|months|years)\b(?:\s+(?:ago|now))?"
    # "since the update", "since Christmas": since and what follows it, up to four words.
    r"|since\s+(?:the\s+|my\s+|we\s+|I\s+)?[\w'-]+(?:\s+(?!and\b|but\b)[a-z][\w'-]*){0,2}"
    # Dates: "on the 2nd", "12/03/2026", "December 2nd".
    r"|on the \d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|(?:january|february|march|april|june|july|august|september|october|november|december)"
    r"\s+\d{1,2}(?:st|nd|rd|th)?\b)",
    re.I,
)
_TRIED = re.compile(
    r"\b(?:I(?:'ve| have)?|we(?:'ve| have)?)\s+(?:already\s+|also\s+|even\s+)?"
    r"(?:tried|restarted|rebooted|reset|called|rang|phoned|emailed|e-mailed|written\s+to|wrote\s+to"
    r"|sent|contacted|messaged|chased|checked|cleaned|unplugged|swapped|replaced|updated"
    r"|reinstalled|descaled|tightened|power-cycled|followed|turned it off|switched it off"
    r"|been\s+(?:in\s+touch|on\s+the\s+phone|to\s+the\s+store))\b[^.!?\n]{0,160}",
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
    >>> when_from_text("@Shop 3 emails in 10 days and not one reply")
    'in 10 days'
    >>> when_from_text("It has not worked since the firmware update")
    'since the firmware update'
    >>> when_from_text("It broke") is None
    True
    """
    found = _WHEN.search(text)
    return found.group(0).strip() if found else None


def tried_from_text(text: str) -> str | None:
    """What the customer says they already tried, in their words (or, for a count of their
    emails or calls, as they would put it).

    >>> tried_from_text("I've already tried resetting it twice. Still broken.")
    "I've already tried resetting it twice"
    >>> tried_from_text("@Shop 3 emails in 10 days and not ONE reply")
    'I have sent you 3 emails in 10 days'
    """
    found = _TRIED.search(text)
    if found:
        return found.group(0).strip()
    return counted_contacts(text)


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
    from calmdesk.core.assessment.viewpoint import (
        join_clauses,
        key_clauses,
        names_a_fault,
        without_note_opener,
    )

    try:
        clauses = key_clauses(prepare_text(text).text)
    except AssessmentInputError:
        return None
    clauses = [kept for clause in clauses if (kept := without_note_opener(clause))]
    # The fault leads, before the story of how they came to buy it.
    clauses.sort(key=lambda clause: not names_a_fault(clause))
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
    when = None if facts.known(Fact.WHEN) else _when_question(context)
    if when is not None:
        questions.append(when)
    if not facts.known(Fact.REFERENCE):
        questions.append(
            Question(
                Fact.REFERENCE,
                QuestionKind.CLOSED,
                _wording(_REFERENCE.get(issue, _REFERENCE_DEFAULT), context),
                "The reference finds the purchase or account, so they need not repeat it.",
            )
        )
    tried = _TRIED_QUESTIONS.get(issue, _TRIED_QUESTIONS["other"])
    if not facts.known(Fact.TRIED) and tried is not None:
        questions.append(
            Question(
                Fact.TRIED,
                QuestionKind.PROBING,
                _wording(tried, context),
                "Avoids asking them to repeat steps they have already taken.",
            )
        )
    if not facts.known(Fact.WANTS):
        wants = _WANTS_QUESTIONS.get(issue, _WANTS_QUESTIONS["other"])
        questions.append(
            Question(
                Fact.WANTS,
                QuestionKind.OPEN,
                _wording(wants, context),
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


# "When did that start?" fits only a problem that starts: a fault, a lost way in. Other
# problems have their own moment (a delivery's due date, a charge's date), and a question, an
# out-of-stock item or something not understood has none worth asking for.
_WHEN_QUESTIONS: dict[str, tuple[str, str] | None] = {
    "faulty": (
        "When did you first notice the problem with {product}?",
        "On what date did the fault first appear, and has it happened every time since?",
    ),
    "account_access": (
        "When were you last able to get in?",
        "When did sign-in last succeed, and when did it first fail?",
    ),
    "delivery": (
        "When was it due to arrive?",
        "What delivery date were you given, and what does the tracking show now?",
    ),
    "billing": (
        "When was the payment taken?",
        "On what date was the charge taken, and on which statement does it appear?",
    ),
    "service_complaint": (
        "When did this happen?",
        "On what dates did this happen?",
    ),
    "out_of_stock": None,
    "query_request": None,
    "lack_of_understanding": None,
    "other": ("When did this happen?", "On what date did this happen?"),
}
_TRIED_QUESTIONS: dict[str, tuple[str, str] | None] = {
    "faulty": (
        "Have you tried anything to sort it out so far? What happened?",
        "Which checks or fixes have already been tried, and with what result?",
    ),
    "account_access": (
        "Have you tried resetting your password or signing in another way? What happened?",
        "Which recovery steps have been tried (password reset, another device), with what result?",
    ),
    "delivery": (
        "Have you been in touch with us or the courier about it already?",
        "Have you contacted us or the carrier already, and what were you told?",
    ),
    "billing": (
        "Have you been in touch with us or your bank about it already?",
        "Have you raised it with us or your bank already, and with what outcome?",
    ),
    "service_complaint": (
        "Have you been in touch with us about this before? What were you told?",
        "What earlier contacts have there been about this, and what were you told?",
    ),
    "out_of_stock": None,
    "query_request": None,
    "lack_of_understanding": None,
    "other": (
        "Have you tried anything to sort it out so far? What happened?",
        "Which steps have already been tried, and with what result?",
    ),
}
_WANTS_QUESTIONS: dict[str, tuple[str, str]] = {
    "query_request": (
        "What would you like to know, or to happen next?",
        "What information or action do you need from us?",
    ),
    "lack_of_understanding": (
        "Which part would you like me to explain?",
        "Which part would you like explained, and in what format?",
    ),
    "out_of_stock": (
        "Would you like to wait for it, choose something else, or cancel?",
        "Do you prefer to wait for stock, take an alternative, or cancel?",
    ),
    "other": (
        "What would you like us to do to put this right?",
        "What outcome would resolve this for you?",
    ),
}


def _when_question(context: DraftContext) -> Question | None:
    pair = _WHEN_QUESTIONS.get(context.issue or "other", _WHEN_QUESTIONS["other"])
    if pair is None:
        return None
    known = context.facts.known(Fact.WHAT_HAPPENED)
    return Question(
        Fact.WHEN,
        QuestionKind.PROBING if known else QuestionKind.CLOSED,
        _wording(pair, context),
        "Dates decide guarantee and return windows.",
    )


def format_day(day: date) -> str:
    """A date as people say it.

    >>> format_day(date(2026, 5, 3))
    '3 May'
    """
    return f"{day.day} {day:%B}"


def repeat_back(context: DraftContext) -> str:
    """A short summary of the customer's concern in the agent's voice, from what the case
    holds and nothing else (C4 2.3; Unit 7 M2). Never a quotation: the customer's clauses
    are said back in the second person, whole, without @handles, links or shouting; the less
    is known, the shorter it is.

    >>> repeat_back(DraftContext(issue="faulty"))
    'So you are getting in touch about a faulty product. Is that right?'
    >>> repeat_back(DraftContext(issue="faulty", facts=KnownFacts(product="kettle")))
    'So the problem is with your kettle — is that right?'
    >>> print(repeat_back(DraftContext(facts=KnownFacts(
    ...     product="kettle", tried="I tried descaling it", wants="a replacement"))))
    ... # doctest: +NORMALIZE_WHITESPACE
    So, to check I have this right: this is about your kettle; you tried descaling it;
    and you would like a replacement. Is that right?
    """
    facts = context.facts
    pieces: list[str] = []
    order = _order_words(facts.reference)
    if facts.product and facts.purchase_date:
        pieces.append(f"you bought the {facts.product} on {format_day(facts.purchase_date)}{order}")
    elif facts.product:
        pieces.append(f"this is about your {facts.product}{order}")
    elif facts.purchase_date:
        pieces.append(f"you bought it on {format_day(facts.purchase_date)}{order}")
    elif order:
        pieces.append(f"this is about your order{order}")
    notes = context.agent_notes
    what = _said_back(facts.what_happened, 100, product=facts.product, notes=notes) or ""
    # "this is about your fridge; your fridge has not been cold": the product once.
    if (
        what
        and facts.product
        and facts.product.lower() in what.lower()
        and pieces
        and pieces[0].startswith("this is about your")
    ):
        pieces.pop(0)
    when_it_happened = facts.when if facts.when and not _DEADLINE.match(facts.when) else None
    # A day or date ("on the 2nd", "on Tuesday") is as often the purchase or a delivery still
    # to come as when it went wrong: said back only on its own, for a fault.
    attached_when = (
        when_it_happened if when_it_happened and not _A_DAY.match(when_it_happened) else None
    )
    if what:
        # "today" is not said twice when their words already hold it.
        when = (
            attached_when if attached_when and attached_when.lower() not in what.lower() else None
        )
        pieces.append(what + (f", {_time_words(when)}" if when else ""))
    tried = _said_back(facts.tried, 100, notes=notes) or ""
    if tried and _key(tried) in _key(what):
        tried = ""
    if tried:
        when = attached_when
        if not what and when and when.lower() not in tried.lower():
            tried += f", {_time_words(when)}" if not _is_length(when) else f", {when}"
        pieces.append(tried)
    # A fault or a lock-out starts, and anything can go on for weeks; a delivery day, a
    # purchase or a question does not "start".
    elif (
        not what
        and when_it_happened
        and (context.issue in _ISSUES_THAT_START or _is_length(when_it_happened))
    ):
        pieces.append(_started(when_it_happened))
    wants = _said_back(facts.wants, 100, person=False) or ""
    if wants:
        # What they want may be an agent's words on the case's facts ("her money back").
        pieces.append(f"you would like {note_to_second_person(second_person(wants))}")
    issue = _ISSUE_SUMMARY.get(context.issue or "", "")
    if not what and not tried and not facts.product and issue and pieces:
        if order and pieces[0] == f"this is about your order{order}":
            pieces[0] = f"this is about {issue}{order}"
        else:
            pieces.insert(0, f"this is about {issue}")
    if not pieces:
        if issue:
            return f"So you are getting in touch about {issue}. Is that right?"
        return "So I can help properly, can you tell me what this is about?"
    if facts.product and pieces == [f"this is about your {facts.product}"]:
        # Nothing known but the product: a fault is "the problem"; a question is not.
        if context.issue in (None, "faulty"):
            return f"So the problem is with your {facts.product} — is that right?"
        return f"So this is about your {facts.product} — is that right?"
    if len(pieces) > 1:
        pieces[-1] = "and " + pieces[-1]
    opening = "So, to check I have this right: "
    one_sentence = opening + "; ".join(pieces) + "."
    if len(one_sentence.split()) <= LONG_SENTENCE_WORDS:
        return one_sentence + " Is that right?"
    # Too long to follow as one sentence (the checker would say so): a sentence a fact.
    sentences = [pieces[0], *(piece[:1].upper() + piece[1:] for piece in pieces[1:])]
    return opening + ". ".join(sentences) + ". Is that right?"


def _order_words(reference: str | None) -> str:
    """An order or account number as said after the product: " (order A7731)"."""
    if reference and re.search(r"\d", reference) and " " not in reference.strip():
        return f" (order {reference})"
    return ""


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


# A clause that reads as a statement: it opens with who or what it is about, or with a time.
_STATEMENT_OPENER = re.compile(
    r"(?:I|I'm|I've|I'd|my|we|we've|our|it|it's|its|the|this|that|they|their|there|he|she|his"
    r"|her|a|an|today|yesterday|last|on|since|after|every|each|nobody|no one|nothing"
    r"|someone|your|you|you've|you're)\b",
    re.I,
)
# Clauses that ask for something are the customer's wants, said back on their own.
_REQUEST_OPENER = re.compile(
    r"(?:please|could you|can you|would you|I (?:would|'d) like|I want|I need|I expect|I require|"
    r"I am asking|any news|thanks|thank you)\b",
    re.I,
)
# The joins between the customer's key clauses (", and ", or ", " before a capital letter or
# a new subject).
_SPLIT_CLAUSES = re.compile(
    r",\s+and\s+|;\s+|,\s+(?=[A-Z])|,\s+(?=(?:and\s+)?(?:I|it|my|we|please)\b)"
)
_BUT = re.compile(r"\s+but\s+", re.I)
_AND_WANTS = re.compile(
    r"\s+and\s+(?=(?:I\s+)?(?:would|'d|want|need|please|could|can|also)\b)", re.I
)


def _said_back(
    text: str | None,
    limit: int,
    *,
    person: bool = True,
    product: str | None = None,
    notes: bool = False,
) -> str | None:
    """The first of the customer's clauses that reads as a statement, whole, within `limit`
    characters, in the second person; None when none does (a quotation cut short is never
    said back). A note of a few words ("Stopped draining", "Kettle switches itself off")
    is said of "it" or of "your <product>"."""
    if not text:
        return None
    text = clean_words(text)
    if notes:
        text = note_to_second_person(text)
    if not person:
        # What they want is said whole ("a delivery that turns up, and something for two
        # wasted Saturdays"), cut only at a clause boundary when long.
        return within(text, limit)
    fragment = _fragment(text if notes else second_person(text), product)
    if fragment is not None:
        return within(fragment, limit)
    for clause in _SPLIT_CLAUSES.split(text):
        clause = clause.strip(" ,;:")
        # "it cooks nicely but I cannot set the timer": the trouble follows the "but".
        parts = _BUT.split(clause, maxsplit=1)
        if len(parts) == 2 and _STATEMENT_OPENER.match(parts[1]):
            clause = parts[1]
        clause = _AND_WANTS.split(clause, maxsplit=1)[0]
        if _REQUEST_OPENER.match(clause) or not _STATEMENT_OPENER.match(clause):
            continue
        kept = within(clause, limit)
        if kept and len(kept.split()) >= 3 and not _says_nothing(kept):
            # A note already says "you" for the customer; their own words say "I".
            said = kept if notes else second_person(kept)
            # Their refusal said back as "you will not accept" reads as our threat.
            return _REFUSAL.sub(r"you are not willing to \1", said)
    return None


def _says_nothing(clause: str) -> bool:
    """
    >>> _says_nothing("It will not"), _says_nothing("it will not drain")
    (True, False)
    """
    return all(word.strip(",.!?;:'\"").lower() in _EMPTY_WORDS for word in clause.split())


def _fragment(text: str, product: str | None) -> str | None:
    """A note without a subject, given one: "Stopped draining" -> "it stopped draining",
    "Kettle switches itself off" -> "your kettle switches itself off"."""
    if _STATEMENT_OPENER.match(text) or _REQUEST_OPENER.match(text):
        return None
    first = text.split(" ", 1)[0]
    if re.fullmatch(r"[A-Za-z]+ed", first) and first.lower() not in {"need", "used"}:
        return "it " + text[:1].lower() + text[1:]
    if product:
        noun = product.split()[-1].lower()
        words = text.lower().split()
        if noun in words[:4]:
            start = text.lower().index(noun) + len(noun)
            return f"your {product}{text[start:]}"
    return None


# A time the customer sets for us ("within 14 days", "by Friday") is not when it happened.
_DEADLINE = re.compile(r"(?:within|by|before|until|no later than)\b", re.I)
_REFUSAL = re.compile(r"\byou (?:will not|won't|will never) (accept|pay|wait|take)\b", re.I)
_A_DAY = re.compile(r"on\b", re.I)
_ISSUES_THAT_START = frozenset({"faulty", "account_access"})
# Words that say nothing on their own: a clause of only these ("it will not") is not said back.
_EMPTY_WORD_LIST = (
    "i you we it they he she this that there is are was were will would can could do does "
    "did not no never have has had be been am it's i'm don't won't can't didn't so just "
    "still again"
)
_EMPTY_WORDS = frozenset(_EMPTY_WORD_LIST.split())


# A length of time, whole: "two weeks", "for 3 days", "over the past two weeks", "3 weeks now".
_LENGTH = re.compile(
    r"(?:(?:for|in|over|within)\s+(?:the\s+(?:last|past)\s+)?)?" + _NUMBER_WORDS + r"\s+"
    r"(?:minutes?|hours?|days?|weeks?|months?|years?)(?:\s+now)?",
    re.I,
)


def _is_length(when: str) -> bool:
    """
    >>> _is_length("for 3 days"), _is_length("3 weeks now"), _is_length("3 days ago")
    (True, True, False)
    """
    return _LENGTH.fullmatch(when) is not None


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
    >>> _started("for 3 days"), _started("over the past two weeks")
    ('this has gone on for 3 days', 'this has gone on for the past two weeks')
    """
    when = _time_words(when)
    if _is_length(when):
        length = re.sub(r"^(?:for|in|over|within)\s+|\s+now$", "", when, flags=re.I)
        return f"this has gone on for {length}"
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
    """Each fact with whether the case holds it (for the panel's checklist), the product
    first."""
    return [("Product", bool(facts.product))] + [
        (FACT_WORDS[fact], facts.known(fact)) for fact in Fact
    ]
