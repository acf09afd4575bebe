"""Drafting: a reply built from the case, in marked parts the agent edits (issue 5, "Drafting").

Pure Python, no Django. `draft_reply(context)` fits the draft to:

- the customer's indicators: calming words for anger, reassurance for anxiety, clear numbered
  steps for confusion (C4 2.2, 2.4; Unit 7 3.1), empathy that never admits fault (C4 2.4);
- the case: the organisation's position with its reason when the wanted remedy is not
  possible (Unit 7 P6; C4 2.5), the agreed actions with who, what, when and why (C4 2.8),
  when the customer will hear from us next (C1 1.4, 2.6), a question that checks their
  understanding (Unit 7 M2);
- the channel (Unit 7 3.2, P2; C1 2.2): SMS within its length (numbered texts where
  splitting is allowed, else shortened), social media keeps personal details for a private
  message, letter and email with greeting and sign-off, telephone and face to face as a
  spoken script with listening and voice or body-language prompts (Unit 7 P5);
- stated needs (C1 3.3; C4 2.1): plain language for non-specialists with its reading grade
  measured (textstat), the preferred language where the organisation has templates for it,
  accessible formats noted.

The organisation's templates (plain `TemplateText` data) replace the shipped English
defaults part by part, so the core works without a database.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from calmdesk.core.replies.checker import personal_data_spans
from calmdesk.core.replies.gathering import (
    AgreedAction,
    DraftContext,
    TemplateText,
    format_day,
    repeat_back,
)
from calmdesk.core.replies.wording import first_name, salutation

# Template parts the organisation can edit, with their labels.
PART_LABELS: dict[str, str] = {
    "greeting": "Greeting",
    "opening": "Opening (spoken)",
    "acknowledgement": "Acknowledgement",
    "acknowledgement_calming": "Acknowledgement for an angry customer",
    "acknowledgement_reassuring": "Acknowledgement for an anxious customer",
    "acknowledgement_steps": "Acknowledgement for a confused customer",
    "empathy": "Empathy",
    "position": "Our position and its reason",
    "actions_intro": "Agreed actions (introduction)",
    "no_actions": "No actions agreed yet",
    "next_steps": "What happens next",
    "no_next_contact": "What happens next (no time promised yet)",
    "check": "Check of understanding",
    "private_channel": "Move to a private channel (social media)",
    "sign_off": "Sign-off",
    "closing": "Closing (spoken)",
}
TEMPLATE_PARTS: tuple[str, ...] = tuple(PART_LABELS)

# The placeholders a template may use, with what they become.
PLACEHOLDERS: dict[str, str] = {
    "customer_name": "the customer's full name",
    "salutation": "how to address the customer in writing: title and surname when known "
    "(Mrs Ellis), else the first name",
    "first_name": "the customer's first name (for a text or a social-media post)",
    "agent_name": "the agent's name",
    "organisation": "the organisation's name",
    "reference": "the case reference",
    "issue": "what the contact is about, in words for this customer",
    "product": "the product, when known",
    "purchase_date": "the purchase date, when known",
    "position": "the organisation's position with its reason",
    "next_update": "when the customer will next hear from us",
    "wants": "what the customer wants",
}

ANY_CHANNEL = "any"
SPOKEN_CHANNELS = frozenset({"telephone", "face_to_face"})
# Flesch-Kincaid grade at or below which a draft counts as plain language (a reading age of
# about 13, the level plain-language guidance aims at for the general public).
PLAIN_GRADE_TARGET = 8.0
SMS_SEGMENT = 160  # GSM-7 characters in one text
SMS_SEGMENT_UCS2 = 70  # when a character outside GSM-7 is needed
SMS_MAX_PARTS = 4

_ANGER = frozenset({"angry", "frustrated", "confrontational", "unreasonable"})
_ANXIETY = frozenset({"anxious", "upset", "indecisive"})
_CONFUSION = frozenset({"confused"})

# The shipped English defaults: (channel, part) -> text. Plain words, short sentences, and
# empathy that is sorry *that* something happened, never *for* doing it (C4 2.4).
DEFAULT_TEMPLATES: dict[tuple[str, str], str] = {
    (ANY_CHANNEL, "greeting"): "Dear {salutation},",
    ("sms", "greeting"): "Hi {first_name},",
    ("social_media", "greeting"): "Hi {first_name},",
    (ANY_CHANNEL, "opening"): "Hello {first_name}, this is {agent_name} from {organisation}.",
    ("face_to_face", "opening"): (
        "Hello {first_name}, I'm {agent_name}. Thank you for coming in to see us."
    ),
    (ANY_CHANNEL, "acknowledgement"): "Thank you for getting in touch about {issue}.",
    ("sms", "acknowledgement"): "Thanks for your message.",
    (ANY_CHANNEL, "acknowledgement_calming"): (
        "I understand how frustrating this has been. I want to sort it out with you now."
    ),
    ("sms", "acknowledgement_calming"): "I understand how frustrating this is.",
    (ANY_CHANNEL, "acknowledgement_reassuring"): (
        "Please don't worry. I am looking after this for you, and I will keep you updated."
    ),
    ("sms", "acknowledgement_reassuring"): "Please don't worry, I am looking after this.",
    (ANY_CHANNEL, "acknowledgement_steps"): (
        "I will explain what happens next, one step at a time."
    ),
    ("sms", "acknowledgement_steps"): "Here is what happens next, step by step.",
    (ANY_CHANNEL, "empathy"): "I am sorry you have had this trouble with {issue}.",
    ("sms", "empathy"): "Sorry for the trouble.",
    (ANY_CHANNEL, "position"): "I have checked what we can do. {position}.",
    ("sms", "position"): "{position}.",
    (ANY_CHANNEL, "actions_intro"): "Here is what we will do:",
    ("sms", "actions_intro"): "",
    (ANY_CHANNEL, "no_actions"): (
        "I am looking into this now, and I will tell you what we can do."
    ),
    ("sms", "no_actions"): "I'm looking into it.",
    (ANY_CHANNEL, "next_steps"): "You will hear from me by {next_update}.",
    ("sms", "next_steps"): "We'll update you by {next_update}.",
    (ANY_CHANNEL, "no_next_contact"): "I will update you as soon as I have news.",
    (ANY_CHANNEL, "check"): ("Does that make sense, and is there anything I have missed?"),
    ("sms", "check"): "Reply if anything is unclear.",
    ("telephone", "check"): "Does that make sense? Is there anything I have missed?",
    (ANY_CHANNEL, "private_channel"): (
        "Please send us a direct message so we can look at your details privately."
    ),
    (ANY_CHANNEL, "sign_off"): "Kind regards,\n{agent_name}\n{organisation}",
    ("letter", "sign_off"): "Yours sincerely,\n\n{agent_name}\n{organisation}",
    ("sms", "sign_off"): "{agent_name}",
    ("social_media", "sign_off"): "{agent_name}",
    (ANY_CHANNEL, "closing"): "Thank you for your time today, {first_name}.",
}

# What a listener or a speaker should do at each point of a spoken script (Unit 7 P5).
_LISTEN = (
    "Listen: let them finish without interrupting. Note their own words, then pause before "
    "you answer."
)
_VOICE = "Voice: slow and steady, a little lower than usual; smile as you speak."
_BODY = (
    "Body language: open posture, arms uncrossed, steady eye contact, nod to show you are "
    "listening; stand or sit at an angle, not face on."
)
_PAUSE = "Pause: give them time to answer, and listen to the answer in full."

# Issue in words, for a non-specialist and for a specialist.
_ISSUE_WORDS: dict[str, tuple[str, str]] = {
    "faulty": ("your {product}", "the reported fault with your {product}"),
    "out_of_stock": ("the item you wanted", "the item's availability"),
    "delivery": ("your delivery", "your delivery"),
    "service_complaint": ("the service you received", "your complaint about our service"),
    "billing": ("your bill", "the billing discrepancy"),
    "account_access": ("getting into your account", "the account access failure"),
    "lack_of_understanding": ("your question", "your question"),
    "query_request": ("your question", "your request"),
}

# Accessible formats for the needs customers state (C1 3.3; C4 2.1).
_ACCESS_NOTES: dict[str, str] = {
    "large print": "Send written replies in large print (at least 16 point), or as an "
    "accessible document they can enlarge.",
    "sign language interpreter": "Book a sign language interpreter for calls and visits; "
    "written replies suit too.",
    "speaks through a carer or advocate": "Check the customer's consent before you share "
    "details with their carer or advocate; address the customer, not only them.",
    "uses a text relay service": "Calls go through a text relay service: speak to the "
    "customer, not the operator, and allow time for each turn.",
}

_LANGUAGE_CODES: dict[str, str] = {
    "english": "en",
    "welsh": "cy",
    "cymraeg": "cy",
    "french": "fr",
    "spanish": "es",
    "german": "de",
    "italian": "it",
    "portuguese": "pt",
    "dutch": "nl",
    "polish": "pl",
    "romanian": "ro",
    "turkish": "tr",
    "arabic": "ar",
    "urdu": "ur",
    "chinese": "zh",
    "russian": "ru",
}
_LANGUAGE_NAMES = {code: name.capitalize() for name, code in _LANGUAGE_CODES.items()}
_LANGUAGE_NAMES["cy"] = "Welsh"

# Admission of fault or liability; no default template may contain one (C4 2.4).
ADMISSION = re.compile(
    r"\b(?:(?:it|this) (?:is|was) (?:all )?our fault|our (?:fault|mistake|error)|"
    r"we (?:made|have made) (?:a|an) (?:mistake|error)|we (?:were|are) (?:negligent|liable|"
    r"wrong|to blame)|we got (?:it|this) wrong|negligen\w*|liab(?:le|ility))\b",
    re.I,
)


class TemplateError(ValueError):
    """A template that cannot be used, with every problem found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def template_problems(text: str) -> list[str]:
    """Why a template cannot be used: unknown placeholders, broken braces (issue 5,
    "Templates the organisation can edit").

    >>> template_problems("Dear {customer_name}, see {order_total}.")
    ['Unknown placeholder {order_total}: use one of {agent_name}, {customer_name}, \
{first_name}, {issue}, {next_update}, {organisation}, {position}, {product}, \
{purchase_date}, {reference}, {salutation}, {wants}.']
    >>> template_problems("Hello {customer_name}")
    []
    """
    problems: list[str] = []
    try:
        fields = [
            name for _, name, spec, conv in string.Formatter().parse(text) if name is not None
        ]
    except ValueError as error:
        return [f"The braces do not match ({error}): write {{{{ and }}}} for a brace itself."]
    known = ", ".join(f"{{{name}}}" for name in sorted(PLACEHOLDERS))
    for name in fields:
        if name == "":
            problems.append("An empty placeholder {} is not allowed: name what goes there.")
        elif name not in PLACEHOLDERS:
            problems.append(f"Unknown placeholder {{{name}}}: use one of {known}.")
    for _, name, spec, conv in string.Formatter().parse(text):
        if name and (spec or conv):
            problems.append(f"Placeholder {{{name}}} cannot carry a format: write {{{name}}}.")
    return list(dict.fromkeys(problems))


