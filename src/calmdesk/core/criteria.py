"""The qualification criteria every calmdesk feature serves, by id, in our own words.

Three units are covered: OCR Cambridge Technicals Unit 7 (teaching content 1.1-4.1 and grading
criteria P1-P9, M1-M4, D1-D2), C4 (criteria 1.1-3.10) and C1 (criteria 1.1-3.10). CU816 is the
same unit as C4 under another number, so "CU816 2.4" resolves to "C4 2.4".

Each summary is a short paraphrase. The units' own wording is never reproduced here: the
product shows an id and our sentence, and the tests hold the summaries apart from the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    UNIT_7 = "Unit 7"
    C4 = "C4"
    C1 = "C1"

    @property
    def title(self) -> str:
        return UNIT_TITLES[self]


UNIT_TITLES: dict[Unit, str] = {
    Unit.UNIT_7: "Handling challenging customer service situations (OCR Cambridge Technicals)",
    Unit.C4: "Deliver customer service to difficult customers (also CU816)",
    Unit.C1: "Recognise and deal with customer queries, requests and problems",
}

# Other numbers a unit is known by; they resolve to the unit's own ids.
UNIT_ALIASES: dict[str, Unit] = {"CU816": Unit.C4}


class CriterionKind(StrEnum):
    TEACHING_CONTENT = "teaching content"
    PASS = "pass"  # noqa: S105 (a grade, not a password)
    MERIT = "merit"
    DISTINCTION = "distinction"
    ASSESSMENT_CRITERION = "assessment criterion"


@dataclass(frozen=True)
class Criterion:
    id: str
    unit: Unit
    kind: CriterionKind
    summary: str

    @property
    def code(self) -> str:
        """The id without its unit: "P4" for "Unit 7 P4"."""
        return self.id.removeprefix(f"{self.unit} ")

    def __str__(self) -> str:
        return self.id


class UnknownCriterion(KeyError):
    """No criterion has this id; the message names what the unit does have."""

    def __str__(self) -> str:
        # KeyError quotes its argument; ours is already a sentence.
        return str(self.args[0])


class BadCriterionReference(ValueError):
    """A list or range of criteria is written in a way that cannot be read."""


_SUMMARIES: dict[Unit, dict[str, str]] = {
    Unit.UNIT_7: {
        "1.1": (
            "Spot what lies behind a hard contact, from the problem raised to who the "
            "customer is and what they need."
        ),
        "1.2": (
            "Read the signs that a customer is struggling, such as anger, confusion, "
            "indecision or a need for access support."
        ),
        "2.1": (
            "Know the channels a customer may use, from a phone call or visit to email, "
            "post, text message and social media."
        ),
        "2.2": (
            "Draw out the facts with questions, notes, photos, close listening, empathy "
            "and reading key points back."
        ),
        "2.3": (
            "Match what the customer needs to a remedy such as a repair, a swap, money "
            "back, help or advice."
        ),
        "2.4": (
            "Know what you may decide yourself and when to pass a decision up the line "
            "of management."
        ),
        "3.1": (
            "Choose wording, tone, terms and kinds of question that suit the customer, "
            "and listen and record as you go."
        ),
        "3.2": (
            "When the answer is no, explain the policy behind it, weigh the business "
            "drivers and offer other options or escalate."
        ),
        "3.3": (
            "Carry out what was agreed, raise requests with other teams and chase them "
            "until the customer confirms it is sorted."
        ),
        "4.1": (
            "Look back at how you handled the contact: what went well, what did not, "
            "what was hard and what to change."
        ),
        "P1": (
            "Work out why a difficult contact arose, naming the issue and the signs that "
            "made it hard."
        ),
        "P2": (
            "Pick suitable channels and methods to find out more about what one difficult "
            "customer needs."
        ),
        "P3": "Describe one difficult customer's needs clearly to a person who can act on them.",
        "P4": "List the actions that could meet one difficult customer's needs.",
        "P5": "Tell the customer what will happen next in words and terms they understand.",
        "P6": (
            "Explain the organisation's stance, and the policy behind it, to a customer "
            "who cannot have what they expected."
        ),
        "P7": "Carry out the actions that meet the customer's needs.",
        "P8": "Reflect on how you handled a difficult customer in a real case.",
        "P9": "Name what you would do better next time with a difficult customer.",
        "M1": (
            "Propose what should be done to a colleague with the power to act, and argue "
            "why it is the right course."
        ),
        "M2": (
            "Confirm the customer has understood the agreed actions, for example by "
            "having them say it back."
        ),
        "M3": (
            "Offer other solutions that weigh what the customer wants against what the "
            "business needs."
        ),
        "M4": (
            "Plan a timetable of learning that will improve how you handle difficult customers."
        ),
        "D1": (
            "Argue why the chosen outcome is a fair trade between a happy customer and "
            "the business's interests."
        ),
        "D2": (
            "Chase the people or teams involved until the work is done, then check with "
            "the customer that the outcome leaves them satisfied."
        ),
    },
    Unit.C4: {
        "1.1": "Know which customer behaviours are hard to handle.",
        "1.2": (
            "Spot the parts of your own products or services that tend to cause difficult contacts."
        ),
        "1.3": "Notice the early warning signs that a contact is about to turn difficult.",
        "1.4": "Stand in the customer's shoes and see the problem as they see it.",
        "1.5": "Work out the reasons behind a customer's hard-to-handle behaviour.",
        "1.6": "Know how much bad behaviour your organisation will put up with.",
        "1.7": "Know what you might say or do that would make a customer react badly.",
        "2.1": "Let the customer tell their story without rushing or interrupting them.",
        "2.2": (
            "Ask plain, factual questions about events and feelings to learn what "
            "would put things right."
        ),
        "2.3": (
            "Play back your understanding of the problem and the possible options to "
            "check you have it right."
        ),
        "2.4": (
            "Show you understand how the customer feels without conceding that the "
            "organisation was to blame."
        ),
        "2.5": "State plainly where the organisation stands and why.",
        "2.6": "Settle on a next step that is fair to the customer and to the business.",
        "2.7": "Bring in a colleague when the right option is beyond what you may approve.",
        "2.8": "Sum up what will happen next and why, so the contact can be brought to a close.",
        "2.9": (
            "Warn your manager or colleagues when a customer is likely to come back "
            "about the same matter."
        ),
        "2.10": (
            "Act to keep yourself, colleagues and other customers safe from a customer "
            "who becomes a threat."
        ),
        "3.1": "Describe the customer behaviours you personally find hardest to handle.",
        "3.2": "Explain why parts of what you sell or provide can trigger bad behaviour.",
        "3.3": "Explain how things a customer did themselves can feed their difficult behaviour.",
        "3.4": "Explain what it means to share in how a customer feels.",
        "3.5": "Know whom to ask for support with a difficult customer.",
        "3.6": "Tell assertive conduct apart from aggressive and from passive conduct.",
        "3.7": "Explain why reciting rules back at an upset customer tends to make things worse.",
        "3.8": (
            "State the point at which the organisation ends a contact, or the whole "
            "relationship, with an abusive customer."
        ),
        "3.9": (
            "Explain why colleagues should hear in advance when a difficult customer may "
            "get in touch again."
        ),
        "3.10": (
            "Recognise when you need to act to protect yourself, colleagues or other customers."
        ),
    },
    Unit.C1: {
        "1.1": "Tell a query, a request and a problem apart, and handle each one.",
        "1.2": (
            "Turn to a colleague for facts or help when you cannot answer a customer yourself."
        ),
        "1.3": "Get a colleague to step in when a request is beyond what you can do.",
        "1.4": "Keep the customer posted on what is going on at every stage.",
        "2.1": "See when the customer regards something as a problem, even if you do not.",
        "2.2": "Avoid words or actions that would make the trouble bigger.",
        "2.3": "Stay calm and sure of yourself with a difficult customer.",
        "2.4": "Know when a problem should go to a better placed colleague.",
        "2.5": "Hand the problem over together with everything the colleague needs to act.",
        "2.6": "Make sure the customer knows what happens next.",
        "3.1": "Name the people you can turn to for help or facts.",
        "3.2": "Say what you are and are not permitted to do.",
        "3.3": "Describe what conduct at work counts as professional.",
        "3.4": "Explain how to talk with a customer who is unhappy.",
        "3.5": "Explain how to handle people who are being awkward.",
        "3.6": "Say what customers usually look for.",
        "3.7": "Explain how a customer's words and actions reveal that something is wrong.",
        "3.8": "Describe the conduct that inflames a situation instead of calming it.",
        "3.9": "List the steps the organisation requires when handling complaints and problems.",
        "3.10": "Identify kinds of behaviour that tend to deepen a problem.",
    },
}

_GRADE_KINDS: dict[str, CriterionKind] = {
    "P": CriterionKind.PASS,
    "M": CriterionKind.MERIT,
    "D": CriterionKind.DISTINCTION,
}


def _kind_of(unit: Unit, code: str) -> CriterionKind:
    if code[0] in _GRADE_KINDS:
        return _GRADE_KINDS[code[0]]
    if unit is Unit.UNIT_7:
        return CriterionKind.TEACHING_CONTENT
    return CriterionKind.ASSESSMENT_CRITERION


CATALOGUE: tuple[Criterion, ...] = tuple(
    Criterion(f"{unit} {code}", unit, _kind_of(unit, code), summary)
    for unit, entries in _SUMMARIES.items()
    for code, summary in entries.items()
)

_BY_ID: dict[str, Criterion] = {criterion.id: criterion for criterion in CATALOGUE}

_UNIT_TEXT = r"unit\s*7|(?:unit\s+)?(?:cu816|c4|c1)"
_REFERENCE = re.compile(rf"(?:(?P<unit>{_UNIT_TEXT})\s+)?(?P<code>[pmd]\d+|\d+\.\d+)", re.I)
_RANGE_DASH = re.compile(r"\s*[-\u2013\u2014]\s*")
_LIST_SEPARATOR = re.compile(r"[,;]")


def _unit_named(text: str) -> Unit:
    name = re.sub(r"^unit|\s", "", text, flags=re.I).upper()
    if name in UNIT_ALIASES:
        return UNIT_ALIASES[name]
    return Unit("Unit 7" if name == "7" else name)


def _ranges_of(unit: Unit) -> str:
    """A unit's ids written compactly, for error messages: "1.1-1.7, 2.1-2.10, ..."."""
    runs: list[list[str]] = []
    previous_group = None
    for criterion in criteria_in_unit(unit):
        code = criterion.code
        group = code.split(".")[0] if "." in code else code[0]
        if group == previous_group:
            runs[-1][1] = code
        else:
            runs.append([code, code])
        previous_group = group
    return ", ".join(first if first == last else f"{first}-{last}" for first, last in runs)