def language_code(value: str | None) -> str:
    """A language name or code as a code ("Welsh" -> "cy"); English when not given."""
    if not value:
        return "en"
    value = value.strip().lower()
    if value in _LANGUAGE_NAMES or len(value) == 2:
        return value
    return _LANGUAGE_CODES.get(value, value)


def language_words(code: str) -> str:
    return _LANGUAGE_NAMES.get(code, code)


@dataclass(frozen=True)
class DraftPart:
    """One marked part of a draft. `kind` is "text" (the agent edits it) or "prompt" (a
    spoken-script cue for the agent, never said or sent). `private` marks a social-media part
    for a private message, never the public reply."""

    name: str
    label: str
    text: str
    kind: str = "text"
    private: bool = False

    @property
    def editable(self) -> bool:
        return self.kind == "text"

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "label": self.label,
            "text": self.text,
            "kind": self.kind,
            "private": self.private,
        }


@dataclass(frozen=True)
class Draft:
    channel: str
    language: str
    parts: tuple[DraftPart, ...]
    notes: tuple[str, ...] = ()
    reading_grade: float | None = None
    plain_target: float | None = None
    segments: tuple[str, ...] = ()  # SMS: the texts as they will be sent
    moods: tuple[str, ...] = ()  # "calming", "reassuring", "steps"

    def text(self, *, private: bool | None = None) -> str:
        """The words to send or say (prompts left out). For social media, `private=False`
        gives the public reply and `private=True` the private message."""
        chosen = [
            part.text
            for part in self.parts
            if part.editable and part.text and (private is None or part.private == private)
        ]
        return "\n\n".join(chosen)

    def with_edits(self, edited: Mapping[str, str]) -> Draft:
        """The draft with the agent's own words for the parts they edited (by part name);
        prompts and parts not named keep the drafted text. Texts are re-counted for SMS only
        by the reply box, which counts whatever is in it.

        >>> draft = Draft("email", "en", (DraftPart("greeting", "Greeting", "Dear Ann,"),
        ...     DraftPart("prompt_listen", "Listen", "Listen.", kind="prompt")))
        >>> draft.with_edits({"greeting": "Hello Ann,", "prompt_listen": "x"}).text()
        'Hello Ann,'
        """
        parts = tuple(
            DraftPart(
                part.name, part.label, str(edited[part.name]).strip(), part.kind, part.private
            )
            if part.editable and part.name in edited
            else part
            for part in self.parts
        )
        return replace(self, parts=parts, segments=() if parts != self.parts else self.segments)

    def as_dict(self) -> dict[str, object]:
        return {
            "channel": self.channel,
            "language": self.language,
            "parts": [part.as_dict() for part in self.parts],
            "notes": list(self.notes),
            "reading_grade": self.reading_grade,
            "plain_target": self.plain_target,
            "segments": list(self.segments),
            "moods": list(self.moods),
        }


class _Templates:
    """Chooses each part's text: the organisation's template in the customer's language,
    then its English one, then the shipped default; the channel's own before "any"."""

    def __init__(self, templates: Iterable[TemplateText], channel: str, language: str) -> None:
        self.channel = channel
        self.language = language
        self.own: dict[tuple[str, str, str], str] = {
            (t.language, t.channel, t.part): t.text for t in templates
        }
        self.has_language = any(lang == language for lang, _, _ in self.own)
        self.fallbacks: list[str] = []

    def get(self, part: str) -> str:
        order = [(self.language, self.channel), (self.language, ANY_CHANNEL)]
        if self.language != "en":
            order += [("en", self.channel), ("en", ANY_CHANNEL)]
        for language, channel in order:
            text = self.own.get((language, channel, part))
            if text is not None and not template_problems(text):
                if language != self.language:
                    self.fallbacks.append(part)
                return text
        if self.language != "en":
            self.fallbacks.append(part)
        default = DEFAULT_TEMPLATES.get((self.channel, part))
        if default is None:
            default = DEFAULT_TEMPLATES[(ANY_CHANNEL, part)]
        return default


# The same when the case names the product: the customer hears their product, not "your
# purchase" or "the item you wanted".
_ISSUE_WORDS_WITH_PRODUCT: dict[str, tuple[str, str]] = {
    "out_of_stock": ("the {product} you wanted", "the {product}'s availability"),
    "delivery": ("the delivery of your {product}", "the delivery of your {product}"),
    "lack_of_understanding": ("your {product}", "your question about your {product}"),
    "query_request": ("your {product}", "your request about your {product}"),
}