def _read_reference(text: str, unit: Unit | None) -> Criterion:
    """One id, whose unit may be left out when an earlier item in the list named it."""
    match = _REFERENCE.fullmatch(text.strip())
    if match is None:
        raise BadCriterionReference(
            f"{text.strip()!r} is not a criterion id; write one as 'Unit 7 P4', 'C4 2.4' or "
            "'C1 1.1'."
        )
    if match["unit"]:
        unit = _unit_named(match["unit"])
    if unit is None:
        raise BadCriterionReference(
            f"{text.strip()!r} does not say which unit it belongs to; write it as "
            f"'Unit 7 {match['code'].upper()}', 'C4 {match['code'].upper()}' or similar."
        )
    return get(f"{unit} {match['code']}")


def criteria_in_unit(unit: Unit | str) -> tuple[Criterion, ...]:
    unit = Unit(unit)
    return tuple(criterion for criterion in CATALOGUE if criterion.unit is unit)


def get(criterion_id: str) -> Criterion:
    """Return the criterion with this id, accepting any case, spacing or the CU816 alias.

    >>> get("Unit 7 P4").kind
    <CriterionKind.PASS: 'pass'>
    >>> get("cu816 2.4").id
    'C4 2.4'
    >>> get("C4 2.11")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    calmdesk.core.criteria.UnknownCriterion: There is no criterion C4 2.11; C4 has 1.1-1.7, ...
    """
    match = _REFERENCE.fullmatch(criterion_id.strip())
    if match is None or not match["unit"]:
        raise UnknownCriterion(
            f"{criterion_id!r} is not a criterion id; ids look like 'Unit 7 P4', 'C4 2.4' or "
            "'C1 1.1'."
        )
    unit = _unit_named(match["unit"])
    canonical = f"{unit} {match['code'].upper()}"
    if canonical not in _BY_ID:
        raise UnknownCriterion(f"There is no criterion {canonical}; {unit} has {_ranges_of(unit)}.")
    return _BY_ID[canonical]