def _issue_words(context: DraftContext) -> str:
    product = context.facts.product
    pair = (_ISSUE_WORDS_WITH_PRODUCT.get(context.issue or "") if product else None) or (
        _ISSUE_WORDS.get(context.issue or "")
    )
    if pair is None:
        return f"your {product}" if product else "this"
    text = pair[1] if context.specialist else pair[0]
    if "{product}" in text:
        text = text.replace("{product}", product or "purchase")
    return text


def format_when(moment: datetime | date) -> str:
    """A time as people say it: "3pm on Friday 4 December".

    >>> format_when(datetime(2026, 12, 4, 15, 0))
    '3pm on Friday 4 December'
    >>> format_when(datetime(2026, 12, 4, 9, 30))
    '9:30am on Friday 4 December'
    """
    if not isinstance(moment, datetime):
        return f"{moment:%A} {format_day(moment)}"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    clock = f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"
    return f"{clock} on {moment:%A} {format_day(moment.date())}"


# The working day a promise is made for: nobody promises a call at 11:51pm.
WORKDAY_START = time(9)
WORKDAY_END = time(17)


def promise_time(due: datetime, now: datetime | None = None) -> datetime | date:
    """The time to promise the customer for a contact due at `due`: a whole hour in the
    working day, never after `due` when an earlier one is still ahead of `now`. A contact due
    in the evening or the night is promised by 5pm that working day (or the day before);
    when that has passed, by the end of the day it falls in (a `date`).

    >>> promise_time(datetime(2026, 12, 2, 14, 40))
    datetime.datetime(2026, 12, 2, 14, 0)
    >>> promise_time(datetime(2026, 12, 2, 23, 51))
    datetime.datetime(2026, 12, 2, 17, 0)
    >>> promise_time(datetime(2026, 12, 3, 0, 5))
    datetime.datetime(2026, 12, 2, 17, 0)
    >>> promise_time(datetime(2026, 12, 2, 23, 51), datetime(2026, 12, 2, 18, 30))
    datetime.date(2026, 12, 2)
    >>> promise_time(datetime(2026, 12, 2, 14, 40), datetime(2026, 12, 2, 14, 10))
    datetime.datetime(2026, 12, 2, 15, 0)

    Never a time in the small hours, nor one already past:

    >>> promise_time(datetime(2026, 12, 3, 3, 20), datetime(2026, 12, 2, 18, 0))
    datetime.date(2026, 12, 3)
    >>> promise_time(datetime(2026, 12, 2, 15, 0), datetime(2026, 12, 2, 16, 0))
    datetime.date(2026, 12, 2)
    """
    floor = due.replace(minute=0, second=0, microsecond=0)

    def ahead(moment: datetime) -> bool:
        return now is None or moment > now

    if WORKDAY_START <= due.time() <= WORKDAY_END:
        if ahead(floor):
            return floor
        later = floor + timedelta(hours=1) if floor < due else floor
        return later if later.time() <= WORKDAY_END and ahead(later) else due.date()
    # Evening: by 5pm that day. Night or early morning: by 5pm the day before.
    day = due.date() if due.time() > WORKDAY_END else due.date() - timedelta(days=1)
    close = datetime.combine(day, WORKDAY_END, tzinfo=due.tzinfo)
    if ahead(close):
        return close
    # 5pm has passed (so `now` is known): by the end of a day, never a time in the night.
    if due.time() < time(1) and now is not None and now.date() <= day:
        return day  # due just after midnight: by the end of the day before
    return due.date()


def promise_words(moment: datetime | date, *, short: bool = False) -> str:
    """A promised time as said: "5pm on Wednesday 2 December", "the end of Wednesday
    2 December" (for a date); for a text, "5pm Wed 2 Dec", "end of Wed 2 Dec".

    >>> promise_words(date(2026, 12, 2)), promise_words(date(2026, 12, 2), short=True)
    ('the end of Wednesday 2 December', 'end of Wed 2 Dec')
    """
    if isinstance(moment, datetime):
        return format_when_short(moment) if short else format_when(moment)
    return f"end of {format_when_short(moment)}" if short else f"the end of {format_when(moment)}"


def format_when_short(moment: datetime | date) -> str:
    """A time in few characters, for a text message.

    >>> format_when_short(datetime(2026, 12, 4, 15, 0))
    '3pm Fri 4 Dec'
    """
    day = f"{moment:%a} {moment.day} {moment:%b}"
    if not isinstance(moment, datetime):
        return day
    return format_when(moment).split(" on ")[0] + " " + day


def _values(context: DraftContext, *, public: bool = False) -> dict[str, str]:
    facts = context.facts
    private_words = "(we will send it privately)"
    return {
        "customer_name": context.customer_name or "customer",
        # Letters and emails address the customer as a professional would: title and surname
        # when the customer gave a title, else the first name. A text, a public post and a
        # spoken script use the first name.
        "salutation": salutation(context.customer_name, context.customer_title) or "Sir or Madam",
        "first_name": first_name(context.customer_name) or "there",
        "agent_name": context.agent_name or "The customer team",
        "organisation": context.organisation,
        "reference": private_words if public else context.case_reference,
        "issue": _issue_words(context),
        "product": facts.product or "purchase",
        "purchase_date": (
            private_words
            if public
            else (format_day(facts.purchase_date) if facts.purchase_date else "")
        ),
        "position": (context.position or "").rstrip(". "),
        "next_update": (
            ""
            if context.next_contact is None
            else promise_words(
                promise_time(context.next_contact, context.now), short=context.channel == "sms"
            )
        ),
        "wants": private_words if public else (facts.wants or ""),
    }


def _fill(text: str, values: Mapping[str, str]) -> str:
    return text.format_map(values).strip()


def _action_line(action: AgreedAction, short: bool = False) -> str:
    line = f"{action.who} will {action.what}".strip()
    if action.when is not None:
        line += f" by {format_when_short(action.when) if short else format_when(action.when)}"
    if action.why:
        line += f", {action.why}" if action.why.startswith(("so ", "to ")) else f": {action.why}"
    return line.rstrip(".") + "."


def moods_for(indicators: Iterable[str], issue: str | None = None) -> tuple[str, ...]:
    """Which acknowledgements the indicators call for, strongest first.

    >>> moods_for(["angry", "anxious"])
    ('calming', 'reassuring')
    >>> moods_for([], "lack_of_understanding")
    ('steps',)
    """
    present = set(indicators)
    moods: list[str] = []
    if present & _ANGER:
        moods.append("calming")
    if present & _ANXIETY:
        moods.append("reassuring")
    if present & _CONFUSION or issue == "lack_of_understanding":
        moods.append("steps")
    return tuple(moods)