def expand_range(text: str) -> tuple[str, ...]:
    """Return the ids from the first to the last of a range, in catalogue order.

    The end may leave out the unit, and a range may cross from one learning outcome to the
    next; it may not mix units or kinds (teaching content with pass criteria, say).

    >>> expand_range("C4 3.8-3.10")
    ('C4 3.8', 'C4 3.9', 'C4 3.10')
    >>> expand_range("Unit 7 M1-M2")
    ('Unit 7 M1', 'Unit 7 M2')
    >>> expand_range("C1 2.6-3.1")
    ('C1 2.6', 'C1 3.1')
    """
    return tuple(criterion.id for criterion in _expand(text, unit=None))


def _expand(text: str, unit: Unit | None) -> tuple[Criterion, ...]:
    ends = _RANGE_DASH.split(text.strip())
    if len(ends) == 1:
        return (_read_reference(ends[0], unit),)
    if len(ends) != 2:
        raise BadCriterionReference(
            f"{text.strip()!r} has more than one dash; a range has two ends."
        )
    first = _read_reference(ends[0], unit)
    last = _read_reference(ends[1], first.unit)
    if last.unit is not first.unit:
        raise BadCriterionReference(
            f"{text.strip()!r} runs from {first.unit} into {last.unit}; a range stays in one unit."
        )
    if last.kind is not first.kind:
        raise BadCriterionReference(
            f"{text.strip()!r} runs from {first.kind} into {last.kind}; a range stays in one kind."
        )
    start, stop = CATALOGUE.index(first), CATALOGUE.index(last)
    if stop < start:
        raise BadCriterionReference(
            f"{text.strip()!r} runs backwards; did you mean {first.unit} {last.code}-{first.code}?"
        )
    return CATALOGUE[start : stop + 1]


def parse_ids(text: str) -> tuple[str, ...]:
    """Return the ids in a list such as DESIGN.md writes, each once, in the order given.

    Items are separated by commas or semicolons, and an item without a unit belongs to the
    unit named before it.

    >>> parse_ids("Unit 7 P4, C4 2.4")
    ('Unit 7 P4', 'C4 2.4')
    >>> parse_ids("Unit 7 1.1-1.2, P1; CU816 1.5")
    ('Unit 7 1.1', 'Unit 7 1.2', 'Unit 7 P1', 'C4 1.5')
    >>> parse_ids("")
    ()
    """
    found: dict[str, None] = {}
    unit: Unit | None = None
    for item in _LIST_SEPARATOR.split(text):
        if not item.strip():
            continue
        criteria = _expand(item, unit)
        unit = criteria[-1].unit
        found.update(dict.fromkeys(criterion.id for criterion in criteria))
    return tuple(found)


def criteria_in(text: str) -> tuple[Criterion, ...]:
    """The criteria a list of ids names, for showing each id beside its summary."""
    return tuple(_BY_ID[criterion_id] for criterion_id in parse_ids(text))