def draft_reply(context: DraftContext) -> Draft:
    """The reply draft for the case on `context.channel`, in marked parts."""
    channel = context.channel if context.channel else "email"
    language = language_code(context.language)
    chooser = _Templates(context.templates, channel, language)
    notes: list[str] = []
    moods = moods_for(context.indicators, context.issue)
    spoken = channel in SPOKEN_CHANNELS
    social = channel == "social_media"
    sms = channel == "sms"
    values = _values(context)
    public_values = _values(context, public=True)

    def part(
        name: str, label: str | None = None, *, private: bool = False, **extra: str
    ) -> DraftPart:
        text = _fill(
            chooser.get(name), (public_values if social and not private else values) | extra
        )
        return DraftPart(name, label or PART_LABELS[name], text, private=private)

    body: list[DraftPart] = []
    # "Step by step" is said only when there are steps to follow: two or more agreed actions,
    # listed numbered below it.
    announced = [mood for mood in moods if mood != "steps" or len(context.actions) >= 2]
    acknowledgement = [chooser.get(f"acknowledgement_{mood}") for mood in announced] or [
        chooser.get("acknowledgement")
    ]
    body.append(
        DraftPart(
            "acknowledgement",
            PART_LABELS["acknowledgement"],
            " ".join(_fill(text, public_values if social else values) for text in acknowledgement),
        )
    )
    body.append(part("empathy"))
    details: list[DraftPart] = []
    if context.position:
        details.append(part("position", private=social))
    details.append(_actions_part(context, chooser, values, "steps" in moods, sms, social))
    if context.next_contact is not None:
        details.append(part("next_steps", PART_LABELS["next_steps"], private=social))
    else:
        details.append(part("no_next_contact", PART_LABELS["next_steps"], private=social))
        notes.append(
            "No contact promise on the case yet: tell the customer when they will hear from "
            "you (C1 1.4)."
        )
    check = part("check")

    parts: list[DraftPart] = []
    if spoken:
        parts.append(part("opening"))
        parts.append(DraftPart("prompt_listen", "Listen", _LISTEN, kind="prompt"))
        parts.append(
            DraftPart(
                "prompt_manner",
                "Body language" if channel == "face_to_face" else "Voice",
                _BODY if channel == "face_to_face" else _VOICE,
                kind="prompt",
            )
        )
        parts.extend(body)
        parts.append(DraftPart("repeat_back", "Repeat back", repeat_back(context)))
        parts.append(DraftPart("prompt_pause", "Pause", _PAUSE, kind="prompt"))
        parts.extend(details)
        parts.append(check)
        parts.append(DraftPart("prompt_answer", "Listen", _PAUSE, kind="prompt"))
        parts.append(part("closing"))
    elif social:
        parts.append(part("greeting"))
        parts.extend(body)
        parts.append(part("private_channel"))
        parts.append(part("sign_off"))
        private = [DraftPart(p.name, p.label, p.text, p.kind, private=True) for p in details] + [
            DraftPart("check", PART_LABELS["check"], check.text, private=True)
        ]
        parts.extend(private)
        notes.append(
            "Public reply: no order numbers, email addresses, phone numbers or amounts. The "
            "parts marked private go in a direct message."
        )
    else:
        parts.append(part("greeting"))
        parts.extend(body)
        parts.extend(details)
        parts.append(check)
        parts.append(part("sign_off"))
        if channel == "letter" and context.case_reference:
            parts.insert(
                0,
                DraftPart("reference", "Our reference", f"Our reference: {context.case_reference}"),
            )

    if social:
        parts = [
            p
            if p.private or not p.editable
            else DraftPart(p.name, p.label, scrub_public(p.text, context), p.kind)
            for p in parts
        ]
    segments: tuple[str, ...] = ()
    if sms:
        parts, segments, sms_notes = _fit_sms(parts, context.sms_split_allowed)
        notes.extend(sms_notes)

    if language != "en":
        if chooser.has_language:
            missing = sorted(set(chooser.fallbacks))
            if missing:
                notes.append(
                    f"Some parts have no {language_words(language)} template and are in "
                    f"English: {', '.join(PART_LABELS.get(m, m) for m in missing)}."
                )
        else:
            notes.append(
                f"The customer prefers {language_words(language)}, and the organisation has "
                f"no templates in it: this draft is in English. Offer a translation or an "
                "interpreter."
            )
    notes.extend(access_notes(context.accessibility))

    english = language == "en" or not chooser.has_language
    grade = reading_grade(parts) if english else None
    plain = context.terminology != "specialist"
    target = PLAIN_GRADE_TARGET if plain else None
    if grade is not None and target is not None and grade > target:
        notes.append(
            f"Reading grade {grade:.1f} is above the plain-language target of {target:.0f}: "
            "use shorter sentences and everyday words."
        )
    return Draft(
        channel=channel,
        language=language if chooser.has_language else "en",
        parts=tuple(parts),
        notes=tuple(notes),
        reading_grade=grade,
        plain_target=target,
        segments=segments,
        moods=moods,
    )


def _actions_part(
    context: DraftContext,
    chooser: _Templates,
    values: Mapping[str, str],
    steps: bool,
    sms: bool,
    social: bool,
) -> DraftPart:
    label = "Agreed actions"
    if not context.actions:
        return DraftPart("actions", label, _fill(chooser.get("no_actions"), values), private=social)
    lines = [_action_line(action, sms) for action in context.actions]
    intro = _fill(chooser.get("actions_intro"), values)
    if sms:
        text = " ".join(([intro] if intro else []) + lines)
    elif steps:
        text = "\n".join([intro] + [f"{n}. {line}" for n, line in enumerate(lines, 1)])
    else:
        text = "\n".join([intro] + [f"- {line}" for line in lines])
    return DraftPart("actions", label, text.strip(), private=social)


def access_notes(needs: Iterable[str]) -> list[str]:
    """Accessible formats for the customer's stated needs (C1 3.3)."""
    notes = []
    for need in needs:
        note = _ACCESS_NOTES.get(need.strip().lower())
        notes.append(note or f"Stated need: {need}. Fit the reply to it.")
    return notes


# Social media: personal details stay out of a public reply (issue 5; GDPR data minimisation).
_MONEY = re.compile(r"(?:[£$€]|\b[A-Z]{3} )\s?\d[\d,]*(?:\.\d{2})?")


def scrub_public(text: str, context: DraftContext | None = None) -> str:
    """A public reply without personal details: email addresses, phone numbers, order,
    account and case references, and amounts are replaced by a pointer to the private
    message.

    >>> scrub_public("We emailed ann@example.com about order #A12345.")
    'We emailed (in a private message) about order (in a private message).'
    """
    hidden = "(in a private message)"
    if context is not None and context.case_reference:
        text = text.replace(context.case_reference, hidden)
    # The checker's own detector, so a scrubbed draft never carries a public_personal_data
    # finding; amounts are private here too.
    spans = [(start, end) for start, end, _ in personal_data_spans(text)]
    spans += [match.span() for match in _MONEY.finditer(text)]
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if start > 0 and text[start - 1] == "#":
            start -= 1  # "order #A12345": the mark goes with the number
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + hidden + text[end:]
    return text


# SMS (GSM 03.38): the basic set counts one, the extension set two.
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€")
_TO_GSM = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
    }
)


def gsm_length(text: str) -> int | None:
    """The length of `text` in GSM-7 characters, or None when it needs UCS-2.

    >>> gsm_length("Price: €5"), gsm_length("Diolch ŵ") is None
    (10, True)
    """
    length = 0
    for char in text:
        if char in _GSM_BASIC:
            length += 1
        elif char in _GSM_EXTENDED:
            length += 2
        else:
            return None
    return length


def sms_text(text: str) -> str:
    """Typographic quotes and dashes as their GSM-7 plain forms, one line."""
    return " ".join(text.translate(_TO_GSM).split())


def _sms_limit(text: str) -> tuple[int, int]:
    length = gsm_length(text)
    if length is None:
        return len(text), SMS_SEGMENT_UCS2
    return length, SMS_SEGMENT


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+|\s+(?=[-\u2013]\s)")


def split_sms(text: str, limit: int) -> list[str]:
    """Numbered texts "(1/3) ..." each within `limit` characters. Texts break between
    sentences; a sentence too long for one text breaks after a comma, semicolon or colon, and
    only a clause too long for one text breaks between words.

    >>> split_sms("We will call you. We'll update you by 5pm Wed 2 Dec.", 40)
    ['(1/2) We will call you.', "(2/2) We'll update you by 5pm Wed 2 Dec."]
    """
    sentences = [piece for piece in _SENTENCE_END.split(text.strip()) if piece]
    for total in range(2, 10):
        room = limit - len(f"({total}/{total}) ")
        units: list[str] = []
        for sentence in sentences:
            if _measure(sentence) <= room:
                units.append(sentence)
                continue
            for clause in _CLAUSE_END.split(sentence):
                if _measure(clause) <= room:
                    units.append(clause)
                else:
                    units.extend(_by_words(clause, room))
        chunks: list[str] = []
        current = ""
        for unit in units:
            candidate = f"{current} {unit}".strip()
            if _measure(candidate) <= room:
                current = candidate
            else:
                chunks.append(current)
                current = unit
        chunks.append(current)
        chunks = [chunk for chunk in chunks if chunk]
        if len(chunks) <= total:
            return [f"({n}/{len(chunks)}) {chunk}" for n, chunk in enumerate(chunks, 1)]
    raise ValueError("The text is too long to split into texts.")


def _by_words(text: str, room: int) -> list[str]:
    pieces: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if _measure(candidate) <= room or not current:
            current = candidate
        else:
            pieces.append(current)
            current = word
    return [*pieces, current] if current else pieces


def _measure(text: str) -> int:
    length = gsm_length(text)
    return len(text) if length is None else length


# Parts an SMS can lose, first to last, when it must fit one text.
_SMS_DROP_ORDER = ("empathy", "position", "check", "greeting", "acknowledgement", "sign_off")


def _fit_sms(
    parts: list[DraftPart], split_allowed: bool
) -> tuple[list[DraftPart], tuple[str, ...], list[str]]:
    parts = [DraftPart(p.name, p.label, sms_text(p.text), p.kind, p.private) for p in parts]
    notes: list[str] = []

    def joined(chosen: list[DraftPart]) -> str:
        return " ".join(p.text for p in chosen if p.text)

    text = joined(parts)
    length, limit = _sms_limit(text)
    if length <= limit:
        return parts, (text,), [f"One text: {length} of {limit} characters."]
    # Just over one text: leaving out the extra sorry is better than a second text.
    without_empathy = [p for p in parts if p.name != "empathy"]
    short_length, short_limit = _sms_limit(joined(without_empathy))
    if short_length <= short_limit:
        return (
            without_empathy,
            (joined(without_empathy),),
            [f"One text: {short_length} of {short_limit} characters (empathy left out to fit)."],
        )
    if split_allowed:
        pieces = split_sms(text, limit)
        if len(pieces) <= SMS_MAX_PARTS:
            return (
                parts,
                tuple(pieces),
                [f"{len(pieces)} numbered texts of up to {limit} characters each."],
            )
    dropped: list[str] = []
    for name in _SMS_DROP_ORDER:
        if _sms_limit(joined(parts))[0] <= _sms_limit(joined(parts))[1]:
            break
        kept = [p for p in parts if p.name != name]
        if len(kept) != len(parts):
            dropped.append(PART_LABELS.get(name, name).lower())
            parts = kept
    text = joined(parts)
    length, limit = _sms_limit(text)
    if length > limit:
        # Still too long: the last part keeps its first words; the customer is told where
        # the rest is.
        tail = " More by email or phone."
        head = joined(parts[:-1])
        room = limit - _measure(head) - _measure(tail) - 1
        words = parts[-1].text.split()
        kept_words: list[str] = []
        for word in words:
            if _measure(" ".join([*kept_words, word])) > room:
                break
            kept_words.append(word)
        last = parts[-1]
        parts[-1] = DraftPart(
            last.name, last.label, " ".join(kept_words) + tail, last.kind, last.private
        )
        dropped.append(f"the end of {last.label.lower()}")
        text = joined(parts)
        length, limit = _sms_limit(text)
    notes.append(
        f"Shortened to one text ({length} of {limit} characters)"
        + (f": left out {', '.join(dropped)}." if dropped else ".")
        + ("" if split_allowed else " Splitting into several texts is not allowed.")
    )
    return parts, (text,), notes


def reading_grade(parts: Iterable[DraftPart]) -> float | None:
    """The Flesch-Kincaid grade of what the customer reads or hears (prompts, greeting and
    sign-off left out); None for a text too short to measure."""
    import textstat

    text = " ".join(
        p.text
        for p in parts
        if p.editable and p.name not in {"greeting", "sign_off", "reference"} and p.text
    )
    text = re.sub(r"^\s*(?:\d+\.|-)\s+", "", text, flags=re.M)
    if len(text.split()) < 5:
        return None
    return round(float(textstat.flesch_kincaid_grade(text)), 1)


def default_template_texts() -> list[TemplateText]:
    """The shipped defaults as template data (for listing them beside an organisation's)."""
    return [
        TemplateText("en", channel, part, text)
        for (channel, part), text in DEFAULT_TEMPLATES.items()
    ]


__all__ = [
    "ADMISSION",
    "DEFAULT_TEMPLATES",
    "PART_LABELS",
    "PLACEHOLDERS",
    "TEMPLATE_PARTS",
    "Draft",
    "DraftPart",
    "TemplateError",
    "access_notes",
    "default_template_texts",
    "draft_reply",
    "format_when",
    "gsm_length",
    "language_code",
    "moods_for",
    "scrub_public",
    "split_sms",
    "template_problems",
]
