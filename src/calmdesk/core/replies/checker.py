"""The reply checker (issue 5): read an agent's reply before it is sent and name what may
make a difficult contact worse, with the span, the reason (the criterion) and a better wording.

Pure Python, no Django. Each rule is a small, precise set of patterns, measured on the
project's labelled set (`datasets/replies_labelled.jsonl`) and on real professional agent
replies (see docs/replies.md). Criteria served: Unit 7 3.1-3.2, P5, P6, M2; C4 2.4-2.5, 3.4,
3.6-3.7; C1 3.4, 3.8, 3.10.

A finding's span is in the reply's own characters: the suggestion replaces `reply[start:end]`.
For a missing part (no_next_step, no_empathy) the span is empty at the place where the
suggested sentence belongs (the end of the reply for a next step, after the greeting for
empathy), so applying a suggestion is always `reply[:start] + suggestion + reply[end:]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal, InvalidOperation

from calmdesk.core.replies.checker_words import (
    ACRONYMS_PLAIN,
    ALREADY_RESTARTED,
    AT_US,
    BEGINNER_ANSWER,
    CUE_ANGRY,
    CUE_ANXIOUS,
    CUE_CAPS_WORD,
    CUE_NEGATED,
    CUE_PUNCT,
    CUE_UPSET,
    EMPATHY,
    JARGON,
    KNOWN_ACRONYMS,
    ORG_EMAIL_LOCAL,
    ORG_EMAIL_PARTS,
    OVERSIMPLIFIED,
    REMEDY_WORDS,
    RESTART_ADVICE,
    SHOUTED_WORDS,
    TECH_COMPOUNDS,
    THIRD_PARTY,
    first_char_gate,
    looks_like_acronym,
)

FINDING_TYPES: tuple[str, ...] = (
    "provoking",
    "admits_fault",
    "quotes_policy",
    "passive",
    "aggressive",
    "jargon",
    "no_next_step",
    "no_empathy",
    "public_personal_data",
    "above_authority",
)

# Types that are about a missing part: matched by type alone, their span is empty.
MISSING_PART_TYPES: frozenset[str] = frozenset({"no_next_step", "no_empathy"})

CRITERIA: dict[str, str] = {
    "provoking": "C1 3.8",
    "admits_fault": "C4 2.4",
    "quotes_policy": "C4 3.7",
    "passive": "C4 3.6",
    "aggressive": "C4 3.6",
    "jargon": "Unit 7 3.1",
    "no_next_step": "Unit 7 P5",
    "no_empathy": "C4 3.4",
    "public_personal_data": "C1 3.10",
    "above_authority": "Unit 7 2.4",
}

UPSET_INDICATORS: frozenset[str] = frozenset({"angry", "upset", "frustrated", "anxious"})
# Empathy is required when the customer reads as angry or upset, or shows two of the four
# feelings: on real replies the model's "frustrated" alone marks many routine problem reports,
# where a brisk, helpful answer is fair (see docs/replies.md).
STRONG_INDICATORS: frozenset[str] = frozenset({"angry", "upset"})

MAX_REPLY_CHARS = 20_000
LONG_SENTENCE_WORDS = 35


class ReplyInputError(ValueError):
    """The reply cannot be checked (empty, or too long)."""


@dataclass(frozen=True)
class RemedyAuthority:
    """What the agent may agree for one remedy without asking anyone."""

    allowed: bool = True
    max_amount: Decimal | None = None  # None: no limit on the amount

    @classmethod
    def from_value(cls, value: object) -> RemedyAuthority:
        """From plain data: a bool (allowed), a number (the max amount) or a mapping with
        `allowed` and `max_amount`; raises ValueError for anything else."""
        if isinstance(value, RemedyAuthority):
            return value
        if isinstance(value, bool):
            return cls(allowed=value)
        if isinstance(value, int | float | str | Decimal):
            return cls(max_amount=_decimal(value))
        if isinstance(value, Mapping):
            unknown = set(value) - {"allowed", "max_amount"}
            if unknown:
                raise ValueError(f"unknown authority fields: {', '.join(sorted(unknown))}")
            allowed = value.get("allowed", True)
            if not isinstance(allowed, bool):
                raise ValueError("authority 'allowed' must be true or false")
            amount = value.get("max_amount")
            return cls(allowed=allowed, max_amount=None if amount is None else _decimal(amount))
        raise ValueError(f"an authority is a bool, a number or a mapping, not {value!r}")


def _decimal(value: object) -> Decimal:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not an amount") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{value!r} is not an amount")
    return amount


@dataclass(frozen=True)
class ReplyContext:
    """What the checker knows about the contact: all plain data.

    - `indicators`: the customer's indicators (names from the assessment, e.g. "angry");
    - `customer_is_specialist`: True, False, or None when unknown (jargon is then not checked);
    - `channel`: the channel the reply goes by (calmdesk.core.channels.Channel values);
    - `public`: the reply is a public social-media post;
    - `authority`: remedy name -> RemedyAuthority for the agent; None when unknown (then
      above_authority is not checked);
    - `remedy_terms`: remedy name -> extra words for it (the policy's labels);
    - `currency`: ISO code of the policy's currency, e.g. "GBP", for the messages;
    - `fault_established`: the facts show the organisation was at fault (an admission is
      then not flagged);
    - `customer_text`: the customer's message the reply answers, when known. It lets the
      checker see that a specialist already restarted the device (restart advice is then
      over-simplified) and that the customer's anger is aimed at a third party (price
      gougers, hackers, another seller: then "angry" alone does not call for an apology).
      Without it both rules stay as they were.
    - `order_value`: what the customer paid, when the case records it. A promise of the
      whole of it ("I'll refund you in full") is then checked against the agent's limit as if
      the amount were written; without it such a promise is not checked.
    """

    indicators: tuple[str, ...] = ()
    customer_is_specialist: bool | None = None
    channel: str | None = None
    public: bool = False
    authority: Mapping[str, RemedyAuthority] | None = None
    remedy_terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    currency: str | None = None
    fault_established: bool = False
    customer_text: str | None = None
    order_value: Decimal | None = None

    @classmethod
    def build(
        cls,
        *,
        indicators: tuple[str, ...] | list[str] = (),
        customer_is_specialist: bool | None = None,
        channel: str | None = None,
        public: bool | None = None,
        authority: Mapping[str, object] | None = None,
        remedy_terms: Mapping[str, tuple[str, ...] | list[str]] | None = None,
        currency: str | None = None,
        fault_established: bool = False,
        customer_text: str | None = None,
        order_value: Decimal | float | str | None = None,
    ) -> ReplyContext:
        """A context from loose plain data (JSON): authority values may be bools, numbers
        or mappings; `public` defaults to True for the social_media channel."""
        return cls(
            indicators=tuple(indicators),
            customer_is_specialist=customer_is_specialist,
            channel=channel,
            public=(channel == "social_media") if public is None else public,
            authority=None
            if authority is None
            else {str(k): RemedyAuthority.from_value(v) for k, v in authority.items()},
            remedy_terms={k: tuple(v) for k, v in (remedy_terms or {}).items()},
            currency=currency,
            fault_established=fault_established,
            customer_text=customer_text or None,
            order_value=None if order_value is None else Decimal(str(order_value)),
        )


@dataclass(frozen=True)
class Finding:
    type: str
    start: int
    end: int
    message: str
    suggestion: str
    criterion: str
    # The characters the suggestion replaces, when they are not the highlighted span: a
    # wording that is a whole sentence replaces the sentence (or the clause) the span sits in,
    # a request replaces "you must" but keeps the verb after it ("You MUST send" -> "Please
    # send"). None: the span itself. `apply_suggestion` uses them.
    replace_start: int | None = None
    replace_end: int | None = None

    def as_dict(self) -> dict[str, object]:
        """The JSON form: the contract's type, start, end, message, suggestion and
        criterion, and the characters the suggestion goes in place of (always filled), so a
        caller in another language can apply it without breaking the sentence."""
        start, end = self.replaces
        return asdict(self) | {"replace_start": start, "replace_end": end}

    @property
    def replaces(self) -> tuple[int, int]:
        """The characters of the reply the suggestion is put in place of."""
        return (
            self.start if self.replace_start is None else self.replace_start,
            self.end if self.replace_end is None else self.replace_end,
        )


# ---------------------------------------------------------------- helpers

_FLAGS = re.IGNORECASE


def _rx(*phrases: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any phrase on word boundaries; a phrase is a
    regex where a plain space also matches any run of whitespace. A phrase may end before a
    contraction ("hoping it" in "hoping it's"), not before "'t" ("can" is not "can't")."""
    parts = [p.replace(" ", r"\s+") for p in phrases]
    pattern = r"(?<![\w'\u2019])(?:" + "|".join(parts) + r")(?!\w|['\u2019](?:t\b|\w*['\u2019]))"
    return re.compile(first_char_gate(pattern, _FLAGS) + pattern, _FLAGS)


_APOS = "['\u2019]"


def _a(text: str) -> str:
    """Let a straight apostrophe in a phrase match a curly one too."""
    return text.replace("'", _APOS)


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_URL = re.compile(r"https?://\S+|www\.\S+", _FLAGS)
_MENTION = re.compile(r"[@#]\w+")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end), stripped of surrounding spaces; URLs do not split."""
    # A URL does not split a sentence, but its end closes one (links usually end a step).
    masked = _URL.sub(lambda m: "x" * (len(m.group()) - 1) + ".", text)
    masked = re.sub(
        r"\b(e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|No|approx)\.", lambda m: "x" * len(m.group()), masked
    )
    # A stop inside a word (an email address, £64.99, a domain) does not end a sentence.
    masked = re.sub(r"[.!?](?=[\w@])", "x", masked)
    spans = []
    for match in _SENTENCE.finditer(masked):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= pos < end:
            return start, end
    return pos, pos


# ---------------------------------------------------------------- phrase rules

# (pattern, message, suggestion or a function of the matched text), and optionally a pattern
# that, found just before the match, means it is not a finding ("if you need to ...").
Rule = (
    tuple[re.Pattern[str], str, str | Callable[[str], str]]
    | tuple[re.Pattern[str], str, str | Callable[[str], str], re.Pattern[str]]
)

_NOT_A_DEMAND = re.compile(
    r"(?:\b(?:if|when|whether|what|all|everything|anything|something|steps|things|that|which|"
    r"where|why|how|know|info|information|details|whatever|unless|nothing|more|else)\s+"
    r"(?:\w+\s+)?)$|"
    # Fifth round (issue 5): a reason first ("... because of interest, so you need to use the
    # daily rate") makes it an explanation, not a demand.
    r"\bbecause\b[^.!?]*\bso\s+$|"
    # Sixth round: any reason before ", so" ("it's a mandatory field, so you'll have to ...").
    r"[,;]\s*so\s+$",
    re.IGNORECASE,
)

PROVOKING: list[Rule] = [
    (
        _rx(
            "calm down",
            # (Tenth round: not a thing that "will settle down", as new hearing aids do.)
            "(?<!will\\x20)(?<!'ll\\x20)(?<!\u2019ll\\x20)(?<!should\\x20)(?<!usually\\x20)"
            "settle down",
            "relax",
            "chill out",
            "stop shouting",
            "there's no need to (shout|be rude|get upset|get angry)",
            "don't get (upset|angry)",
            "you'?re overreacting",
            "there is no need to (shout|be rude|get upset|get angry)",
            _a(
                "(there's |there is )?no need to (shout|yell|swear|be rude|be like that|"
                "raise your voice|get (so )?(upset|angry|worked up|emotional|agitated|"
                "aggressive|shirty|stroppy))"
            ),
            # (Not "can we both take a breath?": a pause shared, not an order.)
            "(?<!both\\x20)(?<!we\\x20)(?<!let's\\x20)"
            "take a ((deep|big|long|moment to) )?breath(e)?",
            "calm yourself( down)?",
            "keep your hair on",
            "get a grip",
            "pull yourself together",
            "cool it",
            _a("(stop|quit) being (so )?(rude|difficult|dramatic|unreasonable|silly|childish)"),
            _a(
                "you('re| are) being (a bit |a little |rather |very |quite |so |really )?(rude|"
                "difficult|dramatic|unreasonable|silly|childish|ridiculous|hysterical|precious|"
                "petty)"
            ),
            _a("don't be (so )?(silly|ridiculous|dramatic|rude|childish)"),
        ),
        "Telling an upset customer to calm down tells them their feelings are wrong; "
        "it usually inflames.",
        "I can hear how frustrating this is, and I want to sort it out",
    ),
    (
        _rx(
            _a("as I('ve| have)? (already|previously) (said|stated|explained|mentioned|told you)"),
            _a("as I said (before|earlier|already)"),
            "as I (mentioned|explained|said|told you) (before|earlier|already|previously)",
            "like I said",
            _a("like I('ve| have) (said|told you|explained|mentioned)"),
            "as (mentioned|stated|explained|said|advised|discussed) (before|earlier|previously|"
            "already|several times|many times|repeatedly|more than once|\\w+ times)",
            "you keep (asking|saying|repeating|coming back to)",
            "as I said",
            _a("I('ve| have) already (told|explained to) you"),
            "as previously (stated|advised)",
            "as (already|previously) (stated|explained|mentioned)",
            _a(
                "as I('ve| have)? (mentioned|explained|told you|stated|pointed out|noted|wrote|"
                "outlined|said)(?! to (?!you))"
            ),
            _a("as (you were|you've been|you have been) (told|advised|informed)"),
            "as (we|I) (already )?(told|explained to|informed|advised) you",
            "like I (told you|explained|mentioned)",
            "(as )?per my (last|previous|earlier) (email|message|reply|letter|call)",
            _a("how many times (do I|have I|must I|will I)"),
            _a("I('ve| have) (said|explained|told you) (this|that|it) (already|before|twice)"),
            # Reminders that it was said before, with any adverb or count ("as I have now said
            # three times", "I've already answered this", "read my previous email").
            _a(
                "as I('ve| have)? (now |just |already |previously )?(said|explained|told you|"
                "mentioned|stated) (\\w+ times|twice|several times|more than once|repeatedly)"
            ),
            _a(
                "I('ve| have) (now |already |just )?(answered|covered|gone over|been over|"
                "addressed|replied to) (this|that|it|your question)( (already|before|twice|"
                "\\w+ times))?"
            ),
            "(re-?read|read|check|see) my (previous|last|earlier|original|first) (email|message|"
            "reply|letter|response|answer)",
        ),
        "Pointing out that you have said it before reads as impatience and blames the customer.",
        "To recap",
    ),
    (
        _rx(
            _a("(that|this|it)('s| is) not (my|our) (problem|concern|fault)"),
            _a("not my problem"),
            _a("(that|this|it)('s| is) nothing to do with (me|us)"),
            "not my department",
            _a("(that's|it's|it is|that is) (really |simply )?not (my|our) (job|responsibility)"),
            _a("I don't make the rules"),
            _a("I can't help that"),
        ),
        "Disowning the problem tells the customer nobody will help them.",
        "I'll find out who can sort this and make sure it reaches them",
    ),
    (
        _rx(
            _a(
                # (Tenth round: not "paid more than you should have been", a comparison.)
                "(?<!than\\x20)you should('ve| have)(?! (already )?(received|got|gotten|been "
                "(sent|given|emailed|notified|told|contacted|called)|seen|had an email|heard "
                "(back )?from (us|me)))"
            ),
            # (Tenth round: "you shouldn't have had to ring three times" is sympathy.)
            _a("you shouldn't have(?! (had )?to\\b)"),
            "you ought to have",
            _a("if you('d| had) (read|checked|followed|listened|bothered)"),
            "you were (supposed|meant|told) to",
            _a("you didn't (read|follow|listen|check)"),
            _a(
                "(it's|it is|that's|that is|this is) (entirely |all |completely )?your (own )?fault"
            ),
            "you caused (this|the)",
            "you failed to",
            "you obviously",
            "you clearly",
            "you forgot to",
            "because you (didn't|did not|failed)",
        ),
        "Blaming the customer puts them on the defensive, even when it is partly true.",
        "Next time, it helps to",
    ),
    (
        _rx(
            "with (all )?(due |the (greatest|utmost) )?respect",
            "good luck (with that|finding|getting|trying)",
            _a("(read|listen to) what I('ve)? (write|wrote|written|said|say)"),
            "spell it out( for you)?",
            _a("(I'll|I will|let me) say (it|this) (slowly|again|one more time|once more)"),
            "(you only had to|all you (had|needed|have|need) to do (was|is))",
            "surely you(?!['\u2019])",
            "what part of",
            _a("I'm sure even you"),
            "as anyone (would|could) (know|tell|see)",
            "as you (should|ought to) know",
            _a("I'm not sure what you expected"),
            "funnily enough",
            "believe it or not",
            "thanks? (so much )?for your (patience|understanding),? (not|lol)",
            _a("no offen[cs]e,? but"),
            _a("I hate to break it to you"),
            _a("newsflash"),
            "obviously,",
            "(?<=^)obviously|(?<=[.!?]\\s)obviously",
            "obviously you(?!['\u2019])",
            _a(
                "clearly you('re|'ve| are| have| did(n't| not)| do(n't| not)| have(n't| not)|"
                " can't| cannot| misunderstood| missed| misread| forgot)"
            ),
            "(to be honest|frankly|honestly|quite frankly),? you(?!['\u2019])",
            # "Obviously" opening a clause after a greeting or a comma, as at a sentence's start
            # ("Hi Rob, obviously we can't ..."); not inside a clause ("we'll obviously cover").
            "(?<=[,;:]\\s)obviously(?=,? (we|you|I|it|this|that|there|the|no|nobody|if)\\b)",
            # A judgement of the customer's understanding: "you're clearly confused", "you have
            # evidently misread", "you don't seem to understand".
            _a(
                "you('re| are| were|'ve| have| had| did)(n't| not)? (clearly|obviously|evidently|"
                "plainly)"
            ),
            "(evidently|plainly) you",
            _a(
                "you (don't|do not|didn't|did not) (seem|appear) to (understand|realise|realize|"
                "grasp|get|have read|follow)"
            ),
            "with respect,",
            _a("(it's|it is|this is|this isn't|it isn't|this is not|it is not) not rocket science"),
            "rocket science",
            "try harder",
            "even a (child|kid|toddler|five-year-old|monkey)",
            "you ((really|always) should|should (really|always|probably)) have (kept|read|"
            "checked|called|told|asked|known|followed|waited|noticed|looked)",
            _a("(it's|it is) the same (answer|reply) as (before|last time|I gave)"),
            "(making|kicking up|creating) (a|such a) (fuss|drama|big deal|song and dance)",
            _a("(I|we) did (warn|tell) you|told you so"),
            _a(
                "(it's|it is|it should be|that's|that is|surely it's) (pretty |quite |fairly |"
                "surely )?(obvious|self-explanatory)(?! (that )?(our|we|I)\\b)"
            ),
            _a("if you('d| had) (taken|bothered to take) the time to"),
            _a(
                "(it|this|that)('s| is|'s really| is really| really is)(n't| not) (really )?"
                "(that|very|so|too) (complicated|difficult|hard|complex|tricky)"
            ),
            _a(
                "(it|this|that)(isn't| isn't| is not) (really )?(that|very|so|too) (complicated|"
                "difficult|hard|complex|tricky)"
            ),
            "(so|that) (hard|difficult) to (understand|follow|grasp)",
            _a(
                "(it|this|that)( really)?('s| is)(n't| not) (really |that |very |so |too |at all )?"
                "(complicated|difficult|hard|complex|tricky)(?=[.!]| to (understand|follow|"
                "grasp|read|see|find|work out))"
            ),
            _a(
                "(I'm not sure|I don't (know|understand|see)) why you('re| are) (finding|"
                "struggling|having (so much )?trouble|confused)"
            ),
            _a("you (should|ought to) (already |really )?(know|be aware|realise|realize|remember)"),
            _a(
                "you('re| are)(n't| not) (listening|paying attention|reading)|you (never|don't|"
                "do not) (listen|read)"
            ),
            "(did|have) you (even|actually|bothered to) (read|check|look|try|open)",
            "try reading",
            "(it|the \\w+|this|that) (clearly|plainly|obviously) (says|states|shows|explains|"
            "tells you)",
            "as (clearly|plainly) (stated|shown|explained|written)",
            "you people",
            _a(
                "(there's |there is )?no need for (the|that|this|such|your) (attitude|tone|"
                "language|rudeness|sarcasm|drama)"
            ),
            _a(
                "let's not (get|be) (hysterical|emotional|upset|carried away|worked up|dramatic|"
                "silly)"
            ),
            _a("I don't know what (else )?(you want|you expect|to tell you|more I can say)"),
            "seriously\\?",
            _a(
                "I('ve| have) (\\w+ ){0,2}(explained|said|told you|mentioned|answered|covered) "
                "(this|that|it)( to you)? (\\w+ times|several times|many times|repeatedly|"
                "more than once)"
            ),
            "as I keep (saying|telling you|explaining|repeating)",
            _a("(is|are|it's|they're) there for a reason"),
            _a(
                "you('d| would)( have)? (known|know|seen|see|found|noticed)( this| that| it)? if "
                "you('d| had)?"
            ),
            _a(
                "(not sure|I don't know) how (much )?(clearer|else) (I|we) can (be|say|put|"
                "explain)|(I|we) (can't|cannot) make (it|this) any (clearer|simpler|plainer)"
            ),
            "not the only (customer|person|one)( \\w+)? (we|I|who|with)",
            "(we|I) (get|have|deal with) (hundreds|thousands|loads|dozens|lots) of (these |those )?"
            "(calls|complaints|emails|messages|people|requests|queries)",
            _a("(that's|that is|this is) not how (it|this|things|the \\w+) works?"),
            # Blame as a question, minimising and dismissing: "why didn't you read ...", "it's
            # common sense", "everyone else manages", "it's not a big deal", "that's on you".
            _a(
                "why (didn't|did not|haven't|have not|wouldn't|couldn't) you (just )?(read|check|"
                "look|follow|listen|call|tell|ask|keep|use)"
            ),
            "common sense",
            "every(one|body) else (manages|can|seems|has|does|knows|understands)",
            _a("(it's|it is|this is|that's|that is) (really )?(not a|no) big deal"),
            _a("(I'm sure|surely) you can (figure|work|sort|manage)"),
            _a("(that's|that is|this is|it's|it is) (all )?on you"),
            "(is|was|'s) (all |entirely |completely )?on you(?=[.!,;]|$)",
            _a("no need to (take|use|have) (that|this|such an?) (attitude|tone)"),
            _a(
                "(I don't|I do not|I can't|I cannot) (see|understand) (what|why) (the|your) "
                "(problem|issue|fuss|big deal)|what (all )?the fuss is( about)?"
            ),
            "in black and white",
            "(it's|it is|this is|it's a|it is a) (very|really|perfectly|incredibly) (simple|easy|"
            "straightforward)",
            "you (seem|appear) to have (misunderstood|misread|missed|forgotten|got confused|"
            "overlooked)",
            "(try to )?keep up(?=[.!])",
            "(are|do|did|have) you (even|actually) (reading|listening|looking|read|listen|look|"
            "checked|read)",
            "chill(?=[.!,])",
            _a(
                "(there's|there is) no point (in )?(getting|being) (angry|upset|cross|annoyed|"
                "worked up|rude|shouty|funny)"
            ),
            "you (must|ought to) (understand|realise|realize|appreciate|accept that)",
            "what (did|do|else did|else do) you expect",
            _a("if you('d| had) (actually |just )?(read|checked|looked|bothered|paid attention)"),
            "had you (read|checked|looked|bothered|listened)",
            "(read|check|look at) (the|your|our) \\w+ (properly|more carefully)",
            "whatever you say",
            "(?<=^)whatever(?=[.!,])|(?<=[.!?]\\s)whatever(?=[.!,])",
            # Third round (issue 5): families, not sentences.
            # Blame as a third conditional about the customer: "if you'd used the number we
            # gave you, you'd have got through", "had you kept the box, we could have ...".
            _a(
                "if you('d| had) (?!(like|prefer|rather|want|love|be|been|received|got|any|"
                "not been)\\b)(just |only |actually |simply )?\\w+(?=[^.!?]{0,80}?\\b(you|it|this|"
                "that|we|there)('d| would| could)(n't| not)? have)"
            ),
            "(?:(?<=^)|(?<=[.!?]\\s)|(?<=,\\s))had you (just |only |actually )?(?!(received|been|"
            "any)\\b)(\\w+(ed|en|wn|t|ne|ng|ld|ght)|read|put|hit|let|paid|made|said|heard)\\b",
            # Hinted blame: "I do hope you checked it", "perhaps you misunderstood".
            _a(
                "I (do |really |certainly |just )hope you(?!('ll|'re| will| are| have a| enjoy| "
                "get| feel| like| find))|I hope you (checked|read|kept|looked|noticed|realised|"
                "realized|remembered|understood)(?! out)"
            ),
            "(perhaps|maybe|possibly) you (\\w+ )?(misunderstood|misread|missed|overlooked|forgot|"
            "didn't (read|see|notice|check|realise|realize|understand))",
            "(which|that|it|this) (was|is) (quite |very |perfectly |abundantly |crystal |pretty |"
            "fairly )?clear(?=[.!])",
            # Reproach about next time: "maybe have a proper look next time".
            "(?:(?<=^)|(?<=[.!?,;]\\s)|(?<=maybe\\s)|(?<=perhaps\\s)|(?<=please\\s)|(?<=just\\s))"
            "(have|take) a (proper|closer|better|more careful|careful) look",
            "(maybe|perhaps)[^.!?]{0,40}? next time",
            # Minimising the customer's loss: "these things happen", "it happens", "can't be
            # expected to last forever", "you're not the only one".
            "(these|such|those) things (do |can |will )?happen",
            _a(
                "(?:(?<=^)|(?<=[.!?,;:]\\s))(it|that|this|stuff|things like this)( just)? happens"
                "(?=[.!,;]| sometimes| from time to time| to (everyone|everybody|all of us|the "
                "best))"
            ),
            "(can't|cannot|can not|won't|will not|don't|doesn't) (be expected to )?last forever|"
            "nothing lasts forever",
            _a("you('re| are) (not|hardly) the only (one|person|customer)"),
            _a(
                "(I'm sure|I am sure|surely) you('ll| will| can| would)? (agree|understand|"
                "appreciate|accept|see|realise|realize)"
            ),
            # Counting the customer's contacts at them: "thank you for your fourth message
            # today", "this is the third letter you have sent".
            "(this is|that's|that is|this was|thanks? (you )?for) (now )?(the|your) (second|"
            "third|fourth|fifth|sixth|seventh|umpteenth|nth|\\d+(st|nd|rd|th)) (message|email|"
            "letter|call|complaint|chaser|time|tweet|post)s? (today|this (morning|afternoon|"
            "week|month)|(that )?you('ve| have)? (sent|written|called|rung|asked|emailed|"
            "contacted)|from you|in (a|one) (day|week))",
            # Reminders that point back at earlier messages: "as per our previous 3 messages".
            _a(
                "(as )?per (my|our) (\\w+ ){0,2}(previous|last|earlier|prior|\\d+|two|three|"
                "several|many|numerous)( \\w+){0,2} (emails?|messages?|replies|letters?|calls?|"
                "responses?)"
            ),
            "as (stated|explained|mentioned|set out|outlined|advised) in (my|our) (\\w+ )?"
            "(previous|last|earlier|prior|original)",
        ),
        "This reads as sarcasm or condescension; it provokes an upset customer.",
        "I understand",
    ),
    (
        _rx(
            "you must(?! have| be (signed|logged|registered|over|aged|at least|18|the))"
            # "You must be so fed up": a guess at the customer's feelings, not an order.
            "(?! be (so|very|really|quite|pretty|absolutely|completely|utterly|fed up|frustrated|"
            "annoyed|tired|sick|worried|upset|cross|angry|livid|furious|exhausted|gutted|"
            "desperate|disappointed|devastated|stressed|fuming|heartbroken|wondering|thinking))",
            _a("you mustn't"),
            "you must not",
        ),
        "'You must' sounds like an order; a request with its reason works better.",
        "please could you",
        # Seventh round: "I understand how angry you must be" guesses a feeling, no order.
        re.compile(r"\b(?:how|what)\b[^.!?]{0,30}$", re.IGNORECASE),
    ),
]

# (2026-12-01, issue 5) Sarcasm at the contact itself ("Oh great, another complaint", "Sure,
# because we have nothing better to do", "Wow, what a surprise"), blame in shapes the lists
# missed ("Your fault for not registering it", "You did not follow the instructions", "that's
# on you") and the bare reminder ("I already told you", "I told you before").
PROVOKING.append(
    (
        _rx(
            "oh,? (great|wonderful|brilliant|lovely|fantastic|perfect|marvellous|joy|goody)"
            "(,? (another|yet another|one more)( [a-z]+){1,2})?(?=[,.!])",
            "(great|brilliant|wonderful|fantastic|lovely),? (another|yet another|one more) "
            "(complaint|one|email|message|call|problem|moan|request)",
            _a("(sure|yeah|yes|right|oh yes),? (because|cos|'cause) (we|I)"),
            _a("because (we|I) ('ve |have )?(got )?nothing better to do"),
            "(wow|well|oh),? what a (surprise|shock)",
            "what a (surprise|shock)(?=[.!])",
            "shock,? horror",
            "colou?r me (surprised|shocked)",
            _a("who (would|could)('ve| have) (thought|guessed)(?=[.!?])"),
        ),
        "This reads as sarcasm at the customer; it provokes an upset customer.",
        "I understand",
    )
)
PROVOKING.append(
    (
        _rx(
            _a(
                "(?<!not\\x20)(?<!n't\\x20)(?<!\u2019t\\x20)((it's|it is|that's|that is|it was) )?"
                "(entirely |all )?your (own )?fault for"
            ),
            "(?<!if\\x20)(?<!when\\x20)you did not (read|follow|listen|check)",
            "(?<!if\\x20)(?<!when\\x20)you never (read|follow|listen|check)(ed)?",
        ),
        "Blaming the customer puts them on the defensive, even when it is partly true.",
        "Next time, it helps to",
    )
)
PROVOKING.append(
    (
        _rx(
            _a("I (already|just) (told|explained (it |this |that )?to) you"),
            _a("I told you (already|before|earlier|twice|last time)"),
            _a("I('ve| have) told you (already|before|twice)"),
            "I already said (so|that|this)(?=[.!,])",
        ),
        "Pointing out that you have said it before reads as impatience and blames the customer.",
        "To recap",
    )
)

# Fourth round (issue 5): families the third blind batch showed unseen (a dig in any tense
# or mood, mock politeness, lecturing, point-scoring). Whole shapes, not single words.
PROVOKING.append(
    (
        _rx(
            # Blame as a counterfactual about the customer: "if you'd been in when ...",
            # "if you had packed it properly", whatever the verb.
            _a(
                "if you('d| had) (?!(like|prefer|rather|want|love|any|not been|been (charged|"
                "sent|told|given|billed|affected|contacted|let down|waiting|kept)|received|got "
                "(a|an|any|the|our|no)|questions|trouble|problems|issues)\\b)(just |only "
                "|actually |simply )?(been in|been home|been there|been available|read|checked|"
                "looked|listened|followed|booked|kept|packed|used|told us|answered|paid|"
                "registered|turned up|arrived|called us sooner|come in)\\b"
            ),
            # Lecturing about what the customer should do or have done, aimed at their own
            # care: "should check your statement more carefully", "maybe take better care".
            "(should|could|might want to|may want to|would do well to) (check|read|look at|"
            "review|keep an eye on) (your|the) ([\\w-]+ ){0,3}(more (carefully|closely|often)|"
            "properly|first|before (contacting|calling|emailing|writing|posting|complaining|"
            "getting in touch))",
            "(check|read) (your|the) [\\w-]+( [\\w-]+)? before (posting|complaining|contacting "
            "us|calling us|emailing us|writing to us|tweeting)",
            "(maybe|perhaps) (just )?(take (better|more) care|be more careful|pay (more )?"
            "attention|check your|read (the|your)|look (at|properly)|try (reading|looking|"
            "checking))",
            "(perhaps|maybe) in (the )?future(,)? (a|an|you|it|try|consider|check|please)",
            "in future(,)? (please )?(try to |do )?(read|check|make sure you read|pay attention)",
            # Point-scoring with a sigh: "we're all under pressure, not just you".
            "(,|;|—|-) not (just|only) you(?=[.!])",
            _a("we('re| are) all (busy|under pressure|stressed|in the same boat)"),
            # Mock politeness and sarcasm: "sorry not sorry", "just saying", "bold move",
            # eye-rolling emoji, "apologies if our email wasn't clear enough for you".
            "sorry,? not sorry",
            "just saying",
            "(bold|brave|nice|interesting) (move|choice|try)(?=[.!, ]|$)",
            "[\U0001f644\U0001f643\U0001f60f\U0001f612]",
            _a(
                "(sorry|apologies|I apologise|I apologize) if (our|my|the|this|that|it) ([\\w-]+ )?"
                "([\\w-]+ )?(wasn't|was not|weren't|were not|isn't|is not) (clear|simple|plain) "
                "enough"
            ),
            "(clear|simple|plain|easy) enough for you",
            _a("sorry (you feel|if you feel|that you feel) (that way|like that|that)"),
            _a("I trust (this|that) (clears|answers|settles|resolves|clarifies)"),
            # Dismissing what the customer expects: "I'm not sure what more you expect".
            _a(
                "(I'm not sure|I am not sure|I don't know|I do not know|not sure) what (more|"
                "else) you (expect|want|would like) (us|me) to"
            ),
            "what (more|else) (do|did|could) you (expect|want) (us|me) to",
            # Lecturing: "I need you to actually listen", "it seems you have misunderstood",
            # "as our optician will have told you".
            "(need|want|going to need|have to ask) you to (actually |just |properly )?(listen|"
            "read|pay attention|concentrate)",
            "you (to )?actually (listen|read|look)",
            "(it seems|it appears|it would seem|clearly|evidently) (that )?you('ve| have)? "
            "(misunderstood|misread|misunderstand|not understood|don't understand|got "
            "confused|missed)",
            "as (\\w+ ){0,3}(will|would|should|must) have (told|explained( to)?|shown|advised|"
            "warned) you",
            # "With respect", "frankly", "to be fair" openers before a dig at the customer.
            "with (all )?(due )?respect",
            _a(
                "(frankly|quite frankly|to be fair|to be honest|honestly|in fairness),? "
                "(it|this|that|the \\w+|your \\w+|you)[^.!?]{0,60}?\\b(did|does|do|was|were) "
                "(say|state|tell|explain|sign|agree|read|accept|know|warn|mention|clear)"
            ),
            _a("(the|your) (tone|attitude|manner) (of|in) your (message|email|letter|call|tweet)"),
            _a("(the|your) (tone|attitude) (is|was) (unnecessary|uncalled for|unacceptable)"),
            # Point-scoring with facts the customer agreed to: "well, you did sign the contract".
            _a(
                "(well,? |but |to be fair,? )?you did (sign|agree|accept|tick|click|read|choose|"
                "pick|book|order)(?! (it|that|this) (because|for))"
            ),
            # Cause put on the customer's own habits: "often caused by drying clothes indoors".
            "(often|usually|commonly|typically|generally|mostly) (be )?caused by (\\w+ ){0,2}"
            "(drying|not|leaving|poor|lack of|failing|misuse|overloading|user|customers?|"
            "residents?|tenants?)",
            # Feelings set against facts: "rather than hope", "wishful thinking".
            "(rather than|not on|instead of) (hope|feelings|emotion|wishful thinking|guesswork)",
            "wishful thinking",
            "(\\w+)? trust (his|her|their|our|my) (view|judgement|judgment|opinion|word) over",
        ),
        "This reads as a dig at the customer (blame, sarcasm, lecturing or point-scoring); it "
        "provokes an upset customer.",
        "I understand",
    )
)

# Fifth round (issue 5): digs the fourth blind batch showed unseen - blame or suspicion put on
# customers as a class ("drivers are expected to read them", "we do tell people not to",
# "many people who claim not to watch TV are later found to", "caused by tenants drying
# clothes"); minimising ("only down for a few minutes", "it's not like he did it on purpose",
# "were only ever a perk", "a bit late for that now"); pointing back ("we've been over this",
# "please scroll up", "it's literally in the docs", "lol"); point-scoring and sarcasm ("shame
# you didn't mention", "thanks for the 1-star review", "it would help if you answered",
# "simply doing their job", "we're not miracle workers", "I'd appreciate a bit of
# patience"); condescending suggestions ("Maybe check with the neighbours first?", "Might be
# worth bringing your own?").
PROVOKING.append(
    (
        _rx(
            "(drivers|customers|passengers|tenants|members|users|residents|guests|visitors|"
            "motorists|people|you) (are|were) (clearly |all )?(expected|required|supposed) to "
            "(read|check|know|notice|see|follow|understand|look|remember)",
            "(signs|notices|terms|rules|instructions|details) (are|were) (clearly|prominently|"
            "plainly) (displayed|signposted|marked|stated|shown|visible|explained|set out|"
            "printed)",
            _a(
                "(we|I) do (tell|say to|advise|warn|ask|remind) (people|customers|passengers|"
                "everyone|all|tenants|members|guests|users)"
            ),
            _a("(it's|that's|it is|that is) (a bit|a little|rather|far|too) late for that"),
            "(people|customers|those|many|some|tenants|members|users) who claim",
            "(are|is) (later|often|usually|frequently|eventually) found to",
            "(is|are) (often |usually |mostly |generally |typically |largely )?caused by "
            "(the )?(tenants|residents|customers|users|people|owners|drivers|occupants|"
            "occupiers|members|guests)",
            "(was|were|is|are) only (ever )?(down|late|delayed|closed|out of (order|action)|"
            "off|offline|broken|gone|unavailable) for (a few|a couple of|\\d+|two|three|four|"
            "five|ten|twenty) (minutes|mins|seconds|moments|hours)",
            _a(
                "(it's|it is|it isn't|it wasn't|it's not) (not )?like (he|she|they|we|I|anyone|"
                "someone|the \\w+) (did|meant|wanted|planned|does|tried)"
            ),
            "(was|were|is|are) only ever (a|an|meant)",
            _a(
                "(we've|I've|we have|I have) (now )?(been over|gone over|been through|covered|"
                "discussed) (this|that|it)( \\w+ times| already| before| repeatedly| again)"
            ),
            "scroll up",
            _a("(we|I)('ve| have)? (already )?answered (this|that)( \\w+)?(?=[.!,])"),
            _a(
                "(it's|it is|that's|that is) (literally|clearly|all|right there) (in|on) (the|our|"
                "your) (docs|documentation|FAQ|FAQs|manual|website|guide|terms|email|letter|app)"
            ),
            "lol",
            _a("(shame|pity|a shame|a pity) you (didn't|did not|forgot|failed|never|neglected)"),
            "thanks for the (1|one|2|two)[- ]star review",
            _a(
                "it would (help|be helpful|make things easier) if you( \\w+)? (answered|read|"
                "listened|checked|picked up|responded|replied|paid|followed|kept|told)"
            ),
            "(simply|just|only) doing (their|our|my|his|her) (job|jobs)",
            _a(
                "(we're|we are|I'm|I am) not (miracle workers|magicians|mind readers|psychic|a "
                "charity)"
            ),
            _a(
                "(I'd|I would|we'd|we would) appreciate (a bit of|a little|some|a little bit of) "
                "(patience|understanding)"
            ),
            "(maybe|perhaps) [^.!?]{0,40}\\bfirst\\?",
            "(maybe|perhaps|might be) worth [\\w-]+ing your own",
        ),
        "This reads as a dig at the customer (blame, sarcasm, minimising or point-scoring); it "
        "provokes an upset customer.",
        "I understand",
    )
)

# Sixth round (issue 5): digs the fifth and sixth blind batches showed unseen, by shape -
# blame as a counterfactual whatever its subject ("if the murmur had been declared ..., we
# wouldn't be having this conversation"); rhetorical tag questions with "I" or "we" ("I can't
# make the bus appear, can I?", "we did say so, didn't we?"); comparing the customer with
# everyone else ("nine times out of ten it's ...", "most applicants manage this", "works fine
# for our other customers", "you're not the only passenger"); pointing back at what the
# customer was told or agreed to ("the instructions did say", "it does say on the booking
# page", "were clearly set out", "you ticked to say", "so that's what you asked for");
# dismissing what the customer expects or does ("not sure what you were expecting", "not sure
# how much clearer ... could be", "shouting at us doesn't get it fixed quicker", "threatening
# us won't ...", "Trading Standards won't be interested", "describing it as '...' is a bit
# much", "before assuming / blaming ...", "do you honestly expect us to"); minimising ("it's
# not like replacing a phone", "it was really only the last forty minutes", "let's not
# panic"); lecturing about the future ("make sure you ... in future to avoid this happening
# again").
PROVOKING.append(
    (
        _rx(
            _a(
                "if (you('d| had)|(the|your) [\\w-]+( [\\w-]+)? had) (?!(like|prefer|rather|want|"
                "any)\\b)[^.!?]{0,70}?,? (we|you|I|this|it)( would(n't| not)|'d not|'d never| "
                "would never) (be|have)\\b[^.!?]{0,40}"
            ),
            _a(",? (can|could|would|did|do|does|have|had|should|is|was)(n't)? (I|we)\\?"),
            "nine times out of ten",
            "(most|other|the vast majority of|99% of) (our )?(other )?(customers|people|"
            "applicants|passengers|users|members|drivers|clients|guests|tenants|parents|"
            "students) (manage|cope|have no (trouble|problem|issue|difficulty)|don't have|"
            "do not have|seem to manage|get on fine|are fine)",
            "(works|work|worked|working) (fine|perfectly|without (a|any) (problem|issue|hitch))"
            " for (our |all |everyone|everybody|the )?(other|rest)",
            _a("you('re| are) not the only (?!one\\b)\\w+"),
            _a(
                "(the|our|it|this|that|they|we) ([\\w-]+ ){0,2}(did|does|do) (clearly )?(say|"
                "state|mention|explain|warn)\\b"
            ),
            "(were|was|is|are) (all )?(clearly|plainly|explicitly) (set out|stated|explained|"
            "shown|listed|marked|displayed|written)",
            "you (ticked|signed|clicked|initialled|confirmed|agreed) (to say|that you|the box|"
            "to confirm)",
            _a(
                "(so )?(that's|that is) (exactly )?what you (asked for|ordered|chose|agreed to|"
                "signed up for|wanted)"
            ),
            _a(
                "(I'm not sure|I am not sure|not sure|I don't know|I do not know) (what|how) "
                "(else |more )?(you were expecting|you expected|you expect|we could have done|"
                "else we could|(much )?clearer)"
            ),
            "(shouting|threatening|swearing|ranting|complaining|moaning|yelling|tweeting|"
            "posting|being rude|getting angry) (at us |at me |to us )?[^.!?]{0,40}?"
            "(won't|will not|doesn't|does not|isn't going to|is not going to) (make|get|help|"
            "change|speed)",
            "(trading standards|the ombudsman|the council|your solicitor|a solicitor|the press|"
            "the police|your MP|the regulator) (won't|will not|wouldn't|would not) (be "
            "interested|care|help you|do anything)",
            "(describing|calling) [^.!?]{0,60}? as ['\u2018\"]",
            "(is|was|that's|it's) (frankly |really |just |all )?(a bit|a little|rather) (much|"
            "rich|over the top|dramatic|excessive)",
            "before (assuming|blaming|accusing|jumping to)",
            "do you (honestly|really|seriously|genuinely) (expect|think|believe)",
            _a(
                "(it's|it is|it isn't|it wasn't|it's not) (not )?like ((we|I|you|he|she|they) )?"
                "(\\w+ing|\\w+ed|sank|lost|broke|stole|did|meant|made|ran)\\b"
            ),
            "(was|were|is|it's) (really |just |honestly )?only (the last|a few|a couple|a little|"
            "about|around|for) [^.!?]{0,30}?(minutes|mins|hours|seconds|days)",
            _a("let's not (panic|get carried away|overreact|get ahead of ourselves|make a drama)"),
            "(make sure|ensure|remember|be sure)( that)? you [^.!?]{0,60}? in (the )?future "
            "to (avoid|prevent|stop)",
            "to (avoid|prevent) this (happening|occurring) again",
            "no need for (all )?(the|that|this|those) (capital letters|caps|capitals|shouting|"
            "language|tone|attitude|drama|sarcasm)",
            "(when|if|because) (nobody|no one|no-one|customers|people) (sends?|gives?|reads?|"
            "checks?|tells?|submits?) us",
            # what the customer did "without" doing their part; their conduct that "slows
            # everything down"; what we "can't" do for every customer
            "you [a-z]+ed\\b[^.!?]{0,50}?\\bwithout (raising|reading|checking|mentioning|"
            "querying|telling|declaring|reporting|noticing|asking|looking)",
            "(it|this|that|[a-z]+ing\\b[^.!?]{0,40}?) (just |only )?(slows|holds) (everything|"
            "everyone|us|things|it all) (down|up)",
            _a(
                "(we|I) (can't|cannot) (be expected to )?(ring|call|phone|check|chase|contact|"
                "email|watch) every"
            ),
        ),
        "This reads as a dig at the customer (blame, sarcasm, comparison with others, "
        "minimising or lecturing); it provokes an upset customer.",
        "I understand",
    )
)

# Seventh round (issue 5): digs the seventh blind batch showed unseen, as families of shape,
# not sentences - disowning in any words ("it's not really down to us", "not our doing");
# guessing that the customer caused it ("granite doesn't crack by itself", "something heavy
# must have been dropped on it", "it's nearly always a typo"); condescending suggestions
# ("Maybe try charging your phone ... next time?", "We'd gently suggest reading the FAQs
# before ...", "Perhaps check with your neighbours"); sarcasm and point-scoring ("Interesting
# that you only mention ...", "Just a thought", "we can't control the weather can we",
# "This was visible at checkout", "Most of our customers manage it fine", "Charging is easy,
# really!"); minimising ("Power cuts happen", "Cancellations happen"); belittling what the
# customer does ("messing about with", "people who can't follow simple instructions",
# "don't be that person").
_SAID_TO_SOMEONE = (
    "(customers|people|users|members|passengers|residents|tenants|anyone|those|folk|drivers|"
    "patients|guests|backers|players|parents|students|callers)"
)
PROVOKING.append(
    (
        _rx(
            # disowning: "not (really) down to us", "not our doing", "nothing we can control"
            _a(
                "((it|that|this|which)('s| is| was)|is|was|are|were)(n't| not) (really |exactly |"
                "strictly |actually )?(down to|on|the fault of|caused by) us"
            ),
            _a("(is|was|'s)(n't| not) (really |exactly )?(our|my) (doing|call|department|area)"),
            # guessing that the customer caused it
            _a(
                "(doesn't|does not|don't|do not|didn't|did not|won't|will not|wouldn't|would not)"
                " (just )?[a-z]+ (by (itself|themselves|accident)|on (its|their) own)"
            ),
            "(something|someone|somebody|it|they|the \\w+) (must|will|would) have (been )?"
            "(dropped|knocked|hit|banged|damaged|misused|mishandled|overloaded|forced|bent|"
            "tampered|stood on|sat on|pulled|yanked|left on|left open|left out|put in)",
            _a(
                "(it's|it is|that's|that is|this is|usually|normally|nearly always|almost always|"
                "generally|mostly)( (usually|normally|nearly|almost|generally|mostly))?( always)?"
                " (just )?(a |an )?(typo|user error|human error|operator error|finger trouble|"
                "(a )?mistake (on|at) your (end|side)|something you('ve| have)? (done|changed|"
                "entered))"
            ),
            # condescending suggestions about what the customer should have done
            "(maybe|perhaps|might be worth|it might help to|you might want to|try) [^.!?]{0,50}?"
            "\\b(before you|next time|in future|in the future)\\b[^.!?]{0,40}",
            _a(
                "(we'd|I'd|we would|I would|may we|may I|can I|might I) (gently |kindly |"
                "politely |respectfully |just )?(suggest|recommend|advise|remind you)( that you| "
                "you)? [a-z]+ing\\b[^.!?]{0,60}?\\b(before|next time|in future|first)\\b"
                "[^.!?]{0,40}"
            ),
            "(?:(?<=^)|(?<=[.!?]\\s)|(?<=,\\s))(maybe|perhaps) (just )?(try|check|ask|look|read|"
            "have a look|speak|talk) (with|at|to|in) (your|the) (neighbours?|family|partner|"
            "housemates?|flatmates?|bank|own|other)\\b[^.!?]{0,30}",
            # sarcasm, point-scoring
            _a(
                "(?:(?<=^)|(?<=[.!?]\\s)|(?<=,\\s))(it's |it is )?(interesting|funny|strange|odd|"
                "curious|convenient|telling|amazing|remarkable) (that|how) you\\b[^.!?]{0,80}"
            ),
            "just a thought",
            _a(
                "(we|I) (can't|cant|cannot|couldn't|didn't|don't|won't) [^.!?,]{1,40}?,? (can|"
                "could|did|do|will) (we|I)\\b(?!\\s+\\w)"
            ),
            "(this|that|it|which|these|they|the \\w+) (was|were|is|are) (clearly |always |all |"
            "plainly |fully )?(visible|displayed|shown|stated|listed|written|printed|explained|"
            "mentioned|made clear|signposted) (at|on|in|during|before) (the )?(checkout|"
            "booking|point of (sale|purchase|booking)|order(ing)?|sign-?up|registration|"
            "purchase)(?=[.!])",
            "(most|plenty|lots|loads|the (vast )?majority|the rest|hundreds|thousands) of "
            "(our )?(other )?" + _SAID_TO_SOMEONE + " (manage|cope|seem to manage|get on|"
            "have no (trouble|problem|issue)|figure|work|sort)\\b[^.!?]{0,30}",
            _a(
                "(is|are|it's|it is|that's|that is) (really |very |pretty |quite |so |dead )?"
                "(easy|simple|straightforward|not hard|not difficult),? (really|honestly|"
                "though|promise|trust me)(?=[.!])"
            ),
            # minimising: "power cuts happen", "these things happen, mate"
            "(?:(?<=^)|(?<=[.!?]\\s)|(?<=,\\s))([\\w-]+ )?(cuts|delays|cancellations|mistakes|"
            "accidents|breakdowns|outages|faults|leaks|storms|problems|things|glitches|"
            "hiccups|bugs|errors|crashes) (do |just |will )?happen(?=[,.!])",
            # belittling what the customer does or who they are
            _a(
                "(you're|you are|you've been|you have been|you were|why you're|why you are) "
                "(\\w+ )?(messing|fiddling|faffing|mucking|playing|tinkering|meddling|"
                "tampering) (about|around|with)\\b[^.!?,]{0,40}"
            ),
            _a(
                _SAID_TO_SOMEONE.replace("(customers", "(people|customers")
                + " who (can't|cannot|can not|won't|will not|don't|do not|fail to|refuse to|"
                "never) ((follow|read|understand|do|manage) (even )?(simple|basic|clear|easy|"
                "plain|straightforward|the (simplest|most basic))|be bothered|listen)"
                "\\b[^.!?]{0,40}"
            ),
            _a("(don't|do not) be (that|the) (person|guy|customer|one|people)"),
            # the customer as the odd one out; what we are not; sure they'll cope; reread it
            _a(
                "(nobody|no one|no-one) else (has|had|have|seems to have) (ever )?(complained|"
                "reported|mentioned|raised|noticed|had (a|any|this|that|an)|found)"
            ),
            _a(
                "(you're|you are) the only (one|person|customer|passenger|resident|tenant|member|"
                "user|guest)( \\w+)? (who|that|to|with|who's|who has)\\b"
            ),
            _a(
                "(?:(?<=^)|(?<=[.!?]\\s)|(?<=,\\s))(we're|we are) not (a|an|your) [\\w-]+"
                "( [\\w-]+)?(?=[.!])"
            ),
            _a(
                "(I'm sure|I am sure|surely) you('ll| will| can| could)( \\w+)? (manage|cope|"
                "survive|live with it|be fine|get by|work it out|figure it out)"
            ),
            "(some|certain) (people|customers|folk) (are|will) never (be )?(happy|satisfied|"
            "pleased|content)|there's no pleasing (some )?(people|you|everyone)",
            "(read|listen to|look at|go through) (it|this|that|my \\w+|the \\w+) (again,? )?"
            "(slowly|properly|more carefully|carefully this time)(?=[.!,])",
            "(a )?(bit|little|rather|too) late (now )?(to|for) (be )?(asking|complain|complaining|"
            "worry|worrying|mention|mentioning|tell|telling|that|this)\\b",
            _a(
                "(?:(?<=^)|(?<=[.!?]\\s)|(?<=,\\s))not (our|my) (problem|concern|issue|"
                "responsibility|department)"
            ),
            "(have|did) you (tried|try|thought of|think of|considered) (actually )?(reading|"
            "listening|looking at (the|your|our) (email|letter|website|instructions|terms))",
            "what (did|do) you (think|imagine|suppose) (would|was going to) happen",
            _a(
                "((that|it|this)('s| is| was)|is|was|are|were) hardly (our|my|the [\\w-]+'s) "
                "(fault|problem|concern|doing|responsibility)"
            ),
            "(it's|it is|it isn't|it's not|this isn't|this is not|it was|it wasn't|think it was|"
            "think it's) (not )?the end of the world",
        ),
        "This reads as a dig at the customer (blame, sarcasm, comparison with others, "
        "minimising or lecturing); it provokes an upset customer.",
        "I understand",
    )
)

# Eighth round (issue 5): digs the eighth blind batch showed unseen, as families of shape -
# reproaching repetition in any person or count ("as we've already told you twice", "We saw it
# the first five times", "heard it all before", "Yeah, yeah"); deflecting blame onto nobody
# ("I'm not the one who missed it"); minimising ("that's just life", "buses are late
# sometimes"); blaming the customer's side ("he should really have a phone", "Maybe your
# drivers need to ..."); "actually ... this time"; hinting the customer did not read ("which I
# assume you read") or that it was their doing ("if you'd measured ..., it would have ...");
# defending a colleague instead of hearing the complaint ("one of our best agents", "I'm sure
# she didn't mean to"); questioning why the customer complained ("Not sure why you've gone
# straight to a complaint"); telling the feeling is wrong or overdone ("you're overthinking
# this", "there's no point panicking", "Bit dramatic to call it a rip-off"); the agent's own
# weariness ("I don't get paid enough for this", "We've had enough calls from people who
# did"); and disowning mid-sentence ("I'm afraid that's not really our problem").
_THEIR_PEOPLE = (
    "(he|she|they|your (son|daughter|kids?|children|child|husband|wife|partner|mum|dad|"
    "mother|father|family|drivers?|staff|employees?|team|builder|builders|plumber|"
    "electrician|tenants?|lodger|teenager|boy|girl|friend|neighbours?|mechanic|installer))"
)
PROVOKING.append(
    (
        _rx(
            _a(
                "as (we|I)('ve| have)? (already |previously )?(told|explained to|advised|informed|"
                "reminded|warned) you (already|before|twice|three times|several times|"
                "repeatedly|more than once|a number of times|\\w+ times)"
            ),
            _a(
                "as (we've|we have) (already |previously )?(told|explained to|advised|informed) you"
            ),
            _a(
                "(we|I)('ve| have)? (saw|seen|heard|read|got|had) (it|this|that|them|you|all "
                "this|it all)( all)? (the first \\w+ times?|before|a (hundred|thousand|million) "
                "times|\\w+ times (already|now|over))"
            ),
            "(yeah|yep|sure|yes),? (yeah|yep|sure|yes)(?=[,.!])",
            _a(
                "(I'm|I am|we're|we are) not the (ones?|person|people) (who|that|responsible|"
                "to blame|at fault)\\b[^.!?,]{0,40}"
            ),
            _a(
                "(that's|that is|it's|it is) (just )?(life|part and parcel( of [\\w ]{1,20}?)?)"
                "(?=[,.!;])"
            ),
            "(are|is|get|gets|run|runs) (late|delayed|cancelled|busy|full|slow|down) (sometimes|"
            "from time to time|now and (then|again)|occasionally|every so often)(?=[,.!;])",
            _a(
                _THEIR_PEOPLE + " (really |probably |honestly |maybe )?(should|ought to|needs? to)"
                "( really| probably| honestly| maybe)? (have|know|learn|carry|keep|give|take|"
                "check|read|look|remember|think|listen|plan|be more)\\b[^.!?]{0,50}"
            ),
            "(maybe|perhaps) (you|your [\\w-]+) ((need|needs|ought|might want|want) to|should)"
            "\\b[^.!?]{0,50}",
            "actually ([\\w'\u2019]+ ){0,5}?(this time|for once)\\b",
            _a(
                "(which|that|as) (I|we) (assume|presume|take it|trust|imagine|would hope|hope) "
                "you('ve| have| had| did)? (read|saw|seen|noticed|looked at|checked|received)"
            ),
            _a(
                "if you('d| had) (actually |just |simply |only |bothered to )?[a-z]+(ed|en|t|read)"
                "\\b[^.!?]{0,60}?,? (it|the [\\w-]+|this|that|you|they|we|there)( [\\w-]+)? "
                "(would|wouldn't|could|might)( not| n't)? have\\b[^.!?]{0,30}"
            ),
            _a(
                "(is|'s|are|'re) one of our (best|most experienced|most reliable|most trusted|"
                "top|longest-serving|most senior|most popular|most capable|finest)\\b[^.!?]{0,40}"
            ),
            _a(
                "(I'm|I am|we're|we are) (sure|certain|confident|positive) (he|she|they|our "
                "[\\w-]+|[A-Z][a-z]+) (didn't|did not|never|wouldn't|would not) (mean|meant|"
                "intend|intended|want|wanted|set out)\\b[^.!?]{0,40}"
            ),
            _a(
                "(not sure|no idea|I'm not sure|I am not sure|I don't (know|understand|see)|I do "
                "not (know|understand|see)|I can't see) why you('ve| have| had|'d| would| felt"
                "| feel| decided| chose|'re| are)?( \\w+)? (gone|went|go|jumped|jump|complain"
                "|complained|complaining|escalat\\w*|raised|raising|felt the need|need|needed|"
                "decided|chosen|chose|threaten\\w*|shout\\w*|so (upset|angry|cross|worked up))"
                "\\b[^.!?,]{0,40}"
            ),
            _a(
                "you('re| are) (overthinking|over-thinking|over-?reacting|making (a|such a) "
                "(fuss|big deal|drama|mountain)|getting (all |a bit |so )?worked up)\\b"
                "[^.!?,]{0,20}"
            ),
            _a(
                "you('re| are) (worrying|panicking|stressing|fussing) (over nothing|for nothing|"
                "about nothing|too much|unnecessarily)"
            ),
            _a(
                "(there's|there is|it's|no) (no )?(point|use|sense) (in )?(panicking|worrying|"
                "getting (upset|angry|stressed|worked up|emotional)|stressing|crying|complaining|"
                "shouting|kicking off)"
            ),
            "(a )?(bit|little|tad|touch|slightly|rather) (dramatic|over the top|harsh|much|"
            "extreme|melodramatic|strong)(,| to (call|say|describe|suggest)| calling| saying)"
            "[^.!?,]{0,40}",
            _a(
                "(I|we) (don't|do not) get paid enough|(I'm|I am) not paid enough|(I|we)('ve| "
                "have)? (got )?better things to do|(I|we) (haven't|have not|don't have) got all "
                "day|(we've|I've|we have|I have) had enough (of (this|you|people)|calls|complaints"
                "|emails|messages|people)\\b[^.!?]{0,40}"
            ),
            _a(
                "(that|it|this|which)('s not|'s really not| is not| isn't| was not| wasn't| is "
                "really not) (really |exactly |strictly |actually )?(our|my) (problem|concern|"
                "issue|responsibility|department)"
            ),
        ),
        "This reads as a dig at the customer (blame, sarcasm, defending ourselves, weariness or "
        "telling them their feeling is overdone); it provokes an upset customer.",
        "I understand",
    )
)

# Tenth round (issue 5): digs the tenth blind batch showed unseen, as families of shape -
# blaming a supplier, courier or other third party instead of owning the problem ("the fault
# is with the parts supplier, not us", "that's the courier we use", "down to them and not our
# staff", "what customers post isn't really our concern"); over-cheerful minimising that does
# not take the problem seriously ("that's airports for you", "It's only a game, there are
# plenty more!", "toddlers fall over all the time", "try not to worry too much!", "Next time,
# just read the label and you'll be fine!"); lecturing and pulling rank ("most of our users set
# it up in minutes", "I've been doing this job twenty years", "as it states quite clearly in
# the guide", "I can't see how you missed it", "as members are regularly reminded to do", "I
# must point out that ...", "that won't have helped either", "I'm not sure what you think went
# on"); a cause put on how the customer lives ("it comes down to lifestyle"); and sarcasm that
# the thing would be thrilled ("I'm sure the statue will be delighted").
_THIRD_PARTIES = (
    "(suppliers?|couriers?|manufacturers?|makers?|nursery|nurseries|wholesalers?|factory|"
    "factories|carriers?|sellers?|growers?|distributors?|vendors?|airport|postal service|post "
    "office|Royal Mail|delivery (company|firm|partners?|drivers?|service)|subcontractors?|"
    "third part(y|ies))"
)
PROVOKING.append(
    (
        _rx(
            # blaming a third party instead of owning it
            _a(
                "(is|'s|are|was|were|lies|lay|rests|sits) (all |entirely |squarely |purely |"
                "firmly )?(down to|with|on|the fault of|the responsibility of) (?!us\\b|our\\b)"
                "[\\w -]{1,30}?,? (and )?not (with )?(us|ours|our [\\w-]+|me|the (shop|store|"
                "company))\\b"
            ),
            _a(
                "(that's|that is|it's|it is|this is|that happens with|it happens with|blame|"
                "that's down to|it's down to|that's on) (all )?(the|our|their|those|these) "
                "([\\w-]+ )?" + _THIRD_PARTIES + "\\b[^.!?]{0,70}"
            ),
            _a("(nothing|not much|little) (we|I) can do about (them|those [\\w-]+)(?=[.!,;])"),
            _a(
                "(isn't|is not|aren't|are not) (really|exactly|strictly|actually) (our|my) "
                "(problem|concern|issue|responsibility|lookout)"
            ),
            # over-cheerful minimising
            _a("(that's|that is) ([\\w-]+ )?[\\w-]+s for (you|ya|ye)(?=\\W|$)"),
            _a("(it's|it is|it was|that's|that was) (only|just) (a|an) [\\w-]+(?=[,!])"),
            "(kids|children|toddlers|little ones|babies|boys|girls|dogs|puppies|cats|plants|"
            "people|customers|bags|suitcases|phones|parcels) ([\\w-]+ ){1,3}all the time"
            "(?=[,.!;])",
            _a("(try not to|don't|do not) worry (too|so) much\\b"),
            "(?:(?<=^)|(?<=[.!?]\\s)|(?<=,\\s))(next time|in future|in the future|going forward|"
            "from now on),? (just|simply) (check|read|look|make sure|remember|ask|double-check|"
            "pop|have a look)\\b[^.!?]{0,80}",
            _a("(and )?you('ll| will) be (golden|laughing|sweet|right as rain)"),
            # lecturing and pulling rank
            "(most|plenty|lots|loads|the (vast )?majority|the rest|hundreds|thousands) of "
            "(our )?(other )?" + _SAID_TO_SOMEONE + " ([\\w-]+ ){1,4}?(in (minutes|seconds|no "
            "time)|without (any )?(trouble|problems?|issues?|help|difficulty)|with no (trouble|"
            "problems?|issues?|help))\\b",
            _a(
                "(I've|I have|we've|we have) been doing this( job| work)? (for )?(over |more than "
                "|nearly |almost )?[\\w-]+ years\\b[^.!?,]{0,20}"
            ),
            _a("I think I know (what|how|a|an|the)\\b[^.!?]{0,40}"),
            _a(
                "as (it|we|I|the [\\w-]+|our [\\w-]+) (says|said|states|stated|explains|explained|"
                "shows|showed|mentions|mentioned|made) (quite |very |perfectly |really |abundantly "
                "|so )?(clearly|clear|plainly|obviously)\\b[^.!?,]{0,30}"
            ),
            _a(
                "I (don't|do not|can't|cannot|really don't) (know|see|understand|imagine) how "
                "you (\\w+ )?(missed|miss|didn't|did not|could|managed|failed|overlooked)\\b"
                "[^.!?]{0,30}"
            ),
            _a(
                "as " + _SAID_TO_SOMEONE + " are (repeatedly|regularly|always|frequently|"
                "constantly|clearly|routinely|often) (reminded|told|advised|warned|asked)"
                "\\b[^.!?,]{0,30}"
            ),
            _a(
                "(I|we) (must|have to|feel I should|feel we should|would|should) (just )?point "
                "out\\b[^.!?]{0,100}"
            ),
            _a(
                "(won't|will not|wouldn't|would not|didn't|did not|doesn't|does not)( have)? "
                "help(ed)? (either|matters|your case|things|the situation)(?=[.!,])"
            ),
            _a(
                "(I'm|I am) not sure what you (think|thought|imagine|imagined|expected|were "
                "expecting)( (happened|went on|went wrong|we (did|do|could)))?(?=[.!,?])"
            ),
            _a(
                "(comes?|is|are|mostly|usually|largely) (down to|caused by|because of|the result "
                "of) (your |the |people's |tenants' )?(lifestyle|lifestyles|how (you|people|"
                "tenants) live|the way (you|people) live)"
            ),
            "(something|it|that|this)( has| must have| may have| might have)? (been |got )?lost "
            "in translation\\b[^.!?]{0,20}",
            _a(
                "(I'm|I am) sure (the|your|our|he|she|they|it) ([\\w-]+ ){0,2}(will be|would be|"
                "'ll be|is|was|must be) (thrilled|delighted|overjoyed|over the moon|chuffed|"
                "ecstatic)\\b[^.!?]{0,40}"
            ),
        ),
        "This reads as a dig at the customer (blaming someone else, cheerfully brushing the "
        "problem off, or lecturing them); it provokes an upset customer.",
        "I understand",
    )
)

# "That's incorrect." contradicts the customer, unless the agent agrees with them or it is a
# condition ("DM us if that's wrong").
_AGREEING = re.compile(
    r"(?:\b(?:right|correct|agree|fair)\b[^.!?]{0,12}|\b(?:if|in case|whether|unless|when)\s+)$",
    re.IGNORECASE,
)

# Why a threat matters and what to say instead: shared by the rules that find threats.
_THREAT_WHY_AND_BETTER = (
    "A threat escalates the contact; state the limit calmly and what happens next.",
    "If this continues, I will need to end the call, and we can pick it up by email",
)

AGGRESSIVE: list[Rule] = [
    (
        _rx(
            _a(
                "(that's|that is) (simply |just |completely |totally |absolutely )?"
                "(incorrect|wrong)(?=[.!])"
            )
        ),
        "This contradicts the customer flatly; say what the records show and what you can do.",
        "Our records show",
        _AGREEING,
    ),
    (
        _rx(
            "you need to",
            "you have to",
            "you have got to",
            _a("you've got to"),
            _a("you'd better"),
            "you had better",
            "I suggest you",
            _a("you will (do|send|stop|provide|call)"),
            _a("you('ll| will) (just |simply |now )?have to"),
        ),
        "A demand ('you need to') sounds aggressive; say what you need and why, as a request.",
        "could you please",
        _NOT_A_DEMAND,
    ),
    (
        _rx(
            _a(
                "I('m not going to| won't| will not| am not going to) (tell|say|repeat|explain)"
                " (you |this |that |it )?(again|twice|one more time)"
            ),
            "for the (last|final) time",
            "final warning",
            "end of (discussion|story|conversation)",
            "(is |are )?not up for (discussion|debate)",
            "(is |are )?non-?negotiable",
            _a("I('m| am) not discussing this"),
            _a("I('m not going to| won't| will not| am not going to) repeat (myself|this|that|it)"),
            _a(
                "(I|we)('ll| will| shall| am going to|'m going to) (end|terminate|close|disconnect)"
                " (this|the) (call|chat|conversation)"
            ),
            "(that's |this is |my |our )?final (answer|word)",
            "end of(?=[.!])",
            _a(
                "(don't|do not) bother (calling|emailing|contacting|writing|ringing|complaining|"
                "asking|phoning|messaging)"
            ),
            _a(
                "(I'm|I am|we're|we are) (now )?(ending|terminating|closing) (this|the) (call|chat|"
                "conversation)"
            ),
            _a("(I'm|I am|we're|we are) not here to (argue|debate|bicker)"),
            "take it or leave it",
            "do not (contact|email|call|message) us again",
            "(stop|quit) (emailing|calling|messaging|contacting|ringing|phoning|chasing|pestering|"
            "bothering|harassing) (us|me|our \\w+)",
            _a("(won't|will not|refuse to) be drawn (into|on)"),
            _a("(this|it) is(n't| not) (a|up for) (negotiation|debate|discussion)"),
            _a(
                "(keep (this|that|it) up|carry on like this|do (that|this) again|one more (word|"
                "call|email|message))( \\w+){0,3} and (I|we)('ll| will)"
            ),
            _a("or (there's|there is|there will be) no (refund|replacement|deal|repair|credit)"),
            _a(
                "(I'm|I am) not (listening to|having|putting up with|tolerating) (this|that|it|any "
                "more)"
            ),
            "or else",
            "you have no choice",
            _a("you've (been warned|had your chance)"),
            "you have been warned",
            # Commands and ultimatums aimed at the customer (C4 3.6: assertive, not aggressive).
            "(?:(?<=^)|(?<=[.!?,;:]\\s))listen(?=[,.!;:]| to me| here| carefully| up)",
            "now listen",
            "listen to me",
            "(?:(?<=^)|(?<=[.!?;:,]\\s)|(?<=please\\s)|(?<=just\\s)|(?<=now\\s))stop"
            "(?= (sending|emailing|calling|messaging|contacting|ringing|writing|complaining|"
            "shouting|swearing|threatening|wasting|arguing|interrupting|demanding|harassing|"
            "posting|tweeting|tagging|chasing|asking|repeating|being)\\b)"
            "( \\w+ing)?( (us|me|the same \\w+|this|that|our \\w+))?( \\w+)?",
            "I (must )?insist",
            _a("I('m| am) telling you"),
            "I demand",
            "I expect you to",
            "you will (return|send|provide|pay|stop|call|bring|accept|wait|follow|comply|take|"
            "remove|give|contact|not(?! be| have| need| lose| receive| get| see)|do as|sign|cease|"
            "refrain|respect|speak)",
            _a(
                "don't (you )?(dare|take that tone|use that tone|speak to me like|talk to me like|"
                "raise your voice|shout at me|swear at me)"
            ),
            "do not (take that tone|use that tone|speak to me like|talk to me like|"
            "raise your voice|shout at me|swear at me)",
            "(watch|mind|calm|moderate|change|check|tone down) your (tone|language|mouth|manner|"
            "attitude)",
            "(speak|talk|write) to (me|us|our \\w+|my \\w+|staff) in (that|this|such an?) "
            "(\\w+ )?(manner|way|tone)",
            _a("(this is )?the last time (I|we)('ll| will| am going to|'m going to)"),
            "any (more|further) (abuse|swearing|shouting|rudeness|of this|calls|emails|messages|"
            "threats)( \\w+){0,3} and (I|we|this|the|you)",
            "(?:(?<=^)|(?<=[.!?]\\s))(now|today|immediately|at once)(?=[.!])",
            _a("(and )?that's that|the answer is (still )?no"),
            "(?:(?<=^)|(?<=[.!?,;]\\s)|(?<=\\band\\s)|(?<=\\bjust\\s))read (the|my|our|your) "
            "([\\w-]+ ){0,2}(label|instructions|leaflet|booklet|handbook|"
            "manual|email|letter|terms|message|guide|FAQ|website)(?=[.!]| (first|before|properly|"
            "again|next time|carefully))",
            # Duties laid on the customer, bare: "you'll have to take it up with your bank",
            # "you are required to remove", "make sure someone is home next time".
            # (Not a condition of eligibility: "you're required to have 1k subscribers".)
            _a(
                "you('re| are) (now |hereby )?(required|obliged|obligated|expected) to"
                "(?! (either )?(have|be|hold|own|meet|keep|verify)\\b)"
            ),
            "(make sure|ensure|be sure|remember)( that| to)?[^.!?]{0,50}? (next time|in future|in "
            "the future|going forward|from now on)(?! to (avoid|prevent|stop))",
            "(?:(?<=^)|(?<=[.!?]\\s))in future,? (please )?(make sure|ensure|check|read|remember|"
            "do not|don't)",
            # Orders about conduct in person: "put the phone away", "I'm not being filmed".
            # (Tenth round: not "switch your phone off and on again", a fix to try.)
            "(put|turn|switch) (that|the|your) (phone|camera|recording) (away|down|off)"
            "(?! and (back )?on\\b)",
            _a(
                "(I'm|I am|we're|we are) not (being|going to be) (filmed|recorded|spoken to|"
                "shouted at|talked to|sworn at)"
            ),
            _a("(I'm|I am) warning you|consider this (a|your) (\\w+ )?warning"),
            _a(
                "(we|I)('ll| will| shall| may| might| are| am|'re|'m)?( now)?( be)? (take|taking|"
                "start|starting|begin|beginning|commence|commencing|issue|issuing) (legal|court) "
                "(action|proceedings)"
            ),
            "(accept|take) (it|this|the offer|our offer|the \\w+) or leave it",
            "(this is )?(your )?(last|final|only) (warning|chance)",
            "(do not|don't|never) (contact|email|call|ring|message|write to|phone) (us|me|our|"
            "the|them|him|her|this)( \\w+)?( directly| again)?",
            _a(
                "you('re| are) (simply |just |completely |totally |quite |plainly |clearly )?"
                "(wrong|mistaken|incorrect)"
            ),
            _a("you've got (it|that|this) (all )?wrong"),
            _a("I('m| am) not (repeating|saying|explaining) (myself|this|it|that)( again)?"),
            _a("I('ve| have) had enough"),
            # Shutting the conversation down: "I won't discuss this any further", "this
            # conversation is over", "there's nothing more to discuss".
            _a(
                "I('m not going to| won't| will not| am not going to| refuse to| do not intend to)"
                " (argue( with you| about (this|it|that)| over (this|it|that))?|(discuss|debate|"
                "go over|go into|talk about|get into|enter into|continue)( this| that| it| the "
                "matter| this matter| the subject| this point))( (any|no) (further|more|longer)|"
                " further| anymore| again)?"
            ),
            "(this|the|our) (conversation|discussion|debate|call) is (now )?(over|closed|finished|"
            "at an end|ended)",
            _a(
                "(there's|there is|I have|I've got|we have) nothing (more|further|else) to "
                "(discuss|say|add|talk about)"
            ),
            # Zero tolerance and refusing to be spoken to so: threats of a boundary.
            "(this|such|your|that|abusive|rude|threatening) (behaviou?r|language|abuse|rudeness|"
            "tone|conduct) (will|would|is|shall) not be (tolerated|accepted)",
            _a(
                "(we|I) (won't|will not|don't|do not|refuse to) (tolerate|accept|put up with) "
                "(abuse|this|that|your|such|rudeness|threats|language|behaviou?r|being)"
            ),
            _a(
                "(I|we) (won't|will not|refuse to|don't|do not) (be spoken|be talked|be shouted|be "
                "sworn|be addressed) (to|at)"
            ),
            # Finality and lecturing: "my decision is final", "make no mistake".
            "(my|our|the|this|that) decision is (final|not changing|made)",
            _a("(that's|that is) (final|my final (answer|word|offer))"),
            "make no mistake",
            _a("(that's|that is) the end of (it|the matter|that|this)"),
            _a("(I'm|I am|we're|we are) done (with this|talking|here|discussing)"),
            _a(
                "(we|I) (won't|will not) (be )?(accept|tak|answer|respond|reply)(ing|e|ing to|"
                "to)? (any )?(more|further) (calls|emails|messages|contact|correspondence|"
                "complaints)"
            ),
            "let me be (very |perfectly |absolutely |quite )?clear(?=[:,])",
            _a("(I'll|I will) (only )?say (this|it) once"),
            "let me make (this|that|it|myself) (perfectly |very |absolutely |quite )?clear",
            "(?:(?<=^)|(?<=[.!?]\\s))enough(?=[.!])",
            # Contradiction beyond "you're wrong": "that's simply not true", "you're lying".
            _a(
                "(that's|that is|this is) (simply |just |completely |totally |absolutely |"
                "patently )?(not true|untrue|false|nonsense|rubbish(?!,? (sorry|when|that|for))|"
                "a lie)"
            ),
            _a("you('re| are) (lying|making (this|that|it) up)|you lied"),
            _a("(that's|that is|this is) not what happened"),
            "(get|check) your facts (straight|right)",
            # Orders about what the customer does: "do as you're told", "answer the question",
            # "and stop complaining".
            _a("do (as|what) (you're|you are|you were|I) (told|say|said|asked)"),
            "(?:(?<=^)|(?<=[.!?]\\s))answer (the|my) question",
            # (Seventh round: not the agent's own "I'll do it now while we're on the phone".)
            "(?<!I'll\\x20)(?<!I\\x20will\\x20)(?<!we'll\\x20)(?<!can\\x20)"
            "(?<!I'm\\x20going\\x20to\\x20)do it (now|immediately|at once|right now)",
            _a("(and |just )?stop (complaining|moaning|whining|whinging|arguing|making a fuss)"),
            _a(
                "you'll (send|return|provide|accept|comply|stop|remove|cease|refrain|respect|do as)"
            ),
            # Orders about how the customer behaves towards us: "Don't interrupt me", "don't
            # argue with me", "do not shout" (not "don't interrupt the update").
            _a(
                "(don't|do not) (you )?(ever )?((speak|talk|write) to (me|us|our \\w+|my \\w+|"
                "them|him|her|staff) like (that|this)|interrupt(?= (me|us)|[.!,;])|argue|shout|"
                "yell|swear|talk (over|back)|speak over|answer back|lecture|threaten|patroni[sz]e|"
                "waste (my|our) time|tell (me|us) how to)"
            ),
            "enough is enough",
            "(whether you )?like it or not",
        ),
        "This shuts the customer down or threatens them: aggressive, not assertive.",
        "Here is what I can do",
    ),
    (
        re.compile(
            r"(?:\bor\b(?:\s+else)?|\botherwise\b|\bunless\b|\bif\s+you\s+(?:don['\u2019]t|"
            r"do\s+not|won['\u2019]t|keep|continue|carry\s+on|persist|refuse|fail|(?:call|email|"
            r"contact|message|ring|write|phone|do\s+(?:that|this|it))\s+(?:us\s+|me\s+)?again))"
            r"[^.!?]{0,60}?\b(?:we|I)\s*(?:will|['\u2019]ll|shall|are\s+going\s+to|"
            r"am\s+going\s+to|have\s+no\s+choice\s+but\s+to)?\s+(?:close|cancel|ban|block|terminate|suspend|"
            r"report|end\s+(?:this|the)\s+(?:call|chat|conversation)|hang\s+up|disconnect|"
            r"(?:withhold|keep)\s+(?:your|the)\s+(?:refund|deposit|money|payment)|"
            r"take\s+(?:legal\s+)?action|involve|(?:pass|hand|refer|send)\s+(?:\w+\s+){0,3}?to\s+"
            r"(?:a\s+|our\s+|the\s+)?(?:debt\s+collect|collection|bailiff|solicitor|lawyer|legal|"
            r"court|police)|stop|refuse|charge|blacklist)\w*",
            _FLAGS,
        ),
        *_THREAT_WHY_AND_BETTER,
    ),
    (
        # A loss threatened as the customer's: "send it back today or you lose your refund".
        re.compile(
            r"\bor(?:\s+else)?\s+(?:(?:you|it|this|they|(?:the|your)\s+(?:\w+\s+){0,2}?\w+)"
            r"(?:['\u2019]ll|\s+will|\s+may|\s+might|\s+could)?\s+)?(?:lose|forfeit|"
            r"(?:be|get)\s+(?:charged|cancell?ed|closed|suspended|banned|fined|billed|blocked|"
            r"cut\s+off|disconnected|terminated|rejected|refused|declined|void(?:ed)?|passed|"
            r"referred|reported|removed|deleted|sent\s+back|returned\s+unprocessed))"
            r"\b[^.!?]{0,30}",
            _FLAGS,
        ),
        *_THREAT_WHY_AND_BETTER,
    ),
]

# Fourth round (issue 5): threats, ultimatums and flat refusals of the customer's account in
# shapes the third blind batch showed unseen.
AGGRESSIVE.append(
    (
        _rx(
            # Consequences as a threat: "failure to pay will result in ...", "move it now or
            # it'll be clamped", "will be treated as a breach", "we will take action".
            "failure to (\\w+ ){1,8}(will|may|could|shall) (result in|lead to)",
            _a(
                "or (it|you|your \\w+|this|they)('ll| will) (be |get )?(clamped|towed|charged|"
                "fined|removed|cancelled|canceled|closed|suspended|banned|cut off|disconnected|"
                "reported|binned|disposed of)"
            ),
            "will be treated as (a |an )?(breach|trespass|theft|fraud|misuse|harassment)",
            _a("we('ll| will| shall) take (legal |further |formal )?action"),
            "(is|are|was) defamatory",
            "(recharged|charged back|billed back) to you",
            _a(
                "(don't|do not) expect (us to|me to|(a|the|any|your) ([\\w-]+ ){0,2}(refund|"
                "deposit|compensation|money|credit|payout|discount|goodwill))"
            ),
            # Flat refusal and contradiction: "not our concern", "that's just not right",
            # "it's your router, not our network", "you have now been told three times".
            _a(
                "(is|was|'s|are)( simply| just)? not (our|my) (concern|problem|issue|"
                "responsibility)"
            ),
            _a("(that's|that is) (just |simply )?not (right|true|correct)(?=[,.!;])"),
            _a("(it's|it is|that's) your \\w+,? not (our|us)"),
            _a(
                "you('ve| have) (now )?been told (\\w+ times|repeatedly|several times|"
                "more than once)"
            ),
            # Imperatives to stop, aimed at the customer: "you will need to stop copying ...",
            # "Stop. Just stop talking".
            _a("you('ll| will) (need|have) to stop"),
            "(?:(?<=^)|(?<=[.!?]\\s))stop(?=[.!])",
        ),
        "A threat, ultimatum or flat contradiction escalates the contact; state the limit "
        "calmly, with its reason and what happens next.",
        "To keep this moving, here is what we can do",
        _AGREEING,
    )
)

# Fifth round (issue 5): ultimatums, demands and contradictions in shapes the fourth blind
# batch showed unseen - a consequence after any condition ("failing which enforcement will
# proceed", "or we'll carry on with the collection", "or it will be recycled", "Until you pay
# it ..., enforcement continues", "If payment is not received ..., we will recommend legal
# action", "you may face additional costs"); a demand for this customer's money ("The charge
# stands and must be paid within 14 days", "you'll need to pay it", "You must buy a licence
# today"); a duty put on the customer or theirs ("it's your responsibility to check", "She'll
# have to ring us herself", "please make sure you ventilate the property properly"); and
# flat contradiction of their account ("so you do owe it", "the attendant doesn't make
# mistakes", "you have ignored two reminders").
AGGRESSIVE.append(
    (
        _rx(
            "failing which",
            _a(
                "or (we|I)('ll| will| shall| are going to| am going to)( have to)? (carry on|"
                "continue|proceed|pursue|escalate|instruct|recommend|start|begin|issue|enforce|"
                "apply|add|pass|send|refer|report|contact your|visit|take)\\b[^.!?]{0,50}"
            ),
            _a(
                "or (it|they|this|your [\\w-]+)('ll| will) (be )?(recycled|sold|destroyed|"
                "scrapped|disposed of|written off|forfeited|thrown away|returned to sender|"
                "given away|charged for|cleared|deleted|closed)"
            ),
            "until you (pay|settle|clear|prove|return|provide|show)\\b[^.!?]{0,60}?,? "
            "(enforcement|collection|recovery|action|charges|interest|the (debt|charge|fee))"
            "[^.!?]{0,20}",
            "if (the )?(payment|balance|it|this|the (amount|debt|fee|charge|invoice|bill))( is| "
            "has)? not (been )?(received|paid|made|settled|cleared|returned)[^.!?]{0,40}?(we|I)"
            "('ll| will| shall)[^.!?]{0,60}",
            "you (may|will|could|might) (face|incur|be liable for) (additional|further|extra|"
            "legal|court|enforcement) (costs|charges|fees|action)",
            "(this|it|the (charge|balance|fee|amount|invoice|bill|fine|sum|debt|arrears|penalty|"
            "ticket))( stands and)? (must|has to|needs to) be paid (within|before|by|today|"
            "immediately|in full|now)[^.!?]{0,40}",
            _a("you('ll| will) (need|have) to pay (it|this|that|the|for)\\b[^.!?]{0,50}"),
            "you must (?!have|be )[\\w-]+ [^.!?]{0,40}?\\b(today|now|immediately|at once|without "
            "delay|by (the )?end of)\\b",
            "you must stop",
            _a(
                "(it's|it is|that's|that is|it was|it remains) (entirely |solely |wholly )?your "
                "(responsibility|job|duty|problem|lookout) to"
            ),
            _a(
                "(he|she|they)('ll| will) (just )?have to (ring|call|contact|come|write|apply|do|"
                "sort|speak|email|phone)"
            ),
            "(please )?make sure you [^.!?]{0,40}? (properly|correctly|adequately|as instructed)",
            "(so )?you do (owe|have to pay)",
            "until you (can )?prove otherwise",
            "(the|our) [\\w-]+( [\\w-]+)? (doesn't|does not|don't|do not|never) make "
            "(mistakes|errors)",
            _a(
                "you('ve| have) (now )?(ignored|disregarded|failed to (respond|reply) to|not "
                "responded to) (our|two|three|four|several|repeated|all|multiple|\\d+|the)"
            ),
        ),
        "A threat, a demand or a flat contradiction escalates the contact; say what is owed or "
        "needed and why, calmly, with what happens next.",
        "To keep this moving, here is what we can do",
        _AGREEING,
    )
)
# A threat or order shouted in capitals ("Missed appointments WILL be charged", "DO NOT
# overfill it"): the capitals make it a threat, one aggressive fault (not also provoking).
AGGRESSIVE.append(
    (
        re.compile(
            r"(?<![\w'\u2019])(?:(?:WILL|MUST|SHALL)(?: NOT)? (?:BE |be )?[A-Za-z]+|(?:(?<=^)|"
            r"(?<=[.!?:,]\s))(?:DO NOT|DON['\u2019]T|NEVER) [A-Za-z]+)(?![\w'\u2019])"
        ),
        "A threat or order in capitals reads as shouting at the customer; say it calmly, with "
        "the reason.",
        "Please note that",
    )
)

# Sixth round (issue 5): threats, refusals, contradictions and orders in shapes the fifth
# and sixth blind batches showed unseen - a punishment after a condition of non-payment,
# absence or persistence, whichever comes first ("If we don't hear back by Friday your booking
# will be cancelled", "if no-one is home again a fee will be charged", "if this continues we
# will restrict you", "he will be placed in isolation if he arrives wearing them again",
# "Anything not out by 7am won't be collected"); refusing further contact ("any further
# correspondence ... will not be entertained", "we will not respond to further emails", "Do
# not open further tickets"); flat refusal and finality ("The charge is correct and will not
# be removed", "we're not going to keep refunding", "it's not going to happen", "..., your
# call"); contradiction ("No, that's wrong", "No, you're not listening", "I'm going to stop you
# there", "You did not book X, you booked Y", "your allegation ... is unfounded", "it doesn't
# work like that", "has told you so twice"); orders about conduct ("I'd ask you not to",
# "You are hereby instructed to", "don't go fiddling", "next time, check ...", "don't turn up
# without"); an accusation ruled out of order with a threat ("accusing us of ... is
# unacceptable", "we are considering our options", "pass ... to our legal team").
_PUNISHED = (
    "(be )?(cancell?ed|charged|suspended|closed|terminated|restricted|removed|placed in|"
    "passed (on )?to|referred to|refused|withheld|disposed of|recycled|binned|forfeited|fined|"
    "banned|blocked|reported|issued|added|applied|clamped|towed|disconnected|cut off|struck "
    "off|excluded|sent to|cleared|emptied|sold|destroyed|scrapped|deleted|written off)|apply|"
    "be applied|restrict|consider (the|your|it|this|him|her)|have security|call security|"
    "call the police|end (this|the) call"
)
AGGRESSIVE.append(
    (
        _rx(
            # condition of non-payment, absence or persistence, then the punishment
            "(if|unless|should) [^.!?]{0,70}?(not|n't|no-one|no one|nobody|again|continues?|"
            "carry on|carries on|keep|keeps|persist|fail|fails|late|miss|misses)\\b[^.!?]{0,80}?"
            "(will|'ll|shall) (" + _PUNISHED + ")\\b[^.!?]{0,50}",
            # the punishment, then the condition
            "(will|'ll|shall) (" + _PUNISHED + ")\\b[^.!?]{0,30}? if [^.!?]{0,40}(again|"
            "not|n't|late|continues?)\\b",
            _a(
                "(anything|everything|any \\w+|items?|bins?|it) (not|left) (out|ready|collected|"
                "paid|returned)[^.!?]{0,30}?(won't|will not) be (collected|accepted|refunded|"
                "returned|rebooked)[^.!?]{0,60}"
            ),
            "(any )?further (correspondence|emails|messages|contact|calls|complaints|tickets|"
            "letters)[^.!?]{0,50}?(will not|won't|shall not) be (entertained|answered|"
            "responded to|acknowledged|read|accepted|considered)",
            _a(
                "(we|I)('ll| will| shall)? (not|no longer|won't) (be )?(respond|reply|answer|"
                "engag|correspond|enter)\\w*( to| with| into)? (any )?(further|more|additional)"
            ),
            _a(
                "(do not|don't|please do not) (open|send|raise|submit|create|log|start) (any )?"
                "(further|more|new|additional|another|other) (tickets?|complaints?|emails?|"
                "messages?|chats?|requests?|cases?)"
            ),
            _a(
                "(is|are) (correct|final|valid|accurate|right)( and| so it)? (will not|won't|"
                "cannot|can't|shall not) be (removed|refunded|waived|reversed|changed|cancell?ed|"
                "withdrawn|reduced)"
            ),
            "will not be entertained",
            "(the|your) (balance|bill|invoice|amount|fee|charge|sum|deposit|arrears|remainder)"
            "( of [^\\s.!?]+)? (must|has to|needs to) be paid [^.!?]{0,60}",
            _a("(we're|we are|I'm|I am) not (going to|gonna) keep \\w+ing (you|your|the|any|for)"),
            _a("(it's|it is|that's|that is|this is) (just |simply )?not (going to|gonna) happen"),
            _a("(we|I) (will not|won't) be (paying|covering|refunding|reimbursing) (for )?any"),
            _a("(we|I) (will not|won't|do not|don't) accept any (liability|responsibility)"),
            "either you [^.!?]{0,50}\\bor you\\b[^.!?]{0,30}",
            ", (your|the) (call|choice)(?=[.!])",
            _a(
                "(?:(?<=^)|(?<=[.!?]\\s))no,( (sir|madam|love|mate),)? (that's (wrong|not (right|"
                "true|correct|what))|you('re| are) not\\b|you (did not|didn't)|it (isn't|is not|"
                "wasn't))"
            ),
            _a("(I'm|I am) going to (have to )?stop you( (right )?there)?|let me stop you"),
            _a("you (did not|didn't|never) \\w+[^.!?,;]{0,40}[,;] you \\w+ed\\b[^.!?,;]{0,30}"),
            "your (allegation|claim|accusation|complaint|suggestion|version of events)( that "
            "[^.!?]{0,60}?)? (is|was|are) (entirely |wholly |completely )?(unfounded|baseless|"
            "groundless|without (any )?(merit|basis|foundation)|untrue|false)",
            _a("(it|that|things) (doesn't|does not|don't) work like that"),
            _a("(that's|that is) not how (it|this|things) works?"),
            _a("you (can't|cannot) just [^.!?]{0,50}\\band (demand|expect)"),
            _a(
                "(?<!as\\x20)(has|have) told you so (twice|\\w+ times|repeatedly|already|more "
                "than once)"
            ),
            _a("(I'd|I would|we'd|we would) ask (you|that you) (not to|to stop|to refrain)"),
            "(you are|you're) hereby (instructed|ordered|directed|told|required)",
            "hereby (instructed|ordered|directed)",
            _a("(don't|do not) go \\w+ing"),
            "(?:(?<=^)|(?<=[.!?]\\s)|(?<=\\band\\s))next time,? (please )?(check|read|make sure|"
            "look|ask|think|try|remember)",
            _a(
                "(don't|do not) (turn up|come|arrive|show up|come in|bother coming) (without|"
                "unless|before|after)"
            ),
            "(accusing|posting|calling|threatening|making|spreading)\\b[^.!?]{0,50}?(is|are) "
            "(not acceptable|unacceptable|not appropriate|inappropriate|not on)",
            "(we are|we're|we will be|we'll be) (considering|reviewing|exploring) (our|all "
            "(our|available)) (legal )?options",
            "(pass|forward|refer|send|hand) [^.!?]{0,40}?to (our|the|a) (legal|solicitors?|"
            "lawyers?|police)( team| department)?",
            _a(
                "you('ve| have) (now )?(contacted|called|emailed|rung|written to|messaged|phoned)"
                " (us|me|the \\w+)( about [^.!?]{0,30}?)? (\\w+|\\d+) times"
            ),
            # "Stop posting ..." right after a mention (no full stop before it).
            "(?<=\\s)(?-i:Stop) (posting|tweeting|tagging|messaging|emailing|calling)\\b"
            "[^.!?]{0,40}",
        ),
        "A threat, a refusal, a contradiction or an order escalates the contact; state the "
        "limit calmly, with its reason and what the customer can do next.",
        "To keep this moving, here is what we can do",
        _AGREEING,
    )
)

# Seventh round (issue 5): threats, orders and contradictions the seventh blind batch showed
# unseen, by shape - ending the contact as a threat in any tense ("otherwise I'm putting the
# phone down", "I'll hang up"); a consequence named as a noun that "will follow" ("or legal
# action will follow", "Any further abusive calls will be reported"); bare orders about the
# customer's conduct ("Please stop phoning the engineers", "Read the code of conduct before
# you post again", "Don't be late", "Get your husband to ring us himself", "One of you has to
# leave now", "I've told you, get back ..."); refusing the customer's words ("I'm not having
# you call them cowboys"); telling them they did it wrong ("You've configured it wrong");
# contradiction after a doubled "no" ("No, no, you're not listening"); and shutting the
# conversation down ("There's nothing else I can tell you").
# What the customer does towards us, not with their things ("Stop using the heater until the
# engineer comes" is a safety instruction, not an order about their conduct).
_CONDUCT_VERBS = (
    "(sending|emailing|e-mailing|calling|messaging|contacting|ringing|phoning|writing|"
    "complaining|shouting|swearing|threatening|wasting|arguing|interrupting|demanding|"
    "harassing|posting|tweeting|tagging|chasing|asking|repeating|being|bothering|pestering|"
    "turning up|coming in|visiting|approaching|filming|recording|commenting|spamming|"
    "hassling|badgering|moaning|ranting|obstructing)"
)
AGGRESSIVE.append(
    (
        _rx(
            # ending the contact as a threat
            _a(
                "(otherwise|or|else|if (you|this|that) (don't|do not|keep|carry|continue|won't)"
                "[^.!?]{0,30}?),? (I|we)('m| am|'re| are|'ll| will| shall)( just)?( going to| "
                "have to| be)? (putting|put|hanging|hang|cutting|cut|ending|end|terminating|"
                "terminate)( the phone| you| this call| the call)? (down|up|off|the call|this "
                "call|the conversation|this conversation)"
            ),
            # a consequence named as a noun: "or legal action will follow"
            "(or|otherwise|else|failing that),? (legal|court|further|enforcement|formal|"
            "disciplinary) (action|proceedings|steps|measures) (will|may|shall|would) "
            "(follow|be taken|be started|commence|begin|result)",
            "(any )?(further|more|future|repeated) (\\w+ )?(calls|emails|messages|abuse|"
            "contact|visits|complaints|posts|incidents|behaviou?r|threats|language) "
            "(will|shall|may) (be (reported|recorded|passed|referred|logged|treated|met|"
            "ignored|blocked)|result|lead)\\b[^.!?]{0,40}",
            # bare orders about the customer's conduct
            "(?:(?<=^)|(?<=[.!?;:,]\\s)|(?<=please\\s)|(?<=just\\s)|(?<=now\\s)|(?<=and\\s))"
            "(stop|quit|cease) " + _CONDUCT_VERBS + "\\b[^.!?,;]{0,50}",
            "(?:(?<=^)|(?<=[.!?]\\s)|(?<=,\\s))(read|check|look at|follow|learn|review|study|"
            "consult|familiari[sz]e yourself with) (the|our|your|my|this|that) ([\\w-]+ ){0,3}"
            "before you ([\\w-]+ ){0,3}(again|next time)\\b",
            _a(
                "(?:(?<=^)|(?<=[.!?]\\s))(don't|do not) (be|arrive|come|turn up) (late|rude|"
                "difficult|awkward|cheeky|funny)(?=[.!])"
            ),
            "(?:(?<=^)|(?<=[.!?]\\s)|(?<=,\\s))(get|tell|have) (your|the) [\\w-]+( [\\w-]+)? to "
            "(ring|call|phone|contact|email|write|come in|speak to|message)\\b[^.!?]{0,30}?"
            "\\b(himself|herself|themselves|themself|directly|personally)\\b",
            "(one|some|all|both|two|the rest|any) of you (has|have|need|needs|must|will have) "
            "(to )?(leave|go|move|wait|get out|step out|step back)\\b[^.!?]{0,30}",
            _a(
                "(I've|I have|I already|we've|we have)( already)? told you,? (now )?(get|go|move|"
                "stop|put|sit|stand|wait|leave|step|stay|come|take)\\b[^.!?]{0,50}"
            ),
            _a("(I've|I have|we've|we have) (already )?told you(?=[,.!])"),
            # refusing the customer's words
            _a(
                "(I'm|I am|we're|we are) not having (you|that|this|people|anyone|him|her) "
                "(\\w+ ){0,3}(call|calling|say|saying|speak|speaking|talk|talking|accuse|"
                "accusing|insult|insulting|swear|swearing)\\b[^.!?]{0,30}"
            ),
            _a("(I|we) (won't|will not) have (you|anyone|people) (\\w+ing|call|say|speak|talk)"),
            # telling them they did it wrong
            _a(
                "you('ve| have|'re| are| did| must have)( been)? (configured|set|set up|installed|"
                "entered|typed|filled|read|wired|fitted|plugged|connected|done|doing|used|using|"
                "got|put|misread|misconfigured|misunderstood) (it|this|that|them|the \\w+|your "
                "\\w+)( \\w+)? (wrong|wrongly|incorrectly|badly|the wrong way)\\b[^.!?]{0,40}"
            ),
            # contradiction after a doubled "no"
            _a(
                "(?:(?<=^)|(?<=[.!?]\\s))no,? no,?( no,?)? (you('re| are)|that's|that is|it's|it "
                "is|you (did not|didn't|have not|haven't))\\b[^.!?]{0,40}"
            ),
            # shutting the conversation down
            _a(
                "(there's|there is) nothing (else|more|further) (I|we) can (tell you|say|add|do "
                "for you)(?=[.!])"
            ),
            # orders about the customer's body in person ("Move away from the counter", "Sit
            # down and wait to be called", "Step back")
            "(?:(?<=^)|(?<=[.!?]\\s)|(?<=,\\s)|(?<=\\bnow\\s)|(?<=\\bjust\\s))((move|step|stand|"
            "stay|keep) (away|back|aside)|sit (down|over there)|back off|get out|go away|get away)"
            "(?=[.!,]| from| and| now| please| of)[^.!?,;]{0,40}",
            # a repeat refused, persistence threatened, contact forbidden with "ever"
            _a(
                "(I|we)('m not going to| won't| will not| am not going to) (ask|warn|tell) you "
                "(again|twice|a second time)"
            ),
            _a(
                "(keep (this|that|it) up|carry on( like this)?|do (that|this|it) again)( \\w+){0,3}"
                " and (you|it|this|your \\w+)('ll| will|'re| are)\\b[^.!?]{0,30}"
            ),
            _a(
                "(don't|do not|never) (ever )?(contact|email|call|ring|message|write to|phone) "
                "(us|me|this|our|the)( \\w+)? again"
            ),
            _a(
                "(we|I|they)('ll| will) be (cutting|cancelling|canceling|closing|suspending|"
                "disconnecting|"
                "charging|removing|blocking|banning|taking|passing|referring|stopping|changing)"
                "\\b[^.!?]{0,40}? (if|unless) [^.!?]{0,40}(not|n't|again|late)\\b"
            ),
            "(or|otherwise) (we|I)('ll| will| shall)? (change the locks|bar you|evict|tow|clamp|"
            "cut (you|it|your \\w+) off|withdraw|revoke|disconnect|repossess|keep the (deposit|"
            "money|item))\\b[^.!?]{0,30}",
            # a sanction announced, a bare order to leave, "that's enough", "no arguments"
            _a(
                "you('re| are| have been|'ve been) (now )?(banned|barred|blocked|excluded|"
                "no longer welcome|suspended from)\\b[^.!?]{0,30}"
            ),
            "(?:(?<=^)|(?<=[.!?]\\s))(leave|get out|go home|go away)( (the|this|our) (store|"
            "premises|building|shop|site|office|branch))?( now| immediately| at once)?(?=[.!])",
            _a("(don't|do not) (come back|return|set foot)\\b[^.!?]{0,30}"),
            _a("(that's|that is) enough( from you| of that| now)?(?=[.!])"),
            "not (another|one more) word",
            ",? no (arguments?|ifs,? (and|or) buts|excuses|discussion)(?=[.!])",
            _a(
                "(I|we)('m| am|'re| are) not (going to|gonna) (tolerate|accept|put up with|"
                "stand for|listen to) (this|that|it|abuse|your|any)"
            ),
            "(if|unless) you [^.!?]{0,40}?(again|continue|carry on|keep)[^.!?]{0,20}?, (the|this|"
            "our) (call|chat|conversation|appointment|visit|session|booking) (ends|is over|"
            "stops|is cancelled|is canceled|will end)",
        ),
        "A threat, an order or a flat contradiction escalates the contact; say what you need "
        "and why, calmly, with what the customer can do next.",
        "To keep this moving, here is what we can do",
        _AGREEING,
    )
)

# Eighth round (issue 5): threats, orders and contradictions the eighth blind batch showed
# unseen, by shape - an order to settle up "before you start complaining"; refusing to go on
# ("I'm not going to go round in circles with you", "The answer's no", "full stop"); the
# customer's side blamed against ours ("in your pipework, not ours"); insisting they pay
# regardless ("so you'll be paying it"); a penalty announced ("We will be deducting the cost
# ... from your deposit"); bare orders to leave things or take it elsewhere ("Just leave them
# alone", "Take it up with them", "step aside"); calling someone in as a threat ("Lower your
# voice or I'm calling security"); the customer's next messages refused in advance ("any
# further emails of this kind will be ignored"); and the matter declared closed ("We consider
# this matter closed").
AGGRESSIVE.append(
    (
        _rx(
            _a(
                "before you (start |go |even think about |carry on |come |begin |bother )?"
                "(complaining|"
                "moaning|posting|tweeting|shouting|accusing|blaming|ranting|kicking off|having a"
                " go|complain|moan|post|tweet|accuse|blame|criticising|criticizing)\\b"
                "[^.!?]{0,40}"
            ),
            _a(
                "(I'm|I am|we're|we are) not (going to|gonna|about to) (go (round|around) in "
                "circles|argue|debate|discuss (this|it) (any ?more|further|again)|have this "
                "(conversation|argument|discussion)|go over (this|it) again)\\b[^.!?]{0,20}"
            ),
            _a(
                "(I|we) (won't|will not) (go (round|around) in circles|argue|debate|discuss "
                "(this|it) "
                "(any ?more|further|again)|be (entering|drawn) into)\\b[^.!?]{0,20}"
            ),
            _a(
                "(?<=,\\x20)(end of (story|discussion|conversation)|and that's (final|that|the end "
                "of it))(?=[.!])"
            ),
            # (A rule closed with "full stop" is the rule quoted, as the labelled set has it;
            # the customer's side blamed against ours and then closed is the contradiction.)
            _a(
                "your [\\w-]+( [\\w-]+)?, not (ours|us|our [\\w-]+|mine),? (full stop|end of story|"
                "period)(?=[.!])"
            ),
            _a(
                "you('ll| will| are going to|'re going to) (still )?(be paying|pay|have to pay) "
                "(it|that|this|the ([\\w-]+ )?[\\w-]+)( (regardless|anyway|either way|whether you "
                "like it or not|like it or not))?(?=[.!])"
            ),
            _a(
                "(we|I)('ll| will| are going to|'re going to| shall)( now| then| therefore)?( be)?"
                " (deduct|deducting|withhold|withholding|retain|retaining|keep|keeping) (the (full"
                " )?(cost|amount|fee|charge|sum)|£?\\d[\\d,.]*)[^.!?]{0,40}? from your (deposit|"
                "bond|wages|salary|refund|compensation)\\b[^.!?]{0,20}"
            ),
            "(?:(?<=^)|(?<=[.!?]\\s)|(?<=,\\s))(just )?leave (it|them|that|those|the [\\w-]+) "
            "(alone|be)(?=[.!])",
            "(?:(?<=^)|(?<=[.!?]\\s))(just |you can |you'll have to |you will have to )?(take|"
            "raise) (it|that|this) up with (them|the [\\w-]+|your [\\w-]+|whoever [^.!?]{1,30})"
            "(?=[.!])",
            "(or )?(step|move|stand) (aside|out of the way|to one side)\\b[^.!?]{0,30}",
            _a(
                "(?:(?<=^)|(?<=[.!?]\\s))((lower|keep down) your voice|keep your voice down)"
                "(?= or\\b|[.!])|or (I'm|I am|we're|we are|I'll|"
                "we'll|I will|we will) (calling|call|ringing|ring|phoning|phone|getting|get|"
                "fetching|fetch) (security|the police|the manager|my manager|a manager|the "
                "guards?|the bailiffs|bailiffs|a bailiff)"
            ),
            "(any|all) (further|more|future|other|subsequent) [\\w-]+( [\\w-]+){0,3} (will|shall|"
            "'ll) (be|go) (ignored|deleted|binned|unanswered|left unanswered|not (be )?(answered|"
            "responded to|read|acknowledged))",
            _a(
                "(we|I) (will|shall|'ll) not (tolerate|accept|put up with) (threats|abuse|"
                "language|behaviour|behavior)\\b((?! and )[^.!?,]){0,40}"
            ),
            _a(
                "(we|I) (now )?(consider|regard|deem|treat) (this|the|that|your) (matter|complaint|"
                "case|issue|correspondence|conversation|discussion|query) (as )?(now )?(closed|"
                "resolved|finished|concluded|at an end)"
            ),
            "(this|the|that) (matter|correspondence|conversation|discussion) is (now )?(closed|at"
            " an end|concluded|over)(?=[.!])",
            _a(
                "(we|I) (will|shall|'ll) not (be )?(entering into|responding to|engaging in|"
                "replying to) (any )?(further )?(correspondence|discussion|emails|messages)"
            ),
        ),
        *_THREAT_WHY_AND_BETTER,
    )
)

# Tenth round (issue 5): threats, orders and contradictions the tenth blind batch showed
# unseen, by shape - the customer's claim dismissed as baseless ("so there are no grounds for
# any further complaint", "there's nothing to refund"); the fault turned back on them ("you
# must have knocked it yourself", "that isn't something our engineers would do", "it was like
# that when you brought it in"); their account refused as unproven ("you can't just accuse our
# staff without evidence"); our people declared right ("our staff acted entirely correctly");
# an ultimatum that calls in enforcement ("or I'm ringing the towing company"); an order to
# stop interrupting; and conduct that "will not be tolerated".
_ENFORCERS = (
    "(the )?(clampers?|towing (company|firm|truck)|tow truck|enforcement (officers?|agents?|"
    "team)|debt collectors?|(a |the )?collection agency|solicitors?|lawyers?|legal team|"
    "council|wardens?|parking enforcement|bailiffs?|police|security)"
)
AGGRESSIVE.append(
    (
        _rx(
            _a(
                "(there's|there is|there are|there was|you have|you've got) (no basis|no grounds|"
                "no case|nothing) (for|to) (a |an |any |your )?(further |valid )?(claim|complaint|"
                "refund|compensation|appeal|dispute|investigate|answer|apologi[sz]e for)\\b"
                "[^.!?]{0,30}"
            ),
            _a(
                "you (must|will|would)('ve| have) [a-z]+(ed|en|t) ([\\w-]+ ){0,3}(yourself|"
                "yourselves)\\b"
            ),
            _a(
                "(that's|that is|that isn't|that's not|it's not|it isn't|it is not|that is not) "
                "(not )?(something|what|the kind of thing) (our|my|the) [\\w-]+ (would|could|"
                "will|do|did)( ever)?( have)?( (do|done|cause|caused))?\\b"
            ),
            "(it|they|this|that|the [\\w-]+) (was|were) (like that|already (damaged|broken|"
            "marked|scratched|stained|shrunk|faulty|torn|chipped|dented|cracked)) (when|before) "
            "(you|it|they) (dropped|brought|handed|sent|delivered|left|gave|returned|booked|"
            "posted)\\b[^.!?]{0,20}",
            _a(
                "you (can't|cannot|can not) (just )?(say|claim|accuse|blame|assume|allege|go "
                "(round|around) saying)\\b[^.!?]{0,40}?\\b(without|with no) (any )?(proof|"
                "evidence)\\b"
            ),
            "(our|the) ([\\w-]+ ){0,2}(staff|stewards?|drivers?|team|fitters|engineers?|officers?|"
            "agents?|guards?|security|lads|crew|wardens?|staff members?|employees?) (acted|"
            "behaved|did) (entirely |completely |perfectly |quite )?(correctly|appropriately|"
            "properly|within (the|their) rights|nothing wrong|everything right|by the book)"
            "\\b[^.!?]{0,20}",
            _a(
                "or (I'm|I am|we're|we are|I'll|we'll|I will|we will) (calling|call|ringing|"
                "ring|phoning|phone|getting|get|fetching|fetch|reporting (you|it|this) to) "
                + _ENFORCERS
                + "\\b"
            ),
            _a(
                "(I need you to |you need to |can you |will you |please )?(stop|quit) "
                "(interrupting|talking over|cutting across|cutting in on) (me|us)\\b[^.!?]{0,40}"
            ),
            "(will|shall|is|are)( not|n't) (be )?tolerated(?=[.!])",
        ),
        *_THREAT_WHY_AND_BETTER,
    )
)

# Our people, for admissions that name who did the damage ("our installer didn't fit it").
_STAFF = (
    "(engineer|driver|courier|staff|team|technician|fitter|installer|agent|colleague|"
    "warehouse|store|delivery team|assessor|packer|packers|plumber|electrician|surveyor|"
    "contractor|crew|workmen|fitters|installers|engineers|drivers|technicians|colleagues|"
    "team member|tech|techs|rep|reps|representative|adviser|advisor|handyman|operative|"
    "workers|removal team|delivery crew|\\w+ team)"
)
# Work not done as it should have been, in the same clause: "didn't fit the fridge properly".
_WORK_NOT_DONE = (
    "[^.!?;:,]{0,40}?(properly|correctly|right(?! (away|now|here|there|after|back))|securely|"
    "safely|carefully|as (he|she|they|we|it) should( have)?|in line with|to standard)"
)

# Why an admission matters and what to say instead: shared by every admits_fault rule.
_ADMITS_FAULT_WHY_AND_BETTER = (
    "Admitting fault or liability before the facts are established can commit the "
    "organisation; show you understand without conceding blame.",
    "I'm sorry this has happened, and I'm finding out exactly what went wrong",
)

ADMITS_FAULT: list[Rule] = [
    (
        _rx(
            _a(
                "(it's|it is|it was|this is|this was|that's|that is|that was) (all |entirely "
                "|completely |totally )?(our|my) (own )?(fault|mistake|error|failure|failing|"
                "oversight|doing)"
            ),
            "our fault",
            "we were (negligent|careless|at fault|in the wrong|to blame)",
            "our negligence",
            _a("we('ve| have)? made (a|an) (mistake|error|blunder)"),
            _a("we('ve| have)? (messed|screwed|mucked) (this |it |things )?up"),
            _a(
                "we('re| are) (fully |entirely |clearly |completely )?(liable|to blame|at fault|"
                "in the wrong|responsible for (this|the damage|your loss))"
            ),
            "we (accept|admit|take|acknowledge|concede|assume|recognise|recognize) (full |all |"
            "total |sole )?(liability|responsibility|the blame)",
            "we got (it|this) (completely |totally |all |badly |so |very |really )?wrong",
            "we (\\w+ )?dropped the ball",
            "(we|I|our \\w+) (slipped up|goofed|blundered|fouled up|cocked up|fumbled)",
            "(is|are|was|were) (entirely |fully |wholly )?our responsibility",
            f"(our|my) {_STAFF} (didn't|did not|failed to|never) follow (the|our) (process|"
            "procedure|instructions|guidelines|checklist)",
            "our (engineer|driver|courier|staff|team|technician) (broke|damaged|lost|caused)",
            _a("we('ve| have)? (broke|broken|damaged|lost) your"),
            "we admit",
            "(a|an) (mistake|error|blunder|oversight|failing|failure|lapse) (on|by) (our|my) "
            "(part|side|end)",
            "(our|my) (mistake|blunder|bad|oversight|negligence)",
            "(negligence|carelessness) on our (part|side|end)",
            "we were wrong( to \\w+)?",
            "(we|I|our \\w+) got (it|this|that|your \\w+|the \\w+) (completely |totally |all "
            "|badly |so |very |really )?wrong",
            # Our staff at fault, in so many words: "our engineer was negligent", "our installer
            # didn't fit it properly", "our driver failed to ...".
            f"(our|my) {_STAFF} (was|were|is|are) (\\w+ly )?(negligent|careless|at fault|to blame|"
            "in the wrong|wrong|responsible for (this|the damage|the loss|your loss)|"
            "unprofessional)",
            f"(our|my) {_STAFF} (failed|forgot|neglected) to",
            _a(
                f"(our|my) {_STAFF} (didn't|did not|never|wasn't|weren't|was not|were not) "
                f"{_WORK_NOT_DONE}"
            ),
            _a(f"(we|I) (didn't|did not|failed to) {_WORK_NOT_DONE}"),
            f"we never {_WORK_NOT_DONE}",
            "the (fault|blame|responsibility)( for (this|that|it))? (lies|is|rests|sits) (entirely "
            "|squarely |wholly )?"
            "(with|on) (us|me|our \\w+)",
            # The mistake named as ours: "the mistake was ours", "this one is on us", "this was
            # our doing", "we sent the wrong size by mistake", "we mistakenly cancelled".
            "(the )?(mistake|error|fault|blame|oversight)( here)? (is|was|lies) (all |entirely |"
            "completely |wholly )?(ours|mine|our own)",
            _a(
                "(this|that|it)( one)?('s| is| was) (all |entirely |completely |squarely |"
                "totally )?(on us|on me|down to us|down to me|our doing|our responsibility|our "
                "own doing)"
            ),
            "(we|I|our \\w+) (have |has )?(mistakenly|wrongly|incorrectly|accidentally|"
            "wrongfully|erroneously) \\w+",
            "(we|I|our \\w+) (sent|charged|cancell?ed|billed|booked|deleted|closed|took|"
            "delivered|posted|applied|debited|shipped|gave|told)[^.!?;:,]{0,40}? (by mistake|in "
            "error|by accident|accidentally|wrongly|incorrectly)",
            _a("we('ve| have)? (failed|let) (you|you down)(?! if)"),
            # (The same after a verb in "-ed" is a rule of its own below, so that this one's
            # first-character gate can skip most positions: tenth round, for speed.)
            "(while|when) (it was|they were) (in our (care|hands|possession|van|"
            "warehouse|depot|custody)|with us|being (delivered|fitted|installed|moved|handled) by "
            "(us|our \\w+))",
            _a(
                f"(we|I|(our|my|the) {_STAFF}) should('ve| have) (checked|told|called|sent|done|"
                "noticed|caught|spotted|"
                "known|warned|informed|made sure|double-checked|asked|confirmed|fixed|acted)"
            ),
            "(I|we) (admit|concede|acknowledge|accept) (that )?(we|our \\w+|it was our|this was "
            "our|the (mistake|error|fault) was)",
            _a(
                f"(we|I|our \\w+( \\w+)?|the {_STAFF})( have| has|'ve)?( \\w+ly)? made (a|an|"
                "the|this|that|"
                "some|a few) "
                "(\\w+ ){0,2}(mistake|error|blunder|mess|mix-up|hash|muddle)s?"
            ),
            "(the )?(mistake|error|fault|blunder|oversight|problem) (was|is|lies) (on|at) (our|my) "
            "(end|side|part)",
            # (Tenth round: not "our supplier delivered the wrong model", a third party.)
            "(we|I|our (?!(suppliers?|manufacturers?|couriers?|wholesalers?|carriers?|"
            "distributors?)\\b)\\w+( \\w+)?) (sent|delivered|gave|charged|booked|posted|put|fitted|"
            "installed|ordered|shipped|packed|used|printed|quoted|fitted) (you |it to )?(the wrong|"
            "someone else's|an incorrect|the incorrect|a faulty|a damaged|a broken)",
            "(we|I|our \\w+) caused (the|this|that|your|a|an|some)",
            "(we|our \\w+) (sent|delivered|posted|shipped|took|booked|charged|fitted|installed|"
            "addressed)( \\w+){0,3} (to|at|for|on|with) (the wrong|an incorrect|the incorrect)",
            f"(our|my) {_STAFF} (left|forgot) (the|your) (\\w+ )?\\w+ (open|on|running|unlocked|"
            "behind|unplugged|switched off)",
            "(the|our) (\\w+ )?(work|fitting|installation|install|repair|service|workmanship|job) "
            "(was|were) (\\w+ )?(substandard|sub-standard|not up to (scratch|standard)|below "
            "(standard|par)|shoddy|botched|poor)",
            _a(
                "(we|I|our \\w+)( have|'ve)? (overlooked|ignored|mislaid|misread) your "
                "(email|letter|message|call|request|complaint|note|instructions|order)"
            ),
            _a(
                "(we|I|our \\w+( \\w+)?)( have|'ve)? (gave|given|told|sent|quoted) you (the |a )?"
                "(wrong|incorrect|bad|misleading|inaccurate|false) (advice|information|details|"
                "info|price|date|time|instructions)"
            ),
            "(let|allowed) (this|it|that|your \\w+) (slip|fall) through the (cracks|net)|(slipped|"
            "fell) through the (cracks|net)",
            _a(
                "(was|were|that's|that is|it's|it was|this was) (very |so |really |totally )?"
                "(wrong|careless|unacceptable|negligent|thoughtless|sloppy) of us"
            ),
            _a(
                "we('ve| have)? been (negligent|careless|at fault|in the wrong|sloppy|incompetent|"
                "too slow)"
            ),
            _a(
                f"(our|my) {_STAFF} (should(n't| not| never)|ought not to) have|"
                "(we|I|our \\w+)( have| has|'ve)? (got|mixed|muddled) (it|this|that|the \\w+|your "
                "\\w+|things)( \\w+)? (mixed|muddled) up|(we|I) (mixed|muddled) up"
            ),
            f"(our|my) {_STAFF}[^.!?;:,]{{0,40}}? and (broke|damaged|lost|flooded|scratched|"
            "dented|cracked|smashed|ruined|scuffed)",
            _a(
                "our (\\w+ )?(system|website|site|app|software|portal) (overcharged|double[- ]\\w+|"
                "charged you (twice|again)|wrongly|mistakenly|lost|deleted|cancell?ed|failed to|"
                "didn't|did not)"
            ),
            f"(our|my) {_STAFF} "
            "(reversed into|backed into|drove into|crashed into|knocked (over|into)|hit|"
            "broke|damaged|lost|caused|scratched|dented|cracked|smashed|dropped|ruined|flooded|"
            "forgot|misplaced|mis-?sold|overcharged|scuffed|tore|ripped|spilled|spilt)",
            "(the|this|that|your) (\\w+ ){0,2}(was|were) (caused|damaged|broken|lost|scratched|"
            "dented|cracked|ruined|scuffed) (by|during|in|on|while) (our|us|me|my)( \\w+)?",
            # Our error named as the cause: "it's down to our error", "due to a mistake on our
            # part"; things we lost or forgot: "we lost track of", "we forgot to cancel".
            # Third round: our work named as the cause ("the result of our engineer's poor
            # workmanship"), our staff's act as a guess ("our technician must have caused the
            # leak", "one of our warehouse staff stole it"), liability for the loss ("we're
            # responsible for every overcharge").
            "(down to|due to|because of|caused by|the result of|result of|a result of) (our|my) "
            "(\\w+['\u2019]s )?(poor|bad|shoddy|substandard|sub-standard|careless|faulty|sloppy) "
            "(workmanship|work|fitting|installation|handling|packing|service|repair)",
            f"(one of )?(our|my) (\\w+ )?{_STAFF}s?( \\w+)? (must|may|might|will|would|could|"
            "seems to|appears to)( well| probably| clearly)? have (caused|broken|damaged|knocked|"
            "scratched|dropped|lost|mislaid|misplaced|flooded|cracked|dented|ruined|left|forgotten|missed|"
            "stolen|taken|mishandled|crushed|bent|torn|marked)",
            f"(one of )?(our|my) (\\w+ )?{_STAFF}s? (stole|took|pocketed|nicked|kept|sold) "
            "(it|your|the)",
            _a(
                "(we|I)('re| are| am|'m| were| was) (\\w+ly )?(liable|responsible|to blame) for "
                "(\\w+ ){0,2}(overcharges?|damage|loss|losses|errors?|mistakes?|delays?|faults?|"
                "mess|leak|breakage|injury|injuries|charges?|problems?|failures?|the (mix-up|"
                "mistake|error))"
            ),
            "(down to|due to|because of|caused by|the result of|result of) (our|my) (own )?"
            "(\\w+ )?(error|mistake|oversight|negligence|fault|blunder|carelessness)",
            _a("we('ve| have)? lost (track of|sight of|your)"),
            _a(
                "(we|I)( have|'ve)? (forgot|forgotten|neglected|failed) to (cancel|send|book|"
                "refund|process|add|update|tell|pass|arrange|order|call|include|remove|stop|check|"
                "record|log|post|deliver|fit|return)"
            ),
            _a(
                "(it's|that's|that one's|this one's|this is|that is|it is) (on us|on me|down to us)"
            ),
            _a(
                "we('ve| have)? (broke|damaged|ruined|scratched|dented|overcharged|double[- ]"
                "charged|mis-?sold|flooded|mishandled|mislaid|misplaced|misdelivered|mislabell?ed)"
            ),
            # Our people, or the one who came, doing the damage or failing you: "our courier
            # mishandled", "the technician damaged your floor", "our staff let you down".
            f"(our|my) {_STAFF} (mishandled|mis-handled|mislaid|misplaced|mislabell?ed|"
            "misdelivered|misdirected|overcharged|double[- ]charged|let you down|failed you)",
            "the (engineer|technician|driver|courier|fitter|installer|plumber|electrician|"
            "delivery team|removal team|crew) (damaged|broke|scratched|dented|cracked|smashed|"
            "ruined|scuffed|flooded|marked|stained) (your|the)",
            _a("(we|I) (should(n't| not| never)|ought not to) have"),
        ),
        *_ADMITS_FAULT_WHY_AND_BETTER,
        # (Tenth round: "we'll pay the fee if the test finds we were at fault": a condition.)
        re.compile(
            r"\bif\s+(?:it|the\s+\w+|they|an?\s+\w+)\s+(?:finds?|shows?)\s+(?:that\s+)?$", _FLAGS
        ),
    ),
    (
        _rx(
            "(\\w+ed|broke|broken|lost|went missing) (while|when) (in our (care|hands|possession|"
            "van|warehouse|depot|custody)|being (delivered|fitted|installed|moved|handled) by (us|"
            "our \\w+))",
        ),
        *_ADMITS_FAULT_WHY_AND_BETTER,
    ),
]

# Fourth round (issue 5): admissions in shapes the third blind batch showed unseen - the
# blame put on our people, product or system in any words, liability accepted, a known defect.
ADMITS_FAULT.append(
    (
        _rx(
            _a(
                "(it's|it is|that's|that one's|this is|that is|it was|this was) (definitely |"
                "completely |entirely |totally |absolutely |all |fully |100% )(on us|our fault|"
                "down to us)"
            ),
            _a("(is|was|'s)( all| entirely| completely| totally| definitely)? down to (us|our)\\b"),
            _a(
                "we('ve| have)? (completely |totally |really |badly |well and truly )(messed|"
                "screwed|mucked|cocked) (\\w+ )?(up)"
            ),
            _a("we('re| are) (totally |legally |absolutely |100% )?(liable|to blame)"),
            "(accept|take|taking|accepting) (full |all |complete |total )?(liability|"
            "responsibility for (the|this|any|your|what))",
            "(our|the) [\\w-]+['\u2019]s (fault|error|mistake)",
            "(failure|error|mistake|fault|oversight|negligence) on our part",
            "failed in (its|our|their|his|her) duty",
            _a(
                "we('ve| have) (broken|breached) (the law|the rules|the regulations|our contract|"
                "the contract|your contract)"
            ),
            "we accept that (we|our|the \\w+) (failed|got|made|was|were|broke|did)",
            "(a )?known (manufacturing |design )?(defect|fault|issue) (that|which) we",
            # Our people or product doing it wrong: "our plumber fitted it badly", "wired
            # wrong by our fitter", "our instructions were plainly wrong", "our software
            # update is what corrupted your invoices", "our mechanic must have left".
            f"(our|my) {_STAFF} (\\w+ )?(fitted|installed|wired|connected|set|put|did|left|"
            "packed|handled|sealed|plumbed|built|assembled) (it|them|the [\\w-]+|your [\\w-]+)"
            "( [\\w-]+)? (badly|wrongly|incorrectly|wrong|loose|improperly|poorly)",
            f"(wired|fitted|installed|set up|connected|packed|labell?ed|addressed) (up )?(wrong|"
            f"wrongly|incorrectly|badly|improperly) by (our|the) {_STAFF}",
            f"down to our ({_STAFF}|lads|people|guys|system|software) (not|failing|forgetting)",
            f"our {_STAFF} must have",
            "our ([\\w-]+ ){1,3}(was|were) (plainly |clearly |simply |just |obviously )?(wrong|"
            "faulty|defective|incorrect|at fault|to blame)",
            "our ([\\w-]+ ){1,3}(is|was) what (caused|corrupted|broke|damaged|cracked|ruined|"
            "wiped|deleted)",
        ),
        *_ADMITS_FAULT_WHY_AND_BETTER,
    )
)

# Fifth round (issue 5): admissions in shapes the fourth blind batch showed unseen - our
# people's act with a sure adverb between ("our driver clearly damaged the TV", "our floor
# staff clearly left that spill"), a named member of staff who "should not have", liability
# owned by the organisation in the third person ("the store is responsible", "the venue is
# legally responsible for any costs"), the cause put on us as a certainty ("definitely caused
# by our installer", "almost certainly from our pool chemicals", "that's why you slipped"),
# our own loss of the customer's things ("we've clearly lost your passport"), acceptance in
# other words ("I hold my hands up", "we accept that he was negligent", "we recognise that
# the surface was poorly maintained"), "a clear mistake by our events manager".
ADMITS_FAULT.append(
    (
        _rx(
            f"(our|my) ([\\w-]+ )?{_STAFF} (clearly|obviously|definitely|evidently|certainly|"
            "plainly|undoubtedly|must have|has|have|had) (damaged|broke|broken|cracked|"
            "scratched|dented|lost|left|mishandled|dropped|smashed|ruined|caused|flooded|"
            "mis-?sold|misled|forgot|ignored|knocked|spilled|spilt)",
            "(Dr|Mr|Mrs|Ms|Miss) [A-Z][a-z]+ (should(n't| not| never)|ought not to) have",
            _a(
                "(we're|we are|the (store|venue|company|shop|hotel|gym|practice|business|"
                "council|landlord|airline|garage|salon|centre|center|club|site))( is| are)? "
                "(legally |fully |entirely |totally |wholly )?(responsible|liable)(?=[.,;!]| for "
                "(any|all|the|your) ([\\w-]+ )?(costs?|damage|injur|loss|expens|bills?|"
                "treatment))"
            ),
            "(was|were|is) (definitely |clearly |certainly |obviously |undoubtedly |almost "
            "certainly |most likely )caused by (our|the) ",
            "(almost certainly|definitely|clearly|obviously|undoubtedly|certainly) (from|due to|"
            "caused by|because of|down to) our",
            _a(
                "(and )?that's why you (slipped|fell|tripped|were injured|got hurt|were ill|got "
                "ill|were burned|were burnt|cut yourself)"
            ),
            _a(
                "we('ve| have) (clearly |obviously |definitely |somehow )?(lost|damaged|broken|"
                "misplaced|mislaid|destroyed|shredded|thrown away) your"
            ),
            _a("(I|we)('ll| will)? (hold|put) (my|our) hands? up"),
            "(we|I) (accept|admit|acknowledge|agree|recognise|recognize) that ([^.!?]{0,60}?)"
            "(negligent|at fault|to blame|careless|poorly|badly|not properly|inadequately|"
            "caused your|our fault|our mistake|was wrong|were wrong)",
            "(a|an|the) (clear |big |serious |genuine |obvious |major )?(mistake|error|failure|"
            "blunder) (by|of) our",
        ),
        *_ADMITS_FAULT_WHY_AND_BETTER,
    )
)

# Sixth round (issue 5): admissions the fifth and sixth batches showed unseen, by shape -
# negligence or liability said of the organisation in any words ("the council has been
# negligent", "handled your cancellation negligently", "is liable for the damage", "for which
# the Society accepts responsibility"); the error named as ours after the fact ("the charge
# was our error"); our system, process or department judged a failure ("our cancellation
# system clearly failed you", "our scheduling is a shambles", "a failure in our own
# checks"); a duty we did not do ("we should have given you ... and we failed to do so",
# "money we had no right to", "that car shouldn't have left the lot"); our people's act
# judged wrong ("our tutor marked your essay unfairly"); conceding ("I must concede", "I can
# only agree that our ..."); a certain cause ("the damage was almost certainly us"); a
# known decline ("our inks aren't what they used to be").
ADMITS_FAULT.append(
    (
        _rx(
            _a(
                "(?<!not\\x20)(?<!never\\x20)(has been|have been|had been|was|were|is|are|acted) "
                "(grossly |clearly |plainly )?negligent"
            ),
            "negligently",
            _a(
                "(?<!not\\x20)(?<!n't\\x20)(?<!cannot\\x20)(?<!you\\x20)(?<!you'll\\x20)"
                "(?<!you\\x20will\\x20)(?<!you're\\x20)(?<!you\\x20may\\x20)(is|are|was|were|be|"
                "being) (fully |entirely |solely |wholly )?liable (for|to)"
            ),
            _a(
                "(?<!not\\x20)(?<!n't\\x20)(?<!cannot\\x20)(accepts|accepted|accepting|takes|took)"
                " (full |complete |total )?(responsibility|liability)"
            ),
            _a(
                "(was|were|is) (entirely |all |completely )?(our|my) (own )?(error|fault|mistake|"
                "doing|oversight)"
            ),
            _a(
                "our (own )?[\\w-]+( [\\w-]+)? (has |have )?(clearly |obviously |completely |"
                "simply )?(failed you|let you down|(is|are|was|were) (a|in) (total |complete |"
                "bit of a |absolute )?(shambles|mess|disaster|chaos|state))"
            ),
            "a failure (in|of|by) our (own )?",
            _a("(and|but) (we|I) (failed|neglected) to (do so|do that|do this|\\w+ (it|you|them))"),
            _a("(we|I) had no right to"),
            _a(
                "(should not|shouldn't|should never|ought not to) have (left|been (sent|released|"
                "sold|allowed|passed|approved|let out))"
            ),
            "our [\\w-]+ [\\w-]+ed (your|the|it|them|his|her)( [\\w-]+)? (unfairly|wrongly|"
            "incorrectly|badly|poorly|carelessly|improperly|negligently)",
            _a("(I|we) (must|have to|can only) (concede|agree that (our|we|the|this|it))"),
            "(was|were|is) (almost certainly|definitely|probably|clearly|obviously) (us|down to us"
            "|our fault|our doing)",
            "(our|the) [\\w-]+ (aren't|isn't|are not|is not) what (they|it) used to be",
        ),
        "This admits fault before the facts are established; say you are sorry it happened and "
        "what you will do.",
        "I'm sorry this happened, and here is what I will do",
    )
)

# Seventh round (issue 5): admissions the seventh blind batch showed unseen, by shape - a
# judgement of ourselves with any adverb ("we were completely negligent", "we were definitely
# negligent"); the fault named as ours in any noun ("clearly our failing", "It's our mess");
# our people guessed at as the cause, with a hedge or in the passive ("our tech probably broke
# it", "it was cracked by our lads during fitting"); our own system judged broken ("it's our
# system that's broken"); a wrong done to many ("We've been overcharging loads of people").
_OUR_PEOPLE = (
    _STAFF[:-1] + "|lads|guys|boys|people|folk|men|team|receptionists?|nurses?|doctors?|"
    "cleaners?|guards?|security|managers?|assistants?|clerks?|cashiers?|waiters?|waitress|"
    "chefs?|instructors?|teachers?|tutors?|officers?|caseworkers?|attendants?|stewards?|"
    "conductors?|porters?|carers?|rider|riders|crew member)"
)
_DAMAGE = (
    "(broke|broken|damaged|cracked|scratched|dropped|lost|caused|dented|snapped|chipped|"
    "smashed|marked|ripped|torn|bent|knocked|flooded|cut|missed|forgot|left)"
)
ADMITS_FAULT.append(
    (
        _rx(
            "(we|I|our [\\w-]+( [\\w-]+)?) (were|was|have been|had been|are|is|'ve been|'re) "
            "([a-z]+ly )(negligent|careless|at fault|to blame|in the wrong|sloppy|incompetent)",
            _a(
                "(it's|it is|it was|this is|this was|that's|that is|that was|was|were|is) "
                "(\\w+ly |all |just )?(our|my) (own )?(failing|failure|mess|doing|bad|"
                "cock-?up|screw-?up|blunder|slip-?up|oversight|shortcoming)\\b"
            ),
            f"(our|my) {_OUR_PEOPLE} (probably|must have|may have|might have|likely|possibly|"
            f"definitely|clearly|obviously|undoubtedly|evidently)( have)? {_DAMAGE}\\b",
            f"(was|were|got|been) (probably |definitely |clearly |likely |obviously )?"
            f"({_DAMAGE[1:-1]}|caused|done|damaged|broken|torn) by (our|one of our|my) "
            f"([\\w-]+ )?{_OUR_PEOPLE}\\b",
            _a(
                "our [\\w-]+( [\\w-]+)?( that| which)?('s| is| was|'s been| has been| have been| "
                "are| were) (\\w+ly )?(broken|faulty|at fault|to blame|the (problem|cause|"
                "culprit))\\b"
            ),
            _a(
                "(we've|we have|we've been|we have been|we were|we're|we are) (\\w+ly )?"
                "(over|double|wrongly |mis|incorrectly )-?(charging|charged|billing|billed|"
                "debiting|debited) (loads of |lots of |many |a lot of |all |other |hundreds of |"
                "dozens of )?(people|customers|everyone|users|members|accounts)"
            ),
            _a(
                "(we|the team|our [\\w-]+( [\\w-]+)?|the [\\w-]+ team) (should never|should not|"
                "shouldn't|ought never to|ought not to) have (been )?[a-z]+"
            ),
            _a(
                "(which|and|but) (he|she|they|we) (shouldn't|should not|should never|ought not to)"
                " have\\b"
            ),
            _a(
                "(we|I)('ve| have)? (really |completely |totally |properly |well and truly )?"
                "(messed|screwed|mucked|cocked|fouled) ([\\w-]+ ){0,3}up"
            ),
            f"(our|my) {_OUR_PEOPLE} ([a-z]+ly )?(wasn't|was not|weren't|were not|didn't|did not)"
            " (paying attention|being careful|careful|thinking|concentrating|looking|listening|"
            "taking care|doing (his|her|their) job)",
            _a(
                "our (own )?[\\w-]+( [\\w-]+)? (has|have|'s) been (a |an )?(total |complete |"
                "absolute |bit of a )?(shambles|mess|disaster|chaos|nightmare|joke)"
            ),
            "(we|I)( [a-z]+ly)? (forgot|overlooked|neglected|ignored|mislaid|misplaced) (about |to "
            "\\w+ )?(your|the|it|them|you)\\b",
            f"(our|my) {_OUR_PEOPLE} (was|were|has been|have been) (\\w+ )?(rude|unhelpful|"
            "dismissive|unprofessional|incompetent|in the wrong|out of order|careless)",
            _a("(which|and that|and this)('s| is| was) (all |entirely )?on us"),
        ),
        *_ADMITS_FAULT_WHY_AND_BETTER,
        # (Not after "if", a negation, or someone's account of it: "your allegation that ...")
        re.compile(
            r"\b(?:if|whether|unless|not|n't)\b[^.!?,;]*$|\b(?:allegations?|claims?|suggestions?|"
            r"accusations?|complaints?|reports?|say|says|said|feel|felt|think|thought|believe)\s+"
            r"that\s+$",
            re.IGNORECASE,
        ),
    )
)


POLICY_PHRASES = _rx(
    "(our |the )?company policy",
    "(it is|it's) (our|the) policy",
    # "That's our policy", "this is simply the rule": the rule named as the whole answer.
    _a(
        "(that|this|it)('s| is| was) (simply |just |strictly |always been )?(our|the|company|"
        "standard) (policy|rules?|procedure|protocol)"
    ),
    _a(
        "(we|I) (can't|cannot|don't|do not|won't|will not) (make|give|allow) (any |an )?exceptions?"
    ),
    "no exceptions",
    # The rule named as the answer, in any wording: "the returns policy doesn't cover",
    # "according to our terms", "as outlined in our terms", "clause 4.2 says", "head office
    # doesn't allow", "outside our returns policy".
    "(our|the|company|this|that) (\\w+ )?(policy|policies|terms|terms and conditions|T&Cs|rules|"
    "guidelines|procedures?) (states?|says?|requires?|stipulates?|dictates?|(won't|will not|"
    "doesn't|does not|don't|do not) (let|allow|permit|cover|include)|is clear|are clear|"
    "(is|are) (very |quite )?clear)",
    "(according to|under|in line with|in accordance with|as set out in|as outlined in|as "
    "detailed in|as laid out in|as explained in|as described in) (our|the|company) (\\w+ )?"
    "(policy|policies|terms|terms and conditions|T&Cs|rules|guidelines|procedures?|small print)"
    "(?! of (your|the|their|his|her))",
    _a(
        "(it's|it is|that's|that is|this is) (all )?(in|written in|covered in|set out in|stated in)"
        " (our|the) (\\w+ )?(T&Cs|terms|policy|small print|rules)"
    ),
    "(clause|section|paragraph|point) \\d+(\\.\\d+)*( of (our|the) \\w+)? (says|states|is clear|"
    "sets out|provides|requires)",
    "(outside|against|not covered by|not within|beyond) (our|the|company) (\\w+ )?(policy|rules|"
    "guidelines|procedure|terms)",
    _a(
        "(head office|management|the company|HQ|my manager|the business) (doesn't|does not|won't|"
        "will not|don't|do not) (allow|let|permit)"
    ),
    "not something (our|the) (\\w+ )?(policy|rules|terms|guidelines|system) (allows?|permits?|"
    "covers?)",
    "(it )?says (so )?in (our|the) (\\w+ )?(terms|policy|T&Cs|rules|small print|contract|"
    "agreement)",
    "(we|I) (go|stick|have to go|must go|work) (by|to) (the|our) (rules|policy|book|procedure)|"
    "by the book",
    _a(
        "(policy|policies|terms|T&Cs|rules|guidelines|procedures?|regulations) (dictates?|"
        "prevents?|stops?|forbids?|prohibits?|restricts?|won't let|don't let|doesn't let|"
        "only (covers?|applies|allows?|permits?|lets?))"
    ),
    "our (policy|policies|terms|terms and conditions|T&Cs|rules) (state|states|say|says|are|is|"
    "do not|don't|does not|doesn't|clearly|only|require|requires)",
    "(as )?per (our |the |company |store )?(\\w+ )?(policy|policies|terms|terms and conditions|"
    "T&Cs|rules|guidelines|procedures?)",
    # The rule as the whole reason: "company rules, I'm afraid", "it's policy", "those are the
    # terms you agreed to", "our hands are tied by the policy", "doesn't stretch to that".
    _a(
        "(it's|it is|that's|that is) (just |simply )?(policy|procedure|protocol|the rules?)"
        "(?=[.!,;])"
    ),
    "the (terms|terms and conditions|T&Cs|contract|rules) (that )?you (agreed|signed|accepted)",
    "(tied|bound|restricted|limited) by (the|our|company) (\\w+ )?(policy|policies|rules|terms|"
    "guidelines|procedures?)",
    _a(
        "(policy|policies|terms|T&Cs|rules|guidelines) (doesn't|does not|don't|do not|won't|will "
        "not) (stretch|extend|go|run) to"
    ),
    "in (accordance|line) with (our |the )?(policy|policies|terms|terms and conditions|T&Cs)",
    "under (our |the )?(policy|terms|terms and conditions|T&Cs)",
    "(the|our) rules? (say|says|states?|is|are)",
    "rules are rules",
    "(policy is policy|terms are terms|procedure is procedure|the rules are the rules)",
    "(policy|policies|terms|T&Cs|rules|guidelines|procedures?) (is|are) (very |quite |really )?"
    "(strict|firm|set in stone)",
    "(a|our) (strict |firm |clear )?no[- ]\\w+ policy",
    _a("that's the rule"),
    "against (our |the |company )?(policy|procedure|protocol|rules|regulations|guidelines)",
    "policy (does not|doesn't) (allow|permit)",
    "(as|it is|it's) stated in (our|the) (terms|policy|T&Cs)",
    "(as )?stated in our",
    "section \\d+(\\.\\d+)? of (our|the) (terms|policy|T&Cs)",
    "the policy is",
    "(those|these) are the rules",
    _a("I('m| am) not allowed to"),
    "we are not allowed to",
    "the system (does not|doesn't|won't|will not) (let|allow)",
    "(our |the |company |these )?(guidelines|regulations|procedures?|protocols?|rules|policies|"
    "terms of (service|use)|terms and conditions|T&Cs?) (clearly )?(state|states|say|says|require|"
    "requires|stipulate|stipulates|dictate|dictates|prohibit|prohibits|forbid|forbids|"
    "(do|does) not (allow|permit|cover)|(don't|doesn't) (allow|permit|cover))",
    "(company|our|the) (procedure|protocol|process) (is|states|says|requires)",
    _a("(we're|we are|I'm|I am) not (allowed|permitted|authori[sz]ed) to"),
    _a("(it's|it is|that's|that is|this is) not (our|company) (policy|procedure)"),
    _a(
        "(it's|it is|that's|that is|this is) (against|outside) (the|our|company) "
        "(rules|policy|guidelines|procedure|terms)"
    ),
    _a("(it's|it is|that's) not (within|in) (our|the) (rules|policy|guidelines)"),
    "(we|I) have to (follow|stick to|go by) (the|our) (rules|policy|procedure|guidelines)",
    # Third round (issue 5): the rule cited by its document, in any wording: "under clause 7.3
    # of our Terms of Business", "in accordance with the Council's Waste Collection Policy",
    # "per our Acceptable Use Policy", "our conditions of carriage do not allow", "section
    # 14(b) of the Tenancy Agreement", "your licence conditions permit us to".
    "(according to|in line with|in accordance with|as set out in|as outlined in|as "
    "detailed in|as laid out in|as explained in|as described in|as per|per|set by|governed by) "
    "(our|the|company|(the |our )?[A-Z][\\w-]*['\u2019]s) ([\\w-]+ ){0,3}(policy|policies|"
    "terms|conditions|T&Cs|rules|guidelines|procedures?|agreement|contract|regulations|strategy|charter|code|"
    "small print|terms of \\w+|conditions of \\w+)(?! of (your|the|their|his|her))",
    "(under|per|as per|according to|in line with|in accordance with) (clause|section|paragraph|"
    "article|condition|rule) \\d+[\\w.()]*",
    "(clause|section|paragraph|article|condition) \\d+(\\.\\d+)*(\\([a-z0-9]+\\))? of (our|the|"
    "your) ([\\w-]+ ){0,3}(terms|conditions|agreement|contract|policy|lease|T&Cs|rules|regulations|"
    "code|tenancy)",
    "(our|the) (conditions|terms) of (carriage|business|sale|service|use|hire|booking|supply|"
    "membership|trade|travel|tenancy) (states?|says?|requires?|stipulates?|dictates?|(won't|"
    "will not|doesn't|does not|don't|do not) (let|allow|permit|cover|include))",
    "(terms|conditions|policy|policies|rules|agreement|contract|licence|license|T&Cs|"
    "regulations) (\\w+ )?(permit|permits|allow|allows|entitle|entitles|let|lets|require|"
    "requires|oblige|obliges) (us|me|the company|the \\w+) to",
    # A limit stated as the answer: "the minimum term is 18 months".
    "the (minimum|maximum|min|max) (\\w+ ){0,2}(term|period|spend|order|age|contract|notice|"
    "charge|fee|stay|amount|length|duration|value|number|quantity|limit) (is|was|of)",
    # A requirement with a time limit: "requests must be submitted within 28 days".
    _a(
        "(must|has to|have to|need to|needs to|should) be (submitted|made|received|returned|"
        "raised|reported|lodged|claimed|requested|notified|paid|cancell?ed|booked|used|"
        "redeemed|registered|activated) (\\w+ ){0,4}(within|before|no later than|in advance|at "
        "least|by the|prior to)"
    ),
    _a(
        "(cannot|can't|can not|will not|won't) be (altered|changed|amended|refunded|"
        "transferred|reversed|exchanged|extended|waived|moved|cancell?ed|returned|reissued|"
        "re-?issued|made) (on an individual basis|for any reason|under any circumstances|in any "
        "circumstances|once|after|outside|beyond|for individual)",
    ),
    # Last, so that a longer phrase ("company procedure is") is found whole.
    "(company|store|house|shop) (rules|policy|policies|procedure|guidelines)",
)
REASON = _rx(
    "because",
    "so that",
    "so we can",
    "so you can",
    _a("so (you|we|your|it|nobody|no one|everyone|customers)('re| are| is|'s| can| don't| won't)"),
    "since",
    "as this",
    "as it",
    "in order to",
    "to (protect|keep|make sure|ensure|prevent|stop|check|confirm|avoid|help)",
    "the reason",
    "this (helps|means|is to|protects|keeps|ensures)",
    "which (means|protects|helps|keeps)",
    "for (your|the) (safety|security|protection)",
    "due to",
    "otherwise",
    "which is (why|to|so)",
    "to (stop|prevent|protect|safeguard)",
)

# A following sentence that gives the reason ("This is to keep your account safe.").
REASON_NEXT = re.compile(
    r"(?:this|that|it)(?:['\u2019]s| is| was)? (?:because|so|to|in order|helps?|protects?|keeps?|"
    r"means|ensures?|is there)\b|the reason|we do this|(?:this|that) way\b|because",
    _FLAGS,
)

# A rule stated as a general fact, without citing it (third round, issue 5): a sentence or
# clause whose subject is a bare noun - a class of things, not this customer's one ("Appeals",
# "Compensation", "Cards", "Refund requests") - with a sanction ("are suspended", "are
# non-refundable") or a limited permission ("are not accepted after 28 days", "is not payable
# where ..."). A named thing ("your parcel", "the engineer") is a fact about this case.
_BARE_SUBJECT = (
    r"(?:(?<=^)|(?<=[.!?:;]\s)|(?<=,\s))(?!(?:the|your|our|my|his|her|their|this|that|these|"
    r"those|it|its|we|you|I|they|he|she|a|an|there|here|all|any|some|each|every|no|if|when|once|"
    r"as|so|but|and|or|then|please|thanks|thank|sorry|unfortunately|which|who|what|where|how|"
    r"why|also|just|only|hi|hello|dear|following|because|since|after|before|until|while|"
    r"although|though|nothing|everything|something|anything|someone|everyone|nobody|today|"
    r"tomorrow|yesterday|now|sadly|currently|instead|otherwise|meanwhile|however|still|"
    r"already|again|both|either|neither|one|two|three)\b)[a-z][\w-]*(?: (?!(?:the|your|our|"
    r"my|a|an|or|and|it|you|we|I|this|that|is|are|will|was|were)\b)[a-z][\w-]*){0,6}? "
)
GENERAL_RULE = re.compile(
    _BARE_SUBJECT + r"(?:is|are|will be|shall be|must be|can only be|may only be|will only be)"
    r"(?: automatically| always| strictly)? (?:non-refundable|non-transferable|non-returnable|"
    r"suspended|blocked|barred|forfeited|void|disconnected|refused|rejected|declined)\b|"
    + _BARE_SUBJECT
    + r"(?:is|are|will be|shall be|can be|may be)(?: not| never| only)(?: be)? (?:payable|"
    r"refundable|transferable|accepted|permitted|allowed|eligible|covered|collected|"
    r"considered|processed|honou?red|exchanged|refunded|available|issued|given|offered)"
    r"(?= (?:after|within|before|where|if|unless|once|for|on|beyond|outside|more|less|over|"
    r"under|in|without|to)\b|[.!,;])",
    _FLAGS,
)

PASSIVE: list[Rule] = [
    (
        _rx(
            "(mistakes|errors|things) (were|have been) made",
            "(it|this|that|(your|the) (case|complaint|issue|query|request|problem|matter|claim)) "
            "(will|shall|should|may|"
            "might) be (looked (into|at)|dealt with|handled|sorted|seen to|passed on|reviewed|"
            "addressed|actioned|escalated|investigated)",
            # ... whatever the matter is called: "a refund will be looked into".
            "(a|an|your|the|this|that) (\\w+ ){0,2}\\w+ (will|shall|should|may|might|is going to) "
            "be (looked (into|at)|dealt with|seen to|addressed|actioned)",
            "(it|this|your (case|complaint|issue|query|request)) (is|has been) being "
            "(looked (into|at)|dealt with|handled)",
            "(it|this|that|(your|the) \\w+) (has been|was|have been) (passed on|forwarded|"
            "handed over)",
            _a("(we'll|we will|I'll|I will) get (a)?round to it"),
            "someone (will|should|may|might) (get back|be in touch|look|contact|call)",
            "somebody (will|should|may|might) (get back|be in touch|look|contact|call)",
            # Agentless passives: the matter is moved on, but nobody is named as owning it.
            "(it|this|that|(your|the) (\\w+ ){0,2}(case|complaint|issue|query|request|problem|"
            "matter|claim|refund|order|feedback|concerns?|report|repair|return|booking|account|"
            "application|fault))( has been| have been| was| were| will be| is being|'s been) "
            "(escalated|referred|raised|logged|flagged|noted|passed (on|to|along)|forwarded|sent "
            "(on |over )?to (the|our|a) (\\w+ )?(team|department|people))",
            # Waiting in a queue with nobody named: "it's in the queue".
            _a(
                "(it|this|your \\w+)('s| is| has been| are| sits) (now )?(in|at) (the|a|our) "
                "(\\w+ )?(queue|pipeline|backlog)"
            ),
            "(it|this|that|(your|the) (\\w+ ){0,2}(case|complaint|issue|query|request|problem|"
            "matter|claim|feedback|concerns?|report|fault)) (will be|is being) "
            "(chased|followed up|looked into|investigated|reviewed|actioned|dealt with|picked up)",
            # Any matter under investigation with nobody named: "the double payment is being
            # investigated" (not when "by our claims team" follows: then someone owns it).
            "(the|your|this|that) (\\w+ ){0,2}\\w+ (is being|are being|will be|has been|have been) "
            "(investigated|looked (into|at)|reviewed|chased|followed up|actioned|escalated|"
            "referred|passed (on|to))(?! by)",
            # Third round (issue 5): a matter of any kind with no determiner ("Missed
            # collections are being looked at"); comments "noted and fed back where
            # appropriate"; a decision "expected shortly"; a problem that "there was", with
            # nobody who caused it ("It looks like there was a problem with the delivery").
            "(?:(?<=^)|(?<=[.!?]\\s))\\w+ (\\w+ )?(is being|are being) (investigated|looked "
            "(into|at)|reviewed|chased|followed up|actioned|dealt with|handled|considered)(?! by)",
            "(comments|points|views|suggestions|remarks|thoughts|concerns|feedback|observations)"
            " (have been|has been|were|was|will be|are being|is being) (noted|logged|recorded|"
            "passed on|shared|considered|taken on board|fed back|given|provided)",
            "(will be|have been|has been|are|is) (fed back|passed on|shared|forwarded|considered|"
            "actioned|raised)( \\w+){0,3} (where|as|if|when) (appropriate|necessary|relevant|"
            "required|needed)",
            "(is|are|was) (expected|anticipated|due|likely|hoped) (\\w+ )?(shortly|soon|in due "
            "course|at some point|before long)",
            _a(
                "it (looks|seems|appears)( like| that| as if| as though)? there (was|were|has been|"
                "have been|'s been|had been|may have been|might have been) (a|an|some) (\\w+ )?"
                "(problem|issue|error|glitch|mix-up|hiccup|fault|delay|mistake)s?"
            ),
            # Vague subjects: "something will be done", "steps will be taken", "action is being
            # taken".
            "(something|action|steps|measures|changes|things|anything|efforts|attempts|enquiries|"
            "inquiries|arrangements|checks|improvements) (will|shall|should|may|"
            "might|is going to|are going to|'ll|is|are) be(ing)? (done|taken|made|put right|put in "
            "place|sorted( out)?|fixed|resolved|looked into|taken care of|carried out)",
            # The customer acted on, by nobody: "you will be contacted", "you'll be notified".
            _a(
                "you('ll| will| shall| should| may| might) (then )?be (contacted|notified|informed|"
                "updated|called|advised|told|kept (informed|updated|posted|in the loop))"
                "(?! (by|from) (our|the|your|a|an|me|[A-Z]))"
            ),
            # With a team and no one named: "your case is with the relevant department".
            "(is|are|sits|has been|now) with (the|our|a) ((relevant|appropriate|right|"
            "responsible|correct|concerned|necessary) )?(\\w+ )?(team|department|people|section)"
            "(?=[.!,;]|$)",
            # A hand-off to an unnamed owner: "the relevant team", "the right people".
            "(the|a) (relevant|appropriate|right|responsible|correct|concerned|necessary) "
            "(team|department|people|person|party|colleague|section|area) (will|'ll|shall|should|"
            "is going to|are going to|may|might) (\\w+ ){0,2}(contact|call|email|get back|be in "
            "touch|reach out|look|review|respond|reply|follow up)",
            "(passed|sent|forwarded|referred|escalated|handed) (on |over )?to (the|a) (relevant|"
            "appropriate|right|responsible|correct|concerned|necessary) (team|department|people|"
            "person|party|colleague|section|area)",
            "(it|this|that|(your|the) (\\w+ ){0,2}\\w+) (has been|have been|was|were|will be|is "
            "being|'s been) (considered|taken on board|shared|submitted|requested|assigned|"
            "allocated|transferred|handed (over|on))",
            # A failure stated with nobody who failed: "your letter was not answered".
            _a(
                "(the|your|this|that) (\\w+ ){0,2}\\w+ (was|were|had)(n't| not)( been)? "
                "(answered|replied to|returned|dealt with|handled|actioned|followed up|passed on|"
                "picked up|logged|recorded|forwarded|acknowledged|escalated|chased|looked at|"
                "investigated|processed|updated|called back)"
            ),
            "(someone|somebody)( (from|in|on|at) (the|our) (\\w+ ){0,2}(team|department|office|"
            "depot|store))? (will|'ll|should|may|might|can) (\\w+ ){0,2}(reach out|follow up|"
            "be with you|pick (this|it) up|get back|be in touch|contact|call|email|look)",
            "(someone|somebody|a member of (the |our )?(\\w+ )?(team|staff)|one of (the|our) "
            "(team|colleagues|agents|staff)) (will|'ll|should|may|might|can) (\\w+ ){0,2}"
            "(back|in touch|contact|call|email|look|review|reply|respond|help)",
        ),
        "Nobody owns this: say who will do what ('I will ...').",
        "I will look into this myself",
    ),
    (
        _rx(
            "at some point",
            "in due course",
            "sometime soon",
            "some time soon",
            _a("(will|\\w+'ll|should|going to) (\\w+ ){0,8}eventually"),
            "eventually (be|get|arrive|come)\\w*",
            "when we (can(?! [a-z])|get (a|the) chance|get round to it)",
            "when (I|we) have time",
            "one of these days",
            _a("(we'll|we will|I'll|I will|it'll|it will|should|will) (\\w+ ){0,6}soon(?! as)"),
            "hopefully (it|this|that|the \\w+) (will|should) (be )?"
            "(arrive|fixed|sorted|resolved|work|turn up|come)\\w*",
            # Vague promises (C4 3.6): hope or "as soon as possible" instead of a time.
            _a(
                "hopefully,? (we|I|it|this|that|they|he|she|the \\w+|your \\w+)( \\w+)?"
                "( will|'ll| should| can| could| may| might| be| arrive| get| come| turn)"
            ),
            "it is (hoped|anticipated|expected|envisaged|intended|believed|thought)( that)?",
            "as (soon|quickly|fast|promptly|speedily) as (possible|we can|I can|we are able|I am "
            "able|we're able|practicable)",
            # Vague times: "shortly", "before long", "in the coming days", "at some stage".
            "before long",
            _a("(will|\\w+'ll|shall|should|going to) (\\w+ ){0,4}shortly"),
            "at some stage",
            "when(ever)? (possible|practicable|feasible)",
            "in the (coming|next few|following) (days|weeks|months)",
            "some\\s?time (next|this|later|in the) \\w+",
            "at (our|your|the) (earliest )?convenience",
            "in a (bit|while|little while)",
            "(further )?down the (line|road)",
            "at a later point",
            _a("(we|I)('re| are| am)? (hope|hoping|aim|aiming) to (have|get|be|fix|sort|resolve)"),
            _a("(we|I)('re|'m| are| am) hoping (it|this|that|we|to|for)('s|'ll)?"),
            "at the (earliest|first) (opportunity|possible moment)",
            "at a later (date|stage|time)",
            "in the near future",
            "(we'll|we will|I'll|I will|let's) see (what|if|whether|how)",
            "(I'll|we'll|I will|we will) (try|do) (my|our) best",
        ),
        "A vague promise gives the customer no time to hold us to; name a day or time.",
        "by [day and time]",
    ),
    (
        _rx(
            _a("(there's|there is) nothing (I|we) can do"),
            "nothing can be done",
            _a("it is what it is"),
            _a(
                "(I'll|we'll|I will|we will) (try|attempt|endeavour|endeavor) (to|and) (fix|sort|"
                "resolve|get|find|look|chase|have|make|arrange|see|help|do)"
            ),
            _a("(our|my) hands are tied"),
            "(we|I) (might|may) be able to (do|offer|sort|fix|refund|get|arrange|send)",
            _a("I('m| am) not sure (what|if) (we|I) can"),
            "(I|we) guess",
        ),
        "This sounds powerless and non-committal; say plainly what you can do.",
        "What I can do is",
    ),
    (
        # Something will happen, done by nobody and at no time: "a refund will be issued", "an
        # engineer will be assigned", "your request is being processed". Not a finding when
        # its sentence gives a time or an owner (checked in _passive; keep this rule last).
        _rx(
            "((a|an|the|your|this|that|it) (\\w+ ){0,2}|(?:(?<=^)|(?<=[.!?]\\s))\\w+ )(will be|is "
            "going to be|is being|are being|will have to be|needs to be) (issued|assigned|"
            "arranged|allocated|organi[sz]ed|scheduled|requested|handled|worked on|decided|made|"
            "raised|provided|booked|approved|considered|actioned|dealt with|looked at)"
        ),
        "Nobody is named and no time is given; say who will do it and when.",
        "I will [action] by [day and time]",
    ),
]

# The customer's turn: a question, a request or instruction, a link, or an offer to take up.
CUSTOMER_STEP = re.compile(
    r"\?|https?://|www\.|"
    r"(?<![\w'\u2019])(?:please|pls|DM|direct message|private message|send (?:us|me)|reply|"
    r"let (?:us|me) know|get in touch|reach (?:out|us)|contact (?:us|me|our|the)|call (?:us|me)|"
    r"ring (?:us|me)|drop (?:us|me)|message (?:us|me)|"
    r"(?<!your )(?<!the )(?<!our )(?<!a )(?<!this )visit|click|tap|head (?:to|over)|go to|"
    r"fill (?:in|out)|you can|you could|you may|feel free|here['\u2019]s how|here is how|"
    r"can be (?:downloaded|found|collected|used|seen|changed|made|submitted|renewed|booked|"
    r"claimed|requested|lodged|paid|ordered)|you['\u2019]ll find|transfer you|"
    r"put you through|stay on the line|when you['\u2019]re ready|"
    r"waiting for your|look out for your|hear (?:back )?from you|"
    r"(?<!when )(?:I|we) (?:can|could)(?! (?:only |really |well |just )?(?:imagine|see|"
    r"understand|hear|tell|appreciate|assure|confirm|guess|agree|apologi[sz]e))|"
    # Sixth round (issue 5): an offer by one of ours ("Our surveyor can revisit on the 12th").
    r"our [\w-]+ (?:can|could)(?= (?!only\b|not\b|never\b)\w)|if you['\u2019]d like|would you like|"
    r"just reply|don['\u2019]t forget|remember to|make sure (?:you|to))(?![\w'\u2019])|"
    r"(?:^|[.!;:]\s+)(?:print|drop|bring|send|call|ring|text|reply|try|check|pop|charge|"
    r"switch|hold|pack|post|take|keep|use|log|sign|update|follow|restart)\b|"
    # Third round (issue 5): an instruction in any form is the customer's next step - a
    # sentence opening with an imperative (after a name, "please", "just", "then", "and"), a
    # negative one ("Do not write to us again"), "let's", a duty ("you'll need to", "you'll
    # have to", "you are required to", "you'll want to"), a requirement in the passive
    # ("must be submitted within 28 days"), something ready to collect, a bare web address.
    r"(?:^|[.!;:]\s+|^\W*[A-Z][a-z]+,\s+|(?<=[a-z]),\s+)(?:(?:please|just|then|so|and|now|simply|"
    r"first|also)\s+)?(?:pay|include|put|go|press|pick|plug|collect|clear|delete|remove|offload|"
    r"read|open|close|select|choose|enter|type|book|order|return|attach|upload|download|install|"
    r"unplug|turn|reset|reboot|confirm|cancel|complete|fill|show|quote|email|message|contact|"
    r"give|ask|tell|wait|leave|see|note|find|look|head|register|renew|top|bring|expect|get|"
    r"go|move|tap|click|visit|install|allow|stop|make|let|arrange|apply|write|submit|forward|"
    r"request|reach|speak|talk|come|pop|run|save|back|connect|disconnect|insert|enable|"
    r"disable|swap|replace|store|switch|call|ring|text|ensure|double-check|re-?try|"
    r"re-?start|re-?enter|refresh|scan|photograph|screenshot|sign|log|check|drop|post|try|"
    # (Tenth round: "factory-reset it ..., then re-provision it".)
    r"mention|factory-reset|re-?provision|re-pair|re-add)\b"
    # ("Look, the attendant ...": an interjection before a comma is no instruction.)
    # (Sixth round: "Pick it up any time before Saturday", "Put it in writing" are steps.)
    r"(?! (?:to|you|we|I|us)\b)(?! it with (?:me|us)\b)(?!,)|"
    # Fourth round (issue 5): "give us a call", "give it a fortnight", "it has to be in
    # writing": the customer's step in other words.
    r"\bgive (?:us|me|it|them) (?:a |an )?(?:call|ring|shout|bell|go|try|day|week|fortnight|"
    r"few|couple)\b|"
    r"\b(?:has|have|needs?) to be (?:in writing|done online|done in writing)\b|"
    r"(?:^|[.!;:,]\s+)(?:do not|don['\u2019]t|never)\s+(?!worry|hesitate)\w+|"
    r"\blet['\u2019]s\b|"
    r"\byou(?:['\u2019]ll| will)? (?:just |simply |also |now )?(?:need|have|want|be asked) to\b|"
    r"\byou(?:['\u2019]re| are) (?:now )?(?:required|asked|welcome) to\b|"
    # (Seventh round: an order to a group, "One of you has to leave now".)
    r"\b(?:one|some|all|both|each|any|two) of you (?:has|have|need|needs|must|will have) to\b|"
    r"\byou (?:must|should|ought to) (?!have\b|be\b|know\b|already\b)|"
    r"\b(?:must|has to|have to|needs? to|should) be (?:submitted|sent|returned|made|completed|"
    r"paid|received|posted|brought|filled|signed|uploaded|booked|requested|reported|raised|"
    r"lodged)\b|"
    r"\bready (?:to|for) (?:collect|collection|pick ?up|pickup|use|download|view)\b|"
    # Fifth round (issue 5): a condition put on the customer ("Until you pay it ...").
    r"\buntil you (?:pay|prove|send|return|provide|settle|contact|show)\b|"
    # Eighth round (issue 5): something sent for the customer to act on ("I've DM'd you a link
    # to rebook", "we've emailed you a returns label").
    r"\b(?:I|we)(?:['\u2019]ve| have)? (?:just |now |also )?(?:sent|DM['\u2019]?d|DMed|emailed|"
    r"texted|messaged|posted) you (?:a|the|an) (?:\w+ )?(?:link|form|code|voucher|label|"
    r"QR code)\b|"
    r"\b[\w-]+\.(?:example|com|co\.uk|org|org\.uk|net|gov\.uk|io)/\S*",
    _FLAGS,
)
# A question that asks nothing about the contact ("Is there anything else?") is no next step.
ANYTHING_ELSE = re.compile(r"\banything else\b", _FLAGS)
# What we will do or have done, or what will happen: with a time it is a next step.
ACTION = re.compile(
    r"['\u2019]ll\b|(?<![\w'\u2019])(?:will|shall|going to|should (?:show|arrive|reach|be|land|"
    r"appear)|"
    r"delivered|sent|paid|let me|goes back|go back|"
    r"booked|rebooked|arranged|scheduled|rescheduled|reserved|set aside|put (?:one|it) aside|"
    r"due(?! to\b)|"
    # Fifth round (issue 5): "Your install date is 14 Jan": the date of what will happen.
    r"(?:date|appointment|slot|visit|booking|delivery|installation|install|collection|"
    r"lesson|session|class|one|bus|train|service|sailing|flight|departure) "
    r"(?:is|will be)|go(?:es)? on sale|takes? effect|"
    r"goes out|go out|comes?|arrives?|valid|stands|opens?|open from|is out|on its way|"
    r"ships|dispatches|leaves (?:us|our \w+)|lands|expect|ready|"
    # Eighth round (issue 5): what starts again or takes a stated time ("restarts on the 1st",
    # "the refund takes 10 working days").
    r"(?:re)?starts|resumes?|reopens?|begins|renews|kicks in|takes?(?= (?:up to |about |around |"
    r"roughly )?(?:\d|an? |one|two|three|four|five|six|seven|eight|nine|ten|fourteen))|"
    r"(?:is|are|['\u2019]s) (?:on|due|scheduled|booked|set|planned|confirmed)|"
    r"(?:I['\u2019]m|I am|we['\u2019]re|we are) (?:now )?\w+ing|"
    # Seventh round (issue 5): one of ours on the way, in the present for the future ("An
    # engineer's going out tomorrow at 9", "the driver is coming round at 3").
    r"(?:is|are|\w+['\u2019]s|\w+['\u2019]re) (?:now |also )?(?:coming|going|heading|calling|"
    r"visiting|"
    r"arriving|popping|driving|bringing|dropping|ringing|phoning) (?:out|round|over|in|by|back|"
    r"to|with|you|at|on|tomorrow|today)|"
    # (Sixth round: a check or a receipt is no step - "we've checked and it was received on
    # 2 May"; "ill msg u tmrw" in chat is one.)
    r"(?:I['\u2019]ve|we['\u2019]ve|I have|we have)(?! (?:just |now |also )?(?:checked|looked|"
    r"reviewed|received|noted|seen|read|had a look)\b)|(?:i['\u2019]?ll) (?:msg|message|text|"
    r"call|ring|email|check)|has been (?:sent|refunded|credited|dispatched|"
    r"booked|"
    r"approved|posted|added|issued|moved|changed|fixed)|is back|are back|(?:is|are|"
    r"['\u2019]s) (?:fixed|sorted|done))"
    r"(?![\w'\u2019])",
    _FLAGS,
)
SPECIFIC_TIME = re.compile(
    r"\b(?:today|tonight|tomorrow|now|right away|straight away|immediately|this (?:morning|"
    r"afternoon|evening|week)|next (?:week|bill|statement|invoice|order|delivery|visit)|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|"
    r"sat|sun|weekend|noon|midday|midnight|"
    r"within(?! (?:our|the|your|a) (?:standard|usual|normal|reasonable|agreed|set|published|stated|"
    r"target) )|until|end of (?:the )?(?:day|week|month)|"
    r"\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|oct|nov|dec)\w*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+"
    r"\d{1,2}|\d+\s*(?:minutes?|hours?|days?|weeks?|months?|years?)|a (?:year|month|week)|"
    r"same day|just now|asap|"
    r"as soon as|on (?:its|their) way|next[- ]day|same[- ]day|"
    # A time in other words: a clock time ("by 18:30"), a count in words ("in the next five
    # minutes"), the end of this contact ("straight after this call").
    r"(?:[01]?\d|2[0-3])[:.][0-5]\d|(?:one|two|three|four|five|ten|fifteen|twenty|thirty|"
    r"forty-five|a couple of) (?:working |business )?(?:minutes?|hours?|days?|weeks?)|"
    r"(?:straight|right|immediately|directly|just|shortly) after (?:this|the|our) (?:call|chat|"
    r"conversation|visit|appointment)|on the spot|while you wait|"
    # Fifth round (issue 5): "at two o'clock", "12/12".
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}) o['\u2019]clock|"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
    # Sixth round (issue 5): "by the 7th", "before the 12th"; chat shorthand ("tmrw am").
    r"(?<=by )the \d{1,2}(?:st|nd|rd|th)|(?<=before )the \d{1,2}(?:st|nd|rd|th)|"
    r"the (?:day|moment|minute) (?:it|a|the|your|they|we|you|he|she)|"
    r"(?:start|end|beginning) of (?:the|your|this) (?:next )?(?:billing |calendar )?(?:term|"
    r"period|cycle|month|year|quarter)|"
    r"tmrw|tmr|tmw|2moro|2morrow|"
    # Seventh round (issue 5): a 24-hour time in hours ("ETR 2000hrs", "at 0930 hours").
    r"(?:[01]\d|2[0-3])[0-5]\d\s?(?:hrs|hours|h)|"
    # (Eighth round: a delivery under way is today - "is on the van", "out for delivery".)
    r"on the (?:van|lorry|truck)|out for delivery|"
    # Eighth round (issue 5): times in words the rules did not read - a clock time in words
    # or a bare hour after "by", "before", "at" ("before half two", "quarter to five", "by 3"),
    # a weekday shortened with an s ("ships Weds"), a date by its ordinal alone ("restarts on
    # the 1st", "from the 3rd"), a duration with its qualifier or in words ("takes 10 working
    # days", "for an hour", "a fortnight").
    r"half (?:past )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"[1-9]|1[0-2])|quarter (?:past|to) (?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|[1-9]|1[0-2])|"
    r"(?:by|before|until|till|at|from) (?:[1-9]|1[0-2])"
    r"(?=\s*(?:[.,;!]|$|\s+(?:today|tomorrow|tonight|latest|at the latest|"
    r"and|or|then|on|this)\b))|"
    r"weds|thur|"
    r"(?:on|from|after|until|till|starting|of) the \d{1,2}(?:st|nd|rd|th)|"
    r"\d+ (?:working|business|calendar|clear) (?:days?|weeks?|hours?)|(?:an|half an) hour|"
    r"a fortnight|(?:six|seven|eight|nine|ten|eleven|twelve|fourteen|twenty-one|twenty-eight) "
    r"(?:working |business |calendar )?(?:days|weeks))\b",
    _FLAGS,
)
# For the next-step rule a time must be firm: "as soon as possible" and "asap" give none, and
# "as soon as the part arrives" is a condition, not a time.
STEP_TIME = re.compile(
    SPECIFIC_TIME.pattern.replace("asap|", "").replace("as soon as|", ""), _FLAGS
)
# A reply that only thanks, greets or closes needs no next step.
PLEASANTRY = _rx(
    "thanks?",
    "thank you",
    "you're welcome",
    "you are welcome",
    "glad",
    "great",
    "enjoy",
    "awesome",
    "happy",
    "cheers",
    "love",
    "appreciate",
    "no worries",
    "have a (great|good|nice|lovely)",
    "congrat\\w*",
    "welcome",
    "pleasure",
)
PROBLEM = _rx(
    "sorry",
    "apolog\\w*",
    "unfortunately",
    "problem",
    "issue",
    "fault\\w*",
    "delay\\w*",
    "broken",
    "can't",
    "cannot",
    "unable",
    "won't",
    "refund",
    "complain\\w*",
    "missing",
    "late",
    "damaged",
    "error",
    "locked",
    "charged",
    "patience",
    "bear(ing)? with",
    "engineers?",
    "voucher",
    "repairs?",
    "orders?",
    "parcel",
    "delivery",
    "replacement",
    "bill",
)

THREAD_PART = re.compile(r"(?<![\d/])[1-9]/[1-9](?![\d/])")

GREETING = re.compile(
    r"^(?:\s*(?:[@#]\w+[\s,]*)+)?\s*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))"
    r"\b[^,\n.!]{0,40}[,!.\n]\s*)?",
    _FLAGS,
)

# Personal data in a public reply.
EMAIL = re.compile(r"\b([A-Za-z0-9._%+-]+)@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
PHONE = re.compile(
    r"(?<![\w/.=-])(?:\+\d{1,3}[\s-]?)?(?:\(?\d{2,5}\)?[\s-]?){1,3}\d{3,4}"
    r"(?![\w/=-]|\.\w)"  # a full stop after it ends the sentence, not the number
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
ACCOUNT_NO = re.compile(
    r"\b(?:order|account|acct|reference|ref|booking|membership|customer|policy|tracking|"
    r"invoice|claim|passport|licence|license|NHS|patient|hospital|tax|UTR|payroll|employee|"
    r"student|member|card|meter|MPAN|MPRN|IMEI|serial|(?:season|rail|train|travel|bus) ticket|"
    # (Seventh round: "candidate number 4471902", "ID 2204581", "pupil no. 88310".)
    r"contract|candidate|pupil|applicant|application|enrol?ment|registration|ID)\s*\(?\s*"
    r"(?:number|no\.?|num|#|id)?\s*(?:is\s*)?[:#]?\s*"
    # (Sixth round: digits in spaced groups, "account 8833 4410 29", "IMEI 35 209911 445566 1".)
    r"(?=[A-Z0-9-]*\d[A-Z0-9-]*\d[A-Z0-9-]*\d[A-Z0-9-]*\d|\d{2,6}(?: \d{2,6}){1,4}\b)"
    r"(\d{2,6}(?: \d{1,6}){1,4}(?!\s?[:.]?\d)|[A-Z0-9][A-Z0-9-]{4,})\b",
    _FLAGS,
)
# Seventh round (issue 5): where the customer is or lives inside a building ("room 12 on Ward
# 7B", "Flat 12B", "room B-117"), a code that opens something of theirs ("your locker code
# 4-7-1-9"), and a profile told back to them (a name with an age and a town, "Jess, 29, from
# Bristol").
ROOM = re.compile(
    r"\b(?:[Rr]oom|[Ff]lat|[Aa]partment|[Aa]pt\.?|[Ww]ard|[Bb]ed|[Ll]ocker|[Cc]abin|[Ss]uite|"
    r"[Bb]edroom|[Cc]ell|[Ss]eat|[Bb]erth)\s+(?:[Nn]o\.?\s*|[Nn]umber\s+|is\s+)?[A-Z]?-?"
    r"\d{1,4}[A-Z]?\b"
    r"(?:\s+(?:on|in|at)\s+(?:[Ww]ard|[Ff]loor|[Bb]lock|[Ll]evel)\s+[A-Z0-9]{1,3}\b)?"
)
ACCESS_CODE = re.compile(
    r"\b(?:locker|door|access|entry|gate|key\s?safe|alarm|security|lock|unlock|collection|"
    r"PIN)\s+(?:code|number|PIN)\s*(?:is\s*)?:?\s*(\d[\d -]{2,10}\d)\b",
    _FLAGS,
)
PROFILE = re.compile(r"\b[A-Z][a-z]+,\s+(?:aged\s+)?\d{1,2},\s+(?:from|of|in)\s+[A-Z][a-z]+")
# Third round (issue 5): identifiers and details of the special categories, by their form:
# bank details (a sort code, an IBAN), a National Insurance number, a vehicle registration,
# and health details - a medicine with its dose, a scan or appointment named by its kind.
SORT_CODE = re.compile(r"\b(?:sort\s*code\s*(?:is\s*)?:?\s*)?(\d{2}[- ]\d{2}[- ]\d{2})\b", _FLAGS)
_SORT_CODE_WORDS = re.compile(r"sort\s*code|bank|account", _FLAGS)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b")
NI_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")
VEHICLE_REG = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b")
HEALTH = re.compile(
    r"\b[A-Za-z][a-z]{3,}\s\d+(?:\.\d+)?\s?(?:mg|mcg|\u00b5g|ml|iu|units)\b|"
    r"\b(?:maternity|antenatal|pregnancy|fertility|IVF|mental health|sexual health|HIV|"
    r"cancer|oncology|chemo(?:therapy)?|psychiatric|dementia|diabetes|diabetic|cardiology|"
    r"STI|smear|mammogram|colonoscopy|psychology|counselling|addiction|rehab|dialysis|"
    r"abortion|termination|miscarriage|vasectomy|MRI|biopsy|physio(?:therapy)?)\s(?:scan|"
    r"appointment|clinic|test|results?|treatment|review|referral|care|session|check|"
    r"consultation|screening|follow-up|follow up)s?\b",
    _FLAGS,
)
CARD_ENDING = re.compile(
    r"\b(?:card|account|Visa|Mastercard|MasterCard|Amex|Maestro|debit|credit)\s+ending\s+"
    r"(?:in\s+)?\d{4}\b",
    _FLAGS,
)
STREET = re.compile(
    r"\b\d{1,4}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|"
    r"Close|Drive|Dr|Way|Crescent|Court|Ct|Place|Pl|Boulevard|Blvd|Gardens|Terrace|Grove|Hill|"
    r"Rise|Row|Mews|Walk|Square|Parade|Green|View|Vale|Mount|Wharf|Yard|Quay|Heights|Meadows?)"
    r"\b\.?",
)
# A date of birth: a full date with its year, in a sentence about a birth date ("DOB
# 12/04/1988", "your date of birth was wrong, so we've changed it to 3 March 1990").
BIRTH_DATE = re.compile(
    r"\b(?:born|birth|DOB|d\.o\.b\.?|birthday)\b[^.!?\n]{0,60}?\b(\d{1,2}[/.-]\d{1,2}[/.-]"
    r"(?:19|20)?\d\d|\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|"
    r"Dec)[a-z]*\.?,?\s+(?:19|20)\d\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)\b",
    _FLAGS,
)
ORG_NUMBER_BEFORE = re.compile(
    r"(?:call|ring|phone|text|reach|contact)\s+(?:us|our\s+\w+(?:\s+\w+)?)\s+(?:on|at)?\s*$|"
    r"\bour\s+(?:\w+\s+){0,3}(?:line|number|team|desk)\s+(?:on|at|is)?\s*$|\b(?:us|team)\s+(?:on|"
    r"at)\s*$",
    _FLAGS,
)
FREEPHONE = re.compile(
    r"^\s*(?:\+?1[\s-]?)?\(?(?:0800|0808|0300|0330|0345|0370|800|888|877|866|855|"
    r"844|833)\b"
)

# Promises of a remedy with an amount.
_NUMBER_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
AMOUNT = re.compile(
    r"(?:[£$€]\s?(\d[\d,]*(?:\.\d{1,2})?))|(?:\b(\d[\d,]*(?:\.\d{1,2})?)\s?(?:pounds|dollars|"
    r"euros|GBP|USD|EUR|quid)\b)|"
    # An amount in words (third round, issue 5): "a hundred pounds", "two hundred quid",
    # "fifty quid", "a hundred and fifty pounds".
    rf"\b((?:{_NUMBER_WORD})(?:\s+hundred(?:\s+and\s+(?:{_NUMBER_WORD}))?)?)\s+(?:pounds|"
    r"dollars|euros|quid|bucks)\b",
    _FLAGS,
)


def _amount_value(match: re.Match[str]) -> Decimal:
    """The amount of an AMOUNT match, in figures or in words."""
    if match.group(1) or match.group(2):
        return Decimal((match.group(1) or match.group(2)).replace(",", ""))
    words = match.group(3).lower().split()
    value = _NUMBER_WORDS[words[0]]
    if len(words) > 1 and words[1] == "hundred":
        value *= 100
        if len(words) > 3:
            value += _NUMBER_WORDS[words[3]]
    return Decimal(value)


FIRST_PERSON_PROMISE = _rx(
    _a(
        "I('ll| will| can| could| have|'ve| am going to|'m going to| am happy to|'m happy to|"
        " would like to|'d like to| have gone ahead and|'ve gone ahead and)"
    ),
    _a(
        "we('ll| will| can| could| have|'ve| are going to|'re going to| are happy to|"
        "'re happy to| would like to|'d like to)"
    ),
    "let me",
    "allow me to",
    "(I|we) (offer|give|refund|credit|send|issue|arrange|process|approve|authori[sz]e|add|pay)",
    _a("you('ll| will) (get|receive|be (refunded|credited|sent|given|paid))"),
    # A promise made as it is done: "I'm adding £50 to your account", "we're sending a voucher".
    _a(
        "(I'm|I am|we're|we are) (now |also |happy to be )?(adding|giving|sending|refunding|"
        "crediting|issuing|offering|arranging|putting|paying|applying|approving|enclosing|"
        "including|attaching|awarding|granting|posting|dispatching|upgrading|swapping|"
        # (Seventh round: "I am authorising a full refund of your £220 course fee today".)
        "authori[sz]ing|processing|organi[sz]ing|releasing|waiving|covering|ordering|booking|"
        "replacing|reimbursing|compensating|refunding)"
    ),
    "(is|has been|will be) (on its way|refunded|credited|issued|paid|sent|processed)",
    # Fifth round (issue 5): the remedy handed over in the present ("We enclose a credit note
    # for £250", "please accept a £75 refund").
    "(I|we) (enclose|attach|include|am enclosing|are enclosing)",
    "please (accept|find enclosed|find attached)",
    # Sixth round (issue 5): the organisation as the one who promises ("the company will
    # replace the dining set", "the Society will issue a credit note"), and a remedy given
    # as a fact to come ("your treatment will be free of charge").
    "(the|our) (company|society|store|shop|practice|hotel|council|firm|business|surgery|"
    "clinic|school|club)('s| will| shall| is going to| has agreed to| is happy to)",
    "will be (free of charge|on us|on the house)",
    # Seventh round (issue 5): the remedy handed over ("Here's £40 in credit", "Have a free
    # replacement, worth £200, on us").
    _a("here's|here is|here are"),
    "(?:(?<=^)|(?<=[.!?,]\\s))(have|take|enjoy|accept) (a|an|this|the|these|\\d|£)",
)
# Words after the promise's start that show it is not the agent's own promise of the remedy.
# A negation undoes a promise only between the promise and its remedy ("I can't refund you"):
# after the remedy it qualifies something else ("we'll refund £549 so you're not out of
# pocket").
NEGATION_WORDS = _rx(
    "not",
    _a("can't"),
    "cannot",
    _a("won't"),
    "unable",
    "no longer",
    "never",
    _a("isn't"),
    _a("aren't"),
    _a("couldn't"),
    _a("wouldn't"),
    _a("don't"),
)
NEGATION = _rx(
    "team leader",
    "manager",
    "supervisor",
    "if (I|we) (could|were)",
    "would need",
    "needs? (a|an|the|my|our) \\w+['\u2019]?s? approval",
    "(passed|referred|forwarded) (your|this|it|the) (\\w+ )?(on )?to",
    # (Tenth round: not a colleague asked to do the work - "I've asked our specialist to see
    # whether the beading can be restored" - who approves nothing.)
    "asked (my|our|a|the) (?!(specialist|engineer|technician|courier|driver|installer|fitter|"
    "surveyor|audiologist|restorer|workshop|repairer)s?\\b)",
    "handled by",
    "approved by",
    "(my|our) (colleague|returns|claims) ",
)


# ---------------------------------------------------------------- the checker


# Eighth round (issue 5): admissions the eighth blind batch showed unseen, by shape - the fault
# placed on our side in any words ("The fault is definitely on our side", "the blame lies with
# us"); liability accepted or promised ("we'll be liable for any water damage", "we accept full
# liability"); the cause named as our own failing ("caused entirely by our own staff's
# failure", "because of our own poor planning"); and one of ours guessed at as the cause in a
# cleft ("I'm sure it was our van that clipped your wall").
_CAUSE_WORDS = (
    "(failure|failings?|error|errors|mistake|mistakes|negligence|fault|oversight|carelessness|"
    "poor planning|bad planning|incompetence|mismanagement|poor workmanship|shoddy work)"
)
ADMITS_FAULT.append(
    (
        _rx(
            "the (fault|blame|error|mistake|responsibility) (is|was|lies|lay|rests|sits|falls)"
            "( (definitely|entirely|clearly|fully|squarely|wholly|firmly|solely|completely))? "
            "(on|with) (our side|us|our end|our part|our team|ourselves|the company)\\b",
            _a(
                "(we|I)('ll| will|'re| are|'d| would| were)( be)? (fully |entirely |wholly |"
                "legally )?(liable|legally responsible) (for|to)\\b[^.!?,]{0,40}"
            ),
            "(we|I) (accept|admit|acknowledge|take) (full |all |total |complete )?(liability|"
            "legal responsibility)\\b[^.!?,]{0,40}",
            "(caused|brought about) (entirely |solely |wholly |purely |directly |completely )?by "
            "(our|our own) ([\\w-]+('s)? ){0,2}" + _CAUSE_WORDS,
            "(because of|due to|down to|through) (our|our own) (own )?([\\w-]+ ){0,1}"
            + _CAUSE_WORDS,
            f"it (was|must have been|'s|is) (probably |definitely |clearly |likely |obviously )?"
            f"(our|one of our) ([\\w-]+ )?({_OUR_PEOPLE[1:-1]}|vans?|lorry|lorries|trucks?|"
            f"vehicles?|ladders?|equipment|machines?|forklift) (that|who|which) "
            f"({_DAMAGE[1:-1]}|clipped|hit|scraped|reversed into|backed into|ran over|"
            f"damaged|scratched)\\b[^.!?,]{{0,30}}",
        ),
        *_ADMITS_FAULT_WHY_AND_BETTER,
        re.compile(
            r"\b(?:if|whether|unless|not|n't|cannot|never|no)\b[^.!?,;]*$|\b(?:allegations?|"
            r"claims?|suggestions?|accusations?|complaints?|reports?|say|says|said|feel|felt|"
            r"think|thought|believe)\s+that\s+$",
            re.IGNORECASE,
        ),
    )
)

# Tenth round (issue 5): admissions the tenth blind batch showed unseen, by shape - the cause
# put on our own people or kit in a guess ("that'll be our delivery lot", "it's down to our
# warehouse staff", "the stain is most likely from our cleaning fluid", "our printer must have
# jammed", "the lads probably forgot", "she probably didn't check the list"); our people
# described by their failing ("our handlers were rough with it", "the drivers have been a
# shambles", "they're not always careful"); and responsibility or breach owned outright
# ("we're responsible for that", "so we're in breach").
_OUR_SIDE = (
    "(our|my) (own )?(?!(suppliers?|manufacturers?|couriers?|wholesalers?|carriers?|"
    "distributors?|subcontractors?|customers?|records?|policy|terms|rules?)\\b)[\\w-]+"
    "( [\\w-]+)?|the (lads|boys|guys|team|crew|staff|fitters|handlers|installers|drivers?|"
    "engineers?|technicians?|cleaners|kitchen)"
)
ADMITS_FAULT.append(
    (
        _rx(
            _a(
                "(that'll be|that will be|that's|that is|it'll be|it must be|it must have been|"
                "must be) (all )?(down to )?(our|my) (own )?(lot|lads|guys|boys|people|handlers|"
                "staff|team|fitters|drivers|crew|warehouse|packers|kitchen|cleaners|installers|"
                "engineers|\\w+ (team|staff|lot|lads|crew))(?=[,.!;]| \\u2014| -)"
            ),
            _a(
                "(it's|it is|it was|that's|that is|that was|this is|this was|probably|most likely"
                "|likely) (all |partly |mostly |probably |most likely |likely )?(down to|because "
                "of|caused by|from) (our|my) (own )?(\\w+ )?(handlers|staff|team|lads|fitters|"
                "drivers?|crew|warehouse|packers|installers|engineers?|technicians?|machines?|"
                "system|solvent|chemicals?|equipment|kit|van|vans|process)\\b[^.!?]{0,50}"
            ),
            "(is|was|are|were) (probably|likely|almost certainly|most likely|definitely|"
            "clearly|obviously) (from|caused by|down to|due to) (our|my)\\b[^.!?,]{0,40}",
            "(we|" + _OUR_SIDE + ") (must('ve| have)|probably|obviously|clearly|evidently) "
            "(have )?(been )?([a-z]+ed|put|ran|run|sent|got|made|done|left|lost|broke|broken|set|"
            "forgot|forgotten|missed|mixed|shrunk|burnt|overlooked|dropped|trampled|"
            "didn't|did not|failed)\\b[^.!?,]{0,40}",
            _a(
                "(he|she|they)('s| is| was) new,? (so |and )?(he|she|they) (probably|must have|"
                "must've|obviously|clearly) [^.!?]{0,40}"
            ),
            "(" + _OUR_SIDE + ") (were|was|have been|has been|'ve been) (\\w+ )?(careless|"
            "negligent|rough|sloppy|a shambles|useless|incompetent|in the wrong|all over the "
            "place)\\b[^.!?,]{0,30}",
            _a(
                "(they're|they are|he's|he is|she's|she is) not always (careful|reliable|"
                "thorough)\\b"
            ),
            _a(
                "(we're|we are|we were|we've been|we have been) (fully |entirely |completely )?"
                "(responsible for (that|this|it|what happened)(?=[.!,])|in breach)\\b[^.!?,]{0,20}"
            ),
        ),
        *_ADMITS_FAULT_WHY_AND_BETTER,
        re.compile(
            r"\b(?:if|whether|unless|not|n't|cannot|never|no)\b[^.!?,;]*$|\b(?:allegations?|"
            r"claims?|suggestions?|accusations?|complaints?|reports?|say|says|said|feel|felt|"
            r"think|thought|believe)\s+that\s+$",
            re.IGNORECASE,
        ),
    )
)

# Sixth round (issue 5): an admission made after the facts were checked, in the reply's own
# words ("I can see the cancellation request from 12 March, it wasn't actioned and that's on
# us", "confirmed: the change wasn't emailed, which we should have done"), is owning an
# established fault, not admitting one before anything was checked.
_FACTS_CHECKED = re.compile(
    # (Tenth round: not "I can see how much this dress means to you", a feeling seen.)
    r"\b(?:I|we)(?:['\u2019]ve| have)? (?:can see(?! (?:how|why|what a|you['\u2019]re|you are|that "
    r"you))|found|checked|looked into|confirmed)\b|"
    r"\bconfirmed:|\b(?:our|the) records (?:show|confirm)|"
    # Eighth round (issue 5): evidence named in the reply ("you're right, the invoice shows the
    # old rate; that's our error").
    r"\b(?:the|your|our) (?:invoice|bill|statement|system|log|logs|tracking|footage|photos?|"
    r"account history|call recording) (?:shows?|showed|confirms?|confirmed)\b",
    _FLAGS,
)


# Sixth round (issue 5): a customer who asks which clause, section or rule applies is
# answered, not lectured, when the reply names it by its number ("under clause 6.3: imaging
# after surgery is capped at one series"); "refer to your policy booklet" still is quoting.
_ASKED_FOR_THE_RULE = re.compile(
    r"\b(?:which|what) (?:clause|section|term|rule|condition|exclusion|part of (?:the|my) "
    r"policy)s?\b|\bunder which\b",
    _FLAGS,
)


def check_reply(reply: str, context: ReplyContext | None = None) -> list[Finding]:
    """Findings for one reply, in the order of their spans (missing parts last).

    Raises ReplyInputError for an empty reply or one longer than MAX_REPLY_CHARS.
    """
    if not isinstance(reply, str) or not reply.strip():
        raise ReplyInputError("The reply is empty.")
    if len(reply) > MAX_REPLY_CHARS:
        raise ReplyInputError(
            f"The reply is {len(reply)} characters long; the checker reads at most "
            f"{MAX_REPLY_CHARS}."
        )
    context = context or ReplyContext()
    sentences = _sentences(reply)
    findings: list[Finding] = []
    # One provoking finding per sentence: a dig is one fault, however many words it uses.
    findings += _one_per_clause(
        reply,
        _phrases(reply, "provoking", PROVOKING) + _caps(reply, context.customer_text),
        "provoking",
        _SAME_SENTENCE,
    )
    if not context.fault_established and not _FACTS_CHECKED.search(reply):
        # One admission per sentence ("we messed up, it's on us" is one admission).
        findings += _one_per_clause(
            reply, _phrases(reply, "admits_fault", ADMITS_FAULT), "admits_fault", _SAME_SENTENCE
        )
    findings += _quotes_policy(
        reply, sentences, bool(_ASKED_FOR_THE_RULE.search(context.customer_text or ""))
    )
    findings += _passive(reply, sentences)
    findings += _one_per_clause(
        reply,
        _phrases(reply, "aggressive", AGGRESSIVE)
        + _denied_claim(reply, sentences, context.customer_text),
        "aggressive",
        _SAME_SENTENCE,
    )
    specialist = context.customer_is_specialist
    if specialist is False and writes_as_specialist(context.customer_text):
        specialist = True  # the model's "plain" misses a professional writing in their terms
    if specialist is False:
        findings += _jargon(reply, sentences, context.customer_text)
    elif specialist is True:
        findings += _oversimplified(reply, context.customer_text)
    if context.public:
        findings += _personal_data(reply)
    if context.authority is not None:
        findings += _above_authority(reply, sentences, context)
    findings = _without_overlaps(_one_fault_each(reply, sentences, findings))
    findings = [_fitted(reply, sentences, f) for f in findings]
    findings.sort(key=lambda f: (f.start, f.end, FINDING_TYPES.index(f.type)))
    owed = _owed_feelings(context)
    if needs_empathy(owed) and not _has_empathy(reply):
        findings.append(_no_empathy(reply, owed))
    # A reply that refuses, digs or quotes the rules is not "thanks only", whatever its
    # courtesies ("thank you for your email. The warning light is not our concern").
    missing = _no_next_step(
        reply,
        sentences,
        any(
            f.type in ("passive", "aggressive", "provoking", "quotes_policy")
            or f.message.startswith(_BEGINNER_MESSAGE)
            for f in findings
        ),
        findings,
    )
    if missing:
        findings.append(missing)
    return findings


# Seventh round (issue 5): the customer's own claim denied back at them in a bare sentence
# ("You haven't been charged twice." to "I've been charged twice"; "You weren't overcharged."):
# a flat contradiction, with no reason or check in the same sentence.
_DENIAL = re.compile(
    r"(?:no,?\s+)?you\s+(?:haven['\u2019]t|have\s+not|didn['\u2019]t|did\s+not|weren['\u2019]t|"
    r"were\s+not|aren['\u2019]t|are\s+not|wasn['\u2019]t|was\s+not)\s+(?:been\s+|actually\s+|"
    r"even\s+|ever\s+)?([a-z]+)((?:\s+[a-z]+){0,3})\s*[.!]",
    _FLAGS,
)


def _denied_claim(
    reply: str, sentences: list[tuple[int, int]], customer_text: str | None
) -> list[Finding]:
    if not customer_text:
        return []
    said = set(re.findall(r"[a-z]+", customer_text.lower().replace("\u2019", "'")))
    found = []
    for start, end in sentences:
        lead = GREETING.match(reply, start)
        at = lead.end() if lead and lead.end() <= end else start
        match = _DENIAL.fullmatch(reply, at, end)
        if match is None:
            continue
        words = [match.group(1).lower(), *match.group(2).lower().split()]
        if words[0] in said and sum(w in said for w in words) >= min(2, len(words)):
            found.append(
                _finding(
                    "aggressive",
                    at,
                    end,
                    "This denies the customer's own account flatly; say what the records show "
                    "and what you will check.",
                    "Our records show [what they show]; I'll check [what] and come back to you",
                )
            )
    return found


# "I understand you're angry, and I'm not going to argue with you": refusing an argument
# after acknowledging the feeling is de-escalation, not a shut-down.
_ACKNOWLEDGED_FIRST = re.compile(
    r"\b(?:I (?:understand|hear|know|get|can see|appreciate)|I['\u2019]m sorry)\b[^.!?]{0,60}"
    r"(?:,\s*|\s)(?:and|but|so)\s+$",
    _FLAGS,
)
_NO_ARGUMENT = re.compile(r"[^.!?]{0,24}\bargue\b", _FLAGS)


# Sixth round (issue 5): what a quoted rule allows ("a meter may be fitted", "before any
# claim can be considered") is part of the rule, not a step nobody owns.
_RULE_MODAL = re.compile(r"\b(?:may|can|could|might)\b", _FLAGS)


# Seventh round (issue 5): the consequence half of an ultimatum ("or it will be clamped").
_ULTIMATUM_TAIL = re.compile(r"(?:or|otherwise|unless|failing|else)\b", _FLAGS)


def _part_of_threat(
    reply: str, sentences: list[tuple[int, int]], finding: Finding, threat: Finding
) -> bool:
    """Whether a dig is part of a threat: inside it, just before it in its sentence, or (seventh
    round) the demand half of an ultimatum ("You must allow entry on 14 May [or legal action
    will follow]") or a heading in capitals before it ("FINAL NOTICE: Move your vehicle ... or
    it will be clamped")."""
    if threat.start < finding.end and finding.start < threat.end:
        return True
    if finding.end > threat.start:
        return False
    if _sentence_of(sentences, finding.start) != _sentence_of(sentences, threat.start):
        return False
    gap = reply[finding.end : threat.start]
    if not gap.strip(" \t\n\r:-\u2013\u2014"):
        return True
    return bool(_ULTIMATUM_TAIL.match(reply, threat.start))


def _one_fault_each(
    reply: str, sentences: list[tuple[int, int]], findings: list[Finding]
) -> list[Finding]:
    """Fifth round (issue 5): one wording fault is reported once. A dig inside a threat or
    demand ("You must buy a licence today", "Missed appointments WILL be charged") is the
    threat: the aggressive finding stands for it, and a provoking finding inside its span
    goes. Refusing to argue after acknowledging the feeling is no shut-down."""
    threats = [f for f in findings if f.type == "aggressive"]
    dense = [
        f
        for f in findings
        if f.type == "jargon"
        and f.message.startswith(("This sentence is full", "These sentences", "A sentence of"))
    ]
    rules = [f for f in findings if f.type == "quotes_policy"]
    beginner = [
        f for f in findings if f.type == "jargon" and f.message.startswith(_BEGINNER_MESSAGE)
    ]
    admissions = [f for f in findings if f.type == "admits_fault"]
    digs = [f for f in findings if f.type == "provoking"]
    kept = []
    for finding in findings:
        if finding.type == "passive" and any(
            d.start <= finding.start and finding.end <= d.end for d in digs
        ):
            continue  # (tenth round) "I'm sure the statue will be thrilled": the dig, no step
        if finding.type == "admits_fault" and any(
            d.start <= finding.start and finding.end <= d.end for d in digs
        ):
            continue  # (seventh round) "That's hardly our fault": a dig disowning it, no admission
        if (
            finding.type == "passive"
            and _RULE_MODAL.search(reply, finding.start, finding.end)
            and any(
                _sentence_of(sentences, r.start) == _sentence_of(sentences, finding.start)
                for r in rules
            )
        ):
            continue  # "Under our policy, a meter may be fitted once ...": the rule, quoted
        if finding.type == "quotes_policy" and any(
            t.start <= finding.start and finding.end <= t.end for t in threats
        ):
            continue  # (eighth round) "your pipework, not ours, full stop": the contradiction
        if finding.type == "passive" and any(
            t.start < finding.end and finding.start < t.end for t in threats + dense
        ):
            continue  # "or the return will be rejected" is the threat; a technician's
            # sentence is the jargon fault
        if (
            finding.type == "provoking"
            and "happen" in reply[finding.start : finding.end].lower()
            and any(
                _sentence_of(sentences, b.start)[0]
                <= finding.start
                < _sentence_of(sentences, max(b.start, b.end - 1))[1]
                for b in beginner
            )
        ):
            continue  # (seventh round) "it happens to all of us": a chance cause, the
            # beginner's answer it stands in, not a second fault
        if finding.type == "passive" and any(
            a.end <= finding.start
            and not reply[a.end : finding.start].strip(" ,")
            and _sentence_of(sentences, a.start) == _sentence_of(sentences, finding.start)
            for a in admissions
        ):
            continue  # (seventh round) "it's our fault [your boiler wasn't fitted properly]"
        if finding.type == "provoking" and any(
            _part_of_threat(reply, sentences, finding, t) for t in threats
        ):
            continue
        if (
            finding.type == "aggressive"
            and _NO_ARGUMENT.match(reply, finding.start, finding.end)
            and _ACKNOWLEDGED_FIRST.search(
                reply, _sentence_of(sentences, finding.start)[0], finding.start
            )
        ):
            continue
        kept.append(finding)
    return kept


def _finding(kind: str, start: int, end: int, message: str, suggestion: str) -> Finding:
    return Finding(kind, start, end, message, suggestion, CRITERIA[kind])


def _keep_case(matched: str, suggestion: str) -> str:
    """Give the suggestion the matched text's capital at the start of a sentence."""
    if matched.isupper() and len(matched) > 1:
        return suggestion  # an acronym or a shouted word: its capitals say nothing of position
    if matched[:1].isupper() and suggestion[:1].islower():
        return suggestion[0].upper() + suggestion[1:]
    if matched[:1].islower() and suggestion[:1].isupper() and not suggestion.startswith("I "):
        return suggestion[0].lower() + suggestion[1:]
    return suggestion


def _phrases(reply: str, kind: str, rules: list[Rule]) -> list[Finding]:
    found = []
    for pattern, message, suggestion, *unless in rules:
        for match in pattern.finditer(reply):
            if unless and unless[0].search(reply[max(0, match.start() - 40) : match.start()]):
                continue
            text = match.group()
            better = suggestion(text) if callable(suggestion) else suggestion
            found.append(
                _finding(kind, match.start(), match.end(), message, _keep_case(text, better))
            )
    return found


SMS_KEYWORD = re.compile(r"\b(?:reply|text|send|txt|type)\s+$", re.IGNORECASE)
# Tenth round (issue 5): the other keyword of a choice ("reply YES if it is, or NO"), and a
# sender's name in capitals heading a text ("PARKWISE: Payment outstanding."): not shouting.
_SMS_CHOICE = re.compile(
    r"\b(?:reply|text|send|txt|type)\s+[A-Z]{2,}\b[^.!?\n]{0,40}\bor\s+$", re.IGNORECASE
)
_CAPS_WORD = re.compile(r"(?<![\w@#/.&-])[A-Z]{2,}(?:['\u2019][A-Z]+)?(?![\w/.&-]|\d)")


# A token with digits beside a word in capitals: the word is part of a code or reference.
_CODE_BEFORE = re.compile(r"\b[A-Z0-9]*\d[A-Z0-9]*\s$")
_CODE_AFTER = re.compile(r"\s[A-Z0-9]*\d[A-Z0-9]*\b")


# Fifth round (issue 5): one word in capitals after "appeal to", "contact", "via" is the name
# of a body or service ("appeal to POPLA"), not a shouted word.
_NAMED_AFTER = re.compile(
    r"\b(?:to|via|with|from|contact|through|at|by|on)\s+(?:the\s+)?$", re.IGNORECASE
)
# Sixth round (issue 5): a word in capitals between a determiner and the lowercase noun it
# qualifies ("per ICANN policy", "your PAYE coding notice") names a body or scheme.
_DETERMINER_BEFORE = re.compile(r"\b(?:per|your|our|the|an?|his|her|their|its)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+[a-z]")


# Seventh round (issue 5): a word in capitals set off by commas or brackets after a noun
# names a body ("the independent appeals service, POPLA, within 28 days"), and one before a
# lowercase noun in a sentence with other acronyms is one of them ("the DD mandate failed
# AUDDIS validation"): neither is shouting.
_APPOSITIVE_BEFORE = re.compile(r"[a-z][,(]\s*$")
_APPOSITIVE_AFTER = re.compile(r"\s*[,)]")
_OTHER_CAPS = re.compile(r"(?<![\w@#/.&-])[A-Z]{2,}(?![\w/.&-])")


def _other_abbreviation(masked: str, start: int, end: int) -> bool:
    """Whether the sentence around [start, end) holds another abbreviation in capitals."""
    left = max(masked.rfind(stop, 0, start) for stop in ".!?\n") + 1
    stops = [i for i in (masked.find(stop, end) for stop in ".!?\n") if i != -1]
    right = min(stops) if stops else len(masked)
    return any(
        m.start() != start
        and m.group() not in SHOUTED_WORDS
        and (m.group() in KNOWN_ACRONYMS or looks_like_acronym(m.group()))
        for m in _OTHER_CAPS.finditer(masked, left, right)
    )


_SHOUTING = "Capitals read as shouting."


def _caps(reply: str, customer_text: str | None = None) -> list[Finding]:
    used = set(re.findall(r"[A-Z]{2,}", customer_text or ""))
    masked = _URL.sub(lambda m: " " * len(m.group()), reply)
    masked = _MENTION.sub(lambda m: " " * len(m.group()), masked)
    found = []
    for match in _CAPS_WORD.finditer(masked):
        word = match.group()
        bare = word.replace("\u2019", "'").split("'")[0]
        if bare in KNOWN_ACRONYMS:
            continue  # an everyday abbreviation
        if bare not in SHOUTED_WORDS and (
            len(bare) < 4 or looks_like_acronym(bare) or bare in used
        ):
            continue  # an abbreviation, a code or a name the customer wrote so, not shouting
        if masked[match.start() - 1 : match.start()] in ("[", "{", "<") or masked[
            match.end() : match.end() + 1
        ] in ("]", "}", ">"):
            continue  # (eighth round) a template's placeholder ("your [PRODUCT]"), not shouting
        if SMS_KEYWORD.search(masked[max(0, match.start() - 12) : match.start()]):
            continue  # "Reply STOP": a keyword to send, not shouting
        if _SMS_CHOICE.search(masked[max(0, match.start() - 60) : match.start()]):
            continue  # (tenth round) "reply YES ..., or NO": the other keyword
        if (
            bare not in SHOUTED_WORDS
            and masked[match.end() : match.end() + 1] == ":"
            and not masked[: match.start()].strip()
        ):
            continue  # (tenth round) "PARKWISE: Payment outstanding": the sender's name
        if bare not in SHOUTED_WORDS and (
            _CODE_BEFORE.search(masked, max(0, match.start() - 12), match.start())
            or _CODE_AFTER.match(masked, match.end())
        ):
            continue  # part of a reference next to a code ("IBAN GB47 LOYD 3094"), not shouting
        if bare not in SHOUTED_WORDS and _NAMED_AFTER.search(
            masked, max(0, match.start() - 12), match.start()
        ):
            continue  # a body named as where to go ("appeal to POPLA"), not shouting
        if (
            bare not in SHOUTED_WORDS
            and _NOUN_AFTER.match(masked, match.end())
            and _DETERMINER_BEFORE.search(masked, max(0, match.start() - 8), match.start())
        ):
            continue  # "per ICANN policy": a name qualifying a noun, not shouting
        if bare not in SHOUTED_WORDS and (
            (
                _APPOSITIVE_BEFORE.search(masked, max(0, match.start() - 4), match.start())
                and _APPOSITIVE_AFTER.match(masked, match.end())
            )
            or (
                _NOUN_AFTER.match(masked, match.end())
                and _other_abbreviation(masked, match.start(), match.end())
            )
        ):
            continue  # "the appeals service, POPLA, within 28 days"; "the DD mandate failed
            # AUDDIS validation": a name set off by commas, or one of a sentence's acronyms
        start = match.start()
        if found and not masked[found[-1].end : start].strip():
            # A run of shouted words ("PLEASE READ") is one shouted phrase: one finding.
            start = found.pop().start
        found.append(
            _finding(
                "provoking",
                start,
                match.end(),
                _SHOUTING,
                reply[start : match.end()].lower(),
            )
        )
    return found


# Who owns a step: a named person or team the matter goes to or is handled by ("to Priya in
# our claims team", "by the finance team", "our engineer Sam", "who will call you").
OWNER = re.compile(
    r"\b(?:to|by|with|from)\s+(?:(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Christmas|Easter|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b)[A-Z][a-z]+\b|(?:our|the|my)\s+"
    r"(?!(?:relevant|appropriate|right|responsible|correct|concerned|necessary)\b)"
    r"(?:\w+\s+){0,2}(?:team|department|desk|colleague|manager|supervisor|engineer|specialist|"
    r"adviser|advisor|technician|courier|driver))|\bwho\s+(?:will|['\u2019]ll)\b"
)
# A time that is not itself vague ("as soon as possible" is no time).
FIRM_TIME = re.compile(SPECIFIC_TIME.pattern.replace("as soon as|", ""), _FLAGS)
# "As soon as possible" and the like: a vague time only when no firm time is in its sentence.
_ASAP = re.compile(r"as soon as|at the (?:earliest|first)", _FLAGS)


_SOMEONE = re.compile(r"some(?:one|body)|a member|one of", _FLAGS)
# A conditional offer: "if you ..., someone will", or an instruction joined by "and" ("reply
# HELP and one of the team will call you").
_IF_YOU = re.compile(
    r"\bif you\b|\b(?:reply|text|call|ring|DM|message|email|send|click|tap|fill|let us know|"
    r"get in touch|contact us)\b[^.!?]{0,40}\band\s+$",
    _FLAGS,
)
# "We'll see whether it arrived late, and reply by tomorrow": a check with a firm time.
_SEE_WHETHER = re.compile(r"[^.!?]*\bsee (?:if|whether)\b", _FLAGS)


# A passive finding that ends on its participle ("you will be updated"): a vague time right
# after it ("as soon as possible") is the same fault (fifth round, issue 5).
_PASSIVE_VERB_END = re.compile(r"\bbe(?:en)? [a-z]+(?:ed|en)$", _FLAGS)


def _passive(reply: str, sentences: list[tuple[int, int]]) -> list[Finding]:
    """Passive wording (C4 3.6): agentless passives and vague promises. Not a finding when the
    sentence names who owns the step and a firm time ("escalated to Priya in claims, who will
    call you by 4pm"); a vague time ("as soon as possible") stands only when no firm time is
    in its sentence."""
    found = []
    rules = [*PASSIVE, (AGENTLESS_STEP, *PASSIVE[-1][1:])]
    # Whether a sentence names an owner or a firm time, worked out once per sentence (a long
    # reply with many steps in one sentence stays linear).
    owners: dict[tuple[int, int], bool] = {}
    times: dict[tuple[int, int], bool] = {}

    def has_owner(span: tuple[int, int]) -> bool:
        if span not in owners:
            owners[span] = bool(OWNER.search(reply, *span))
        return owners[span]

    def has_time(span: tuple[int, int]) -> bool:
        if span not in times:
            times[span] = bool(FIRM_TIME.search(reply, *span))
        return times[span]

    for number, rule in enumerate(rules):
        for finding in _phrases(reply, "passive", [rule]):
            start, end = _sentence_of(sentences, finding.start)
            span = (start, end)
            if number == 0 and has_owner(span) and has_time(span):
                continue  # agentless wording, but who owns it and when are both named
            if (
                _ASAP.match(reply, finding.start)
                or reply[finding.start : finding.end].lower().endswith("shortly")
            ) and has_time(span):
                continue  # "as soon as possible, and by Friday at the latest"
            if number >= len(PASSIVE) - 1 and (has_time(span) or has_owner(span)):
                continue  # "a refund will be issued by Friday": it has a time (or an owner)
            if _SOMEONE.match(reply, finding.start) and _IF_YOU.search(
                reply[start : finding.start]
            ):
                continue  # "if you send the form, someone will reach out": a conditional offer
            if (
                number == 1
                and _SEE_WHETHER.match(reply, finding.start, finding.end)
                and has_time(span)
            ):
                continue  # "we'll see whether it arrived late, and reply by tomorrow"
            found.append(finding)
    # An agentless step with a vague time right after it ("will be processed in due course")
    # is one fault: one finding over both.
    # (One pass in order of position, so that a long reply of many steps stays linear.)
    joined: list[Finding] = []
    for finding in sorted(found, key=lambda f: (f.start, f.end)):
        step = joined[-1] if joined else None
        if (
            step is not None
            and finding.start >= step.end
            and not reply[step.end : finding.start].strip()
            and (
                AGENTLESS_STEP.fullmatch(reply, step.start, step.end)
                or _PASSIVE_VERB_END.search(reply, step.start, step.end)
                # Sixth round: "A member of the team will respond as soon as possible".
                or _SOMEONE.match(reply, step.start)
            )
        ):
            joined[-1] = replace(finding, start=step.start)
            continue
        joined.append(finding)
    found = joined
    return _one_per_clause(reply, found, "passive", _SAME_CLAUSE_PASSIVE)


# Fourth round (issue 5): agentless passives the third blind batch showed unseen - a step in
# the future that nobody owns ("this will be monitored", "it'll be lifted", "lessons will be
# learned", "a confirmation will be sent out"), a decision or change that nobody made ("it has
# been decided", "the appointment had to be moved"), an update that "will follow", and a
# vague "they" who "will probably get back to you". Like the last PASSIVE rule, not a
# finding when its sentence names who owns the step or a firm time.
AGENTLESS_STEP = _rx(
    _a(
        "(it|this|that|(a|an|any|the|your|these|those|all|further|some) ([\\w-]+ ){0,2}?"
        "[\\w-]+|(?:(?<=^)|(?<=[.!?]\\s))[\\w-]+)('ll| will| shall| may| might| should| can|"
        " could)( now| then| soon| also| "
        "only| probably| hopefully| likely| in turn)? (be|get) (reviewed|monitored|processed|"
        "confirmed|lifted|learned|learnt|sorted|sent( out| over| on)?|considered|assessed|"
        "arranged|resolved|fixed|updated|followed up|picked up|decided|discussed|kept under "
        "review|taken forward|progressed)(?! by)(?! to (the|your) )"
    ),
    "(it|a decision|the decision) (has been|was|had been) (decided|agreed|determined|"
    "concluded)(?! by)",
    "(had|has|have) to be (moved|cancelled|canceled|changed|rescheduled|postponed|"
    "put back|pushed back)(?! by)",
    "(details|information|confirmation|an update|updates|further information|more "
    "information|news|paperwork) (will|should|shall) (follow|be along|come through)",
    _a("they('ll| will) (probably|hopefully|likely|maybe|possibly)"),
    # Fifth round (issue 5): any step nobody owns, whatever the verb ("any adjustment will be
    # made as appropriate", "a review will be undertaken", "Alternative dates will be
    # offered", "Payment arrangements may be considered", "will be triaged"); a matter in
    # hand with nobody named ("Your request to switch product is being processed",
    # "Authorisation is being sought"); a pending step done by nobody ("A part has been
    # ordered", "a revised demand has been generated", "has been received and will be
    # assessed", "appears to have been removed"); a token step ("I'll put a note on it"), a
    # half promise ("We'll try to rebook"), a time that is no time ("when available").
    # Excused, like the rest of this rule, by an owner or a firm time in the sentence.
    _a(
        "(it|this|(a|an|any|the|your|these|those|all|further|some) ([\\w-]+ ){0,3}?"
        "[\\w-]+|(?:(?<=^)|(?<=[.!?]\\s)|(?<=[,:;]\\s))[\\w-]+( [\\w-]+)?)('ll| will| shall|"
        " may| might| should)( now| then| also| only| be| soon)? (be|get) "
        "(?!(able|charged|billed|required|asked|pleased|happy|closed|open|based|located|"
        "entitled|eligible|expected|allowed|used|available|valid|due|ready|fine|there|here|"
        "back|free|safe|sure|glad|delighted|interested|aware|welcome|covered|needed|"
        "accepted|applied|added|treated|deemed|regarded|waived|cancell?ed|canceled|released|"
        "reversed|deducted|debited|collected|removed|dropped|returned|delivered|shipped|"
        "dispatched|posted|emailed|texted|refunded|credited|replaced|repaired|fixed|"
        "restored|reconnected|activated|live|done|completed)\\b)([a-z]+(ed|en)|made|sent|"
        "given|held|kept|"
        "undertaken|sought|paid|put|set|dealt with|looked (at|into)|chased up|followed up)"
        "(?! by)(?! to (the|your) )(?! online| in person| at any)\\b"
    ),
    _a(
        "(it|this|that|authori[sz]ation|approval|(your|the|a|an) ([\\w-]+ ){0,5}?[\\w-]+)"
        "( is| are|'s)( currently| now| still)? being (processed|sought|looked (into|at)|"
        "reviewed|handled|dealt with|investigated|considered|assessed|checked|chased|traced|"
        "arranged|prepared|progressed|worked on)"
    ),
    "(it|this|that|(a|an|the|your|any) ([\\w-]+ ){0,3}?[\\w-]+)( has| have) been (ordered|"
    "requested|generated|sought|submitted|applied for|actioned|allocated|received and "
    "(will|may|should) be [a-z]+(ed|en))",
    "(appears|appear|seems|seem) to have been [a-z]+(ed|en)",
    _a(
        "(I'll|we'll|I will|we will) (just )?(put|make|add|leave|pop) a note (on|of|against) "
        "(it|this|that|your (account|file|record|case)|the (account|file|record|case|system))"
        "(?=[.!,;])"
    ),
    _a("(I'll|we'll|I will|we will) (try|attempt|endeavour|endeavor|aim) to [\\w-]+"),
    "when (available|possible|we can(?! [a-z])|we are able|resources allow|capacity allows|"
    "one becomes available|a slot becomes available|someone is (free|available))",
    # Sixth round (issue 5): steps nobody owns in shapes the fifth and sixth batches showed
    # unseen - a matter in hand whatever its subject ("Issues with the telephone system ...
    # are being addressed", "it's being discussed"); a matter logged or flagged with no
    # determiner or a long subject ("Refund request has been logged", "The missing items have
    # been flagged"); someone unnamed by role or contraction ("An officer will contact you",
    # "someone'll get back to you"); a step done "where possible" or kept "for a bit".
    "(is|are|'s|am)( currently| now| still)? being (addressed|discussed|looked (at|into)|"
    "considered|reviewed|investigated|processed|handled|worked on|dealt with|talked about)"
    "(?! by)",
    "(?:(?<=^)|(?<=[.!?]\\s)|(?<=\\n)|(?<=[,:;]\\s))((the|your|this|that) )?"
    "([\\w-]+ ){1,3}(has|have) been (logged|noted|flagged|raised|escalated|referred|passed on)"
    "(?! (to|by|with) )",
    _a(
        "(a|an) (officer|adviser|advisor|agent|caseworker|case (handler|officer|worker)|"
        "representative|specialist|colleague|member of staff|assessor|inspector) (will|'ll|"
        "should|may|might) (\\w+ )?(contact|call|ring|phone|be in touch|get back|reply|"
        "respond|write|visit)"
    ),
    _a("(someone|somebody)'ll"),
    "(made|given|taken|done|learned|learnt|applied|offered|provided|actioned) (where|as|if|"
    "when) (possible|appropriate|applicable|necessary|required|relevant)",
    _a("(will|'ll) be [a-z]+ for a (bit|while|little while)"),
)

# Seventh round (issue 5): steps nobody owns in shapes the seventh blind batch showed unseen,
# by shape - an outcome that "will follow" whatever it is called ("a response will follow");
# a matter "in hand" or "under review" with nobody named ("The matter is in hand"); the
# get-passive and the middle voice ("It'll all get sorted", "the refunds will sort themselves
# out"); a step done "when" or "once" something unknown happens ("should be done when it
# dries up", "samples will be dropped round once they come in"); a vague someone at a vague
# time ("I'll get someone to look at it at some point"); people who "are aware" and nothing
# more ("Engineers are aware"); a state of waiting nobody owns ("is currently awaiting
# authorisation"). Like AGENTLESS_STEP, not a finding when the sentence names who owns the
# step or a firm time.
_SEVENTH_AGENTLESS = _rx(
    "(a|an|the|your|our|further|any) ([\\w-]+ ){0,2}?(response|reply|decision|answer|outcome|"
    "callback|call back|letter|email|report|refund|payment|visit|follow-up|explanation|"
    "apology|review|investigation) (will|should|shall|'ll|is going to) (follow|be along|"
    "be forthcoming|come through|be on its way)",
    "(it|this|that|the (matter|issue|problem|case|complaint|query|situation)|(the|your) "
    "[\\w-]+( [\\w-]+)?) (is|are|'s|has been|have been)( now| currently| already| all)? (in hand|"
    "under (review|investigation|consideration)|being taken care of|taken care of|in the "
    "(queue|system|pipeline)|with the (relevant|appropriate|right) (team|department|people))"
    "(?=[.!,;]|$| and)",
    _a(
        "(it|this|that|everything|things|they|it all|all|(the|your) [\\w-]+)('ll| will| should|"
        "'s going to| is going to)( all| eventually| soon| somehow)? (get|be) (sorted|fixed|"
        "resolved|done|dealt with|sorted out|straightened out|taken care of)(?! by)"
        "(?=[.!,;]|$| (out|soon|eventually|in (the )?end|somehow))"
    ),
    "(will|'ll|should|are going to|is going to) (sort|resolve|fix|work|right|sort out|"
    "iron|straighten) (itself|themselves)( out)?",
    _a(
        "(((it|they|this|that|\\w[\\w-]{0,30}) )?(will|'ll|should)|(?<=^)should|(?<=[.!?]\\s)"
        "should) be "
        "(\\w+ )?([a-z]+(ed|en)|done|back|up and running)( (round|over|off|"
        "out|in|back|up))? (when|once) (it|they|the \\w+|we|things|these|those|stock|more|"
        "everything)('re|'s|'ve)?( \\w+){0,3}(?=[.!,;]|$)"
    ),
    # what was reported or not done, with nobody named ("the profile that unmatched you has
    # been reported", "a visit was not completed this month")
    "(the|your|this|that) [\\w-]+( (that|which|who) [\\w-]+( [\\w-]+)?)? (has|have) been "
    "(reported|flagged|logged|noted|raised|escalated|referred|forwarded|recorded)(?! (to|by|"
    "with) )",
    "(a|an|the|your) ([\\w-]+ ){0,2}[\\w-]+ (was|were|has|have)( not|n't)( been)? (completed|"
    "carried out|done|attended|made|actioned|processed|fitted|collected|picked up)(?! by)",
    _a(
        "(I'll|we'll|I will|we will) (get|have|ask) (someone|somebody|a colleague|one of (the|"
        "our) (team|guys|lads)|the team) to [^.!?]{0,40}?(at some point|sometime|some time|"
        "eventually|in due course|when (I|we|they) (can|get a chance|get round to it))"
    ),
    "(engineers|the team|our team|the \\w+ team|staff|technicians|they|the relevant "
    "(team|department|people)|everyone|the engineers|our engineers) (are|is|have been|has "
    "been) (now |fully |well )?(aware|informed|notified|made aware)( of (this|the (issue|"
    "problem|fault|situation)|it))?(?=[.!])",
    "(is|are) (currently |still |now )?(awaiting|pending) (authori[sz]ation|approval|review|"
    "processing|sign-?off|assessment|a decision|confirmation|clearance)",
)
# (The seventh round's shapes first: where both begin at one word, the wider one is the step.)
AGENTLESS_STEP = re.compile(f"{_SEVENTH_AGENTLESS.pattern}|{AGENTLESS_STEP.pattern}", _FLAGS)

# Eighth round (issue 5): steps nobody owns in shapes the eighth blind batch showed unseen, as
# grammar rather than verbs - any future passive of a step with no one named and no firm time
# ("a new date will be arranged", "will be responded to", "you will be contacted once a
# decision has been reached"); a step waiting on something done by nobody ("once this has
# been processed"); progress nobody owns ("your refund's being processed", "the ticket's been
# escalated"); "hopefully something will happen soon"; the classic impersonal passives
# ("lessons have been learned", "mistakes were made", "it is understood that", "it was found
# that", "a review was carried out"); "TBC" and its kin; a vague someone "out" or "round" ("Someone
# will be out to look at it"). Like AGENTLESS_STEP, not a finding when the sentence names who
# owns the step or a firm time.
_EIGHTH_AGENTLESS = _rx(
    "(?<!nothing\\x20)(?<!more\\x20)(?<!else\\x20)(?<!further\\x20)"
    "(will|shall) (now |then |also |soon |eventually )?be (?!(charged|billed|fined|required|"
    "needed|appreciated|pleased|delighted|welcome|interested|surprised|disappointed|closed|"
    "based|located|used|asked|able|happy|glad|sorry|open|allowed|entitled|responsible|liable|"
    "expected|covered|protected|refunded|credited)\\b)[a-z]+(ed|en|t)( (to|up|out|back|"
    "through|in|on))?(?=[.!,;]|$| (in due course|soon|shortly|at some point|eventually|when|"
    "once|after|in time|within (our|the) (standard|usual|normal)))",
    "(once|when|after|until) (this|it|that|the [\\w-]+( [\\w-]+)?|a [\\w-]+( [\\w-]+)?|your "
    "[\\w-]+( [\\w-]+)?) (has|have|had) been [a-z]+(ed|en|t)\\b",
    _a(
        "((ur|your|the|this|that|it|our|my) ([\\w-]+ ){0,2}?[\\w-]*('s|'re| is| are)|is|are) "
        "(currently |now |still |all )?being (processed|investigated|looked "
        "(at|into)|dealt with|handled|reviewed|progressed|actioned|considered|worked on|sorted|"
        "checked|assessed)(?! by)(?=[.!,;]|$| (and|as|at the moment|now|currently|for now|x+)\\b)"
    ),
    _a(
        "(the|your|this|that|it) ?[\\w-]*('s| is) been (escalated|passed (on|up|over|along)|"
        "forwarded|referred|raised|logged|flagged|reported|sent (on|up|through))(?! (to|by|with) )"
    ),
    "(hopefully|with (any )?luck|fingers crossed),? (something|things|it|this|that|everything)"
    "( will|'ll| should) (happen|move|change|improve|get moving|be (sorted|fixed|resolved|"
    "done))( soon| shortly| eventually| quickly)?",
    "(lessons|mistakes|errors|changes|improvements|steps|measures|things) (have been|were|has "
    "been|will be|are being) (learned|learnt|made|taken|put in place|implemented|addressed)"
    "(?! by)",
    "it (is|was|has been|had been) (understood|found|noted|agreed|felt|determined|believed|"
    "concluded|established|considered|thought) that\\b[^.!?]{0,60}",
    "(a|an|the) ([\\w-]+ ){0,2}(review|investigation|check|inspection|assessment|audit|search|"
    "enquiry|inquiry) (was|has been|were|have been) (carried out|conducted|done|completed|"
    "undertaken|made|performed)(?! by)",
    "(?-i:TBC|TBA|TBD)|to be (confirmed|arranged|advised|announced|decided|determined)(?=[.!,;]|$)",
    _a(
        "(someone|somebody|a member of (the )?(team|staff)|one of (the|our) (team|guys|lads|"
        "engineers|team))( will|'ll| should) be (out|round|over|in touch|along|there|with you)"
        "\\b[^.!?]{0,30}"
    ),
)
AGENTLESS_STEP = re.compile(f"{_EIGHTH_AGENTLESS.pattern}|{AGENTLESS_STEP.pattern}", _FLAGS)

# Tenth round (issue 5): steps nobody owns in shapes the tenth blind batch showed unseen - a
# step waiting on something done by nobody in the present ("once a slot is allocated", "when
# your file is approved"), a step that only "may be reviewed" or "might be looked at", and a
# promise to sort it "one way or another".
_TENTH_AGENTLESS = _rx(
    "(once|when|after|until) (a|an|the|your|this|it) ([\\w-]+ )?[\\w-]+ (is|are) (allocated|"
    "assigned|processed|approved|reviewed|arranged|released|freed up|signed off)\\b",
    "(may|might|could) (now |also |then )?be (reviewed|looked at|looked into|investigated|"
    "checked|considered|escalated|assessed|passed on|followed up)\\b([^.!?]{0,40})?",
    "(get|have|sort) (it|this|that|things|everything|the [\\w-]+)( sorted| fixed| resolved| "
    "done| sorted out| out)? one way or (another|the other)",
)
AGENTLESS_STEP = re.compile(f"{_TENTH_AGENTLESS.pattern}|{AGENTLESS_STEP.pattern}", _FLAGS)

# Between two passive findings in one sentence, a subordinate clause wrapped round its object
# ("It is hoped that the points will be credited once the matter has been reviewed") is one
# fault; clauses joined by "and", "but" or "or", or after a comma, are two.
_SAME_CLAUSE_PASSIVE = re.compile(
    r"(?=[^.!?;:,\n]*\w)(?:(?!\b(?:and|but|or)\s+(?:a|an|the|your|yours|our|it|we|I|they|you|"
    r"this|that|these|those|there|someone|somebody|nobody|he|she)\b)[^.!?;:,\n]){0,80}",
    _FLAGS,
)

# Between two aggressive findings, the rest of one sentence: an ultimatum is one threat.
_SAME_SENTENCE = re.compile(r"[^.!?\n]{0,80}")

# Between two passive findings, a few words of the same clause (no stop, comma or semicolon)
# that they wrap around ("try to get [it sorted] at some point"); two phrases side by side
# ("get round to it when we can") are two faults.
_SAME_CLAUSE = re.compile(r"(?=[^.!?;:,\n]*\w)[^.!?;:,\n]{0,30}")


# "... in due course [and] the matter will be reviewed": a new subject after "and", "but" or
# "or" starts a second clause, so a second fault (fifth round, issue 5: the gap alone cannot
# see the subject that follows it).
_NEW_CLAUSE = re.compile(r"(?:^|\s)(?:and|but|or)\s+$", _FLAGS)
_CLAUSE_SUBJECT = re.compile(
    r"(?:a|an|the|your|yours|our|it|we|I|they|you|this|that|these|those|there|someone|somebody|"
    r"nobody|he|she|any|all|some|further|hopefully)\b",
    _FLAGS,
)


def _one_per_clause(
    reply: str, found: list[Finding], kind: str, gap: re.Pattern[str] | None = None
) -> list[Finding]:
    """Findings of one kind a few words apart in one clause, wrapped around its object, are
    one fault: a vague promise ("We'll try to get it sorted at some point", "It is hoped that
    the part will be available soon"), a shut-down ("this decision is final and not up for
    discussion"). One finding over them; a passive one gets one suggestion naming who acts
    and when. Findings of other kinds are kept as they are."""
    others = [f for f in found if f.type != kind]
    found = [f for f in found if f.type == kind]
    merged: list[Finding] = []
    for finding in sorted(_without_overlaps(found), key=lambda f: f.start):
        last = merged[-1] if merged else None
        if (
            kind == "passive"
            and last is not None
            and last.end <= finding.start
            and _NEW_CLAUSE.search(reply[last.end : finding.start])
            and _CLAUSE_SUBJECT.match(reply, finding.start)
            and not _SOMEONE.match(reply, finding.start)
        ):
            # (Eighth round: "a review was carried out [and] it was found that ...": a passive
            # after "and", "but" or "or" with a subject of its own is a second clause, so a
            # second fault, as the labelled set has it; a vague "someone" after a hand-off
            # ("has been passed on and someone will be in touch") is still the one hand-off.
            # An admission, a threat or a dig stays one per sentence.)
            merged.append(finding)
            continue
        if (
            last is not None
            and last.end <= finding.start
            and (gap or _SAME_CLAUSE).fullmatch(reply, last.end, finding.start)
        ) or (
            kind == "passive"
            and last is not None
            and last.end <= finding.start
            and not reply[last.end : finding.start].strip()
            and reply[last.start : last.end].lower().endswith(" that")
        ):
            merged[-1] = (
                _finding(
                    "passive",
                    last.start,
                    finding.end,
                    "Nobody owns this and no time is given: say who will do what, and by when.",
                    _keep_case(
                        reply[last.start : finding.end], "I will [action] by [day and time]"
                    ),
                )
                if kind == "passive"
                else Finding(
                    kind, last.start, finding.end, last.message, last.suggestion, last.criterion
                )
            )
            continue
        merged.append(finding)
    return others + merged


# Eighth round (issue 5): a rule named as what grants the customer's request ("I've approved
# the repair to your garage door under your policy") is no rule quoted at them.
_IN_FAVOUR = re.compile(
    r"\b(?:approved|accepted|covered|paid|settled|upheld|agreed|authori[sz]ed|granted)\b"
    r"[^.!?,;]{0,60}$",
    _FLAGS,
)


# A rule that binds others, cited in the customer's favour: "our policy prohibits sellers
# from profiting ...", "doesn't allow listings that ...". Not quoting the rules at them.
_AT_OTHERS = re.compile(
    r"(?:\s+(?:prohibits?|forbids?|bans?|stops?|prevents?|(?:doesn['\u2019]t|does not|"
    r"don['\u2019]t|do not) (?:allow|permit|let)))?\s+(?:\w+\s+)?(?:sellers|buyers|vendors|"
    r"listings|users|members|people|others|third parties|anyone|scammers|resellers)\b",
    _FLAGS,
)


# Fourth round (issue 5): a rule stated without being called a policy - a restriction in the
# passive with "only" or "must" ("returns are only accepted in ...", "claims must be submitted
# via ...", "may only be cancelled where ..."), a flat absolute ("exceptions are not made",
# "full stop", "isn't something we do"), terms or criteria named as the reason ("subject to our
# standard terms", "does not meet the published eligibility criteria", "set out in the Act").
RULE_STATED = _rx(
    _a(
        "(is|are)( only)? (accepted|payable|permitted|allowed|valid|refundable|issued|"
        "considered)( only)? (in|where|if|when|within|for|on|with|under)(?= [^.!?]{0,80}\\b("
        "only|original|scope|criteria|terms|period|circumstances|unopened|condition)\\b)"
    ),
    "(is|are) only (accepted|payable|permitted|allowed|valid|refundable|issued|considered)",
    "(may|can) only be [\\w-]+ (where|if|within|under)",
    "must be (submitted|made|lodged|raised|requested|reported|returned|received|sent|"
    "completed) (via|through|in writing|within|using|online|on the)",
    _a(
        "exceptions (are|can|will|cannot|can't|won't)( not| never)? (be )?made|no exceptions|"
        "(we|I) (can't|cannot|don't|do not) make (an )?exceptions?"
    ),
    "(?<=,) full stop(?=[.!])",
    _a("(isn't|is not|aren't|are not) something (we|I) (do|offer|allow|permit|can do)"),
    "subject to (\\w+ ){0,4}(standard |our )?(terms|conditions|eligibility|criteria)",
    _a("(does|do|did)( not|n't) meet (the|our) ([\\w-]+ ){0,2}criteria"),
    "(set out|laid down|defined|specified) in (the|our) ([\\w-]+ ){0,3}(Act|Regulations|"
    "terms|conditions|agreement|contract)",
)


# Fifth round (issue 5): the rule as the whole answer in shapes the fourth blind batch showed
# unseen. A blanket practice of ours with a general object ("We do not discuss accounts by
# phone", "We don't offer refunds on resale listings", "We can't change a band"); a generic
# thing with a condition, a frequency or a notice period ("Leak allowances are granted once
# only", "Bookings aren't confirmed until the deposit clears", "Cancellations require 30
# days' notice", "Accounts with a defect rate above 1% are suspended", "a valid ticket must
# be displayed at all times"); a document named as the authority in any wording ("under our
# Conditions of Carriage", "in line with practice policy", "as per your plan", "Uncollected
# items policy applies", "the terms on the signs apply regardless"); a legal right as the
# whole answer ("We're legally allowed to call you").
_GENERIC_OBJECT = (
    r"(?!(?:your|this|that|these|those|the|it|them|him|her|you)\b)(?:(?:our|any|a|an)\s+)?"
    r"(?:[a-z][\w-]*\s+){0,2}?(?:[a-z][\w-]*s|criteria|data|information|a\s+[a-z][\w-]*|"
    r"an\s+[a-z][\w-]*)\b"
)
FIFTH_RULES = re.compile(
    r"\bwe\s+(?:do\s+not|don['\u2019]t|never|can['\u2019]t|cannot|are\s+unable\s+to|won['\u2019]t|"
    r"will\s+not)\s+(?:ever\s+)?(?:discuss|offer|give\s+out|accept|issue|provide|release|share|"
    r"disclose|change|alter|refund|exchange|transfer|reinstate|waive|backdate|take|allow|permit|"
    r"guarantee|reveal|publish)\s+"
    + _GENERIC_OBJECT
    + r"(?![\w'\u2019])|"
    + _BARE_SUBJECT
    + r"(?:(?:with|above|over|below|under|older\s+than|more\s+than)\s+[^.!?,;]{1,40}?\s+)?(?:"
    r"(?:is|are|will\s+be)\s+(?:automatically\s+)?(?:suspended|blocked|barred|closed|"
    r"cancell?ed|removed|rejected|declined|forfeited)\b|"
    r"(?:is|are|will\s+be)\s+(?:only\s+)?(?:granted|given|offered|allowed|issued|awarded|"
    r"made|paid)\s+(?:once|only\s+once|one\s+time|twice|once\s+only)\b|"
    r"(?:is|are|aren['\u2019]t|isn['\u2019]t)\s+(?:not\s+)?(?:confirmed|valid|accepted|processed|"
    r"guaranteed|secured|final|released|binding|active|refundable)\s+until\b|"
    r"(?:require|requires|need|needs)\s+(?:at\s+least\s+|a\s+minimum\s+of\s+)?(?:\d+|one|two|"
    r"three|seven|fourteen|twenty-eight|thirty|written|signed|advance|prior)\b[^.!?]{0,30}?"
    r"\b(?:notice|in\s+writing|in\s+advance|approval|days|weeks|months)\b)|"
    r"(?:(?<=^)|(?<=[.!?,:;]\s))(?:a|an|all|any|every|each)\s+(?:valid\s+|current\s+)?"
    r"(?:[a-z][\w-]*\s+){1,2}(?:must|has\s+to|have\s+to)\s+(?:always\s+)?be\s+(?:displayed|shown|worn|"
    r"kept|carried|presented|visible|produced|signed|supervised|accompanied)\b[^.!?]{0,40}|"
    r"\b(?:excluded|not\s+covered|covered|limited|capped)\s+(?:under|by)\s+(?:our|the)\s+"
    r"(?:[\w-]+\s+){0,3}(?:conditions|terms|policy|T&Cs|rules|agreement|contract)"
    r"(?:\s+of\s+\w+)?|"
    r"\b(?:under|in\s+line\s+with|in\s+accordance\s+with|as\s+per)\s+(?:[\w-]+\s+){1,2}"
    r"(?:policy|policies|procedures|rules|regulations)\b(?!\s+of\s+(?:your|the|their))|"
    r"\b(?:is|are)\s+as\s+per\s+(?:your|the|our)\s+(?:[\w-]+\s+)?(?:plan|contract|agreement|"
    r"terms|policy|tariff|package|SLA|schedule)\b|"
    r"\b[\w-]+\s+(?:policy|policies)\s+(?:applies|apply)\b|"
    r"\b(?:terms|rules|policy|conditions|charges)\b[^.!?]{0,30}?\s+(?:applies|apply|stands|"
    r"stand)\s+(?:regardless|in\s+all\s+cases|either\s+way|anyway|to\s+(?:everyone|all|every))|"
    r"\b(?:we['\u2019]re|we\s+are)\s+(?:legally|contractually|perfectly|fully)\s+(?:allowed|"
    r"entitled|permitted|within\s+our\s+rights)\b|\b(?:we['\u2019]re|we\s+are)\s+within\s+our\s+"
    r"(?:legal\s+)?rights\b",
    _FLAGS,
)
# An Act or Regulations named as the authority: "Under the Council Tax (Administration and
# Enforcement) Regulations 1992 the full amount is now due".
STATUTE_CITED = re.compile(
    r"\b(?:[Uu]nder|[Pp]er|[Bb]y\s+law\s+under|[Aa]s\s+set\s+out\s+in)\s+the\s+"
    r"(?:[A-Z][\w&'-]*\s+|\([^)]{1,60}\)\s+|(?:of|and|for)\s+){1,10}"
    r"(?:Regulations|Act|Order|Rules|Code)(?:\s+\d{4})?"
)
# The rule given as its own reason: "... as it's in the contract terms", "because that's our
# policy". Not a reason: the sentence still quotes the rule.
RULE_AS_REASON = re.compile(
    r"\b(?:because|as|since)\s+(?:it['\u2019]s|it\s+is|that['\u2019]s|that\s+is|this\s+is|"
    r"they['\u2019]re|they\s+are)\s+(?:all\s+)?(?:in|part\s+of|written\s+(?:in|into)|stated\s+in|"
    r"set\s+out\s+in|covered\s+(?:in|by)|our|the|company)\s+(?:the\s+|our\s+|your\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:contract|terms|policy|T&Cs|rules|agreement|conditions|procedure)s?\b|"
    r"\b(?:because|as|since)\s+(?:it|this|that|your\s+\w+)\s+(?:does\s+not|doesn['\u2019]t|did\s+not|"
    r"didn['\u2019]t)\s+meet\s+(?:the|our)\s+(?:[\w-]+\s+){0,2}(?:criteria|requirements|rules)\b",
    _FLAGS,
)
# A time-limited requirement said as an ultimatum ("must be submitted within 14 days, failing
# which enforcement will proceed") is aggressive, one fault: not also quoted policy.
_REQUIREMENT = re.compile(r"\b(?:must|has to|have to|need to|needs to|should) be\b", _FLAGS)
_ULTIMATUM = re.compile(
    r"\bfailing which\b|\bor (?:else|we|I|you|it|they)\b[^.!?]{0,40}?(?:\bwill\b|['\u2019]ll\b|"
    r"\bmay\b)|\botherwise\b[^.!?]{0,40}?(?:\bwill\b|['\u2019]ll\b)|\benforcement\b|"
    r"\blegal action\b|\bbailiffs?\b|\bstands\b",
    _FLAGS,
)
# ... and so is one said of this customer's own debt ("This must be paid before any further
# appointments are booked", "The charge stands and must be paid within 14 days").
_THIS_DEBT = re.compile(
    r"\b(?:this|it|the (?:charge|balance|fee|amount|invoice|bill|fine|sum|debt|arrears|"
    r"penalty|ticket|PCN))(?: stands and)?\s+$",
    _FLAGS,
)


# Sixth round (issue 5): the rule as the whole answer in shapes the fifth and sixth batches
# showed unseen - any named policy, criteria or terms "under" which the answer falls ("Under
# the Council's Library Charges Policy, ...", "not eligible ... under our current lending
# criteria"); "X policy is that"; the rule tagged on as the answer ("..., that's the practice
# policy", "..., company rule", "that's just how it is"); the customer sent to the small print
# ("as stated on the reverse of your invoice", "it's written on your job card", "refer to your
# policy booklet for the full list of exclusions"); terms that "require".
SIXTH_RULES = re.compile(
    _rx(
        "((?:(?<=^)|(?<=[.!?:;,]\\s))|(not|n't) [^.!?,;]{0,50}?)under (the|our|your) "
        "([\\w'\u2019-]+ ){0,4}(policy|criteria|terms|rules|guidelines|conditions|regulations|"
        "procedures?|scheme rules)\\b",
        "[\\w'\u2019]+ policy is (that|to)\\b",
        _a("(that's|that is|it's) (the|our|company|just) ([\\w-]+ )?(policy|rules?)(?=[.!,;]|$)"),
        ",? (company|store|shop|house|head office|practice|school|council) (rule|rules|policy)"
        "(?=[.!,;]|$)",
        _a("(that's|that is) (just )?(how it is|the way it is|how things are|how we do it)"),
        "(as )?(stated|set out|written|printed|detailed|explained) (on|in) (the (back|reverse) "
        "of )?(your|the|our) ([\\w-]+ )?(invoice|job card|terms|contract|booklet|policy|receipt|"
        "agreement|paperwork|documents?|wording|schedule)",
        _a(
            "(it's|it is|they're|they are|this is) (all )?(written|stated|printed|set out) (on|in)"
            " (your|the|our)"
        ),
        "refer to (your|the|our) ([\\w-]+ ){0,2}(booklet|terms|policy|document|wording|handbook|"
        "schedule|contract|conditions) for",
        "(your|the|our) ([\\w-]+ )?(terms|conditions|policy|contract|agreement|rules) (require|"
        "requires|stipulate|stipulates|specify|specifies)",
    ).pattern,
    _FLAGS,
)

# Seventh round (issue 5): rules quoted in shapes the seventh blind batch showed unseen - the
# rule pointed at as where the answer lives ("that's in the conditions of travel"), "as per"
# any rule-giving thing ("as per the signage on site", "per our EULA section 12(b)"), a
# procedure or protocol as the whole answer ("it's procedure:"), and a policy that "clearly
# states" (any adverb before the verb).
_RULE_BOOK = (
    "(conditions|terms|T&Cs|Ts&Cs|T&C|policy|policies|rules|small print|contract|agreement|"
    "code of conduct|guidelines|regulations|signage|signs|notices|EULA|ToS|terms of (use|"
    "service)|user agreement|licen[cs]e agreement|byelaws|bylaws)"
)
SEVENTH_RULES = re.compile(
    _rx(
        _a(
            "(that's|it's|this is|which is|that is|it is) (all |clearly |explicitly )?(in|set out "
            "in|covered (in|by)|stated in|written in|part of|explained in) (the|our|your) "
            "([\\w-]+ ){0,2}" + _RULE_BOOK + "( of [\\w-]+)?"
        ),
        "(as )?per (the|our|your) ([\\w-]+ ){0,2}" + _RULE_BOOK + "( (section|clause|"
        "paragraph|article|rule|§) ?[\\w.()]+)?",
        _a(
            "(it's|that's|it is|that is|this is) (just |simply |standard |our |the |company |"
            "hospital |store |[\\w-]+ )?(procedure|protocol)(?=[.!,;:]|$)"
        ),
        "(our|the|your) ([\\w-]+ ){0,3}" + _RULE_BOOK + " (clearly |explicitly |plainly |"
        "specifically |expressly )(states?|says|said|stipulates?|specif(ies|y)|sets out|"
        "makes (it )?clear)",
        "(terms and conditions|T&Cs|Ts&Cs|conditions|restrictions|exclusions) apply(?=[.!])",
        "(we|I) (have to|must|need to|are required to|am required to) (follow|stick to|go by|"
        "abide by) (the |our |company )?(procedure|protocol|policy|rules|process|guidelines)",
    ).pattern,
    _FLAGS,
)


# Eighth round (issue 5): rules quoted in shapes the eighth blind batch showed unseen - a
# quota stated as the rule ("Rescheduling is permitted once per order only"), a rule book or
# procedure as the subject of what it allows or forbids ("Our complaints procedure allows one
# review per complaint"), and a bare sign-style ban ("No re-entry after 9pm.").
EIGHTH_RULES = re.compile(
    _rx(
        "(is|are) (only )?(permitted|allowed|possible|available|limited to|restricted to) "
        "(once|twice|one|two|three|\\d+)( [\\w-]+)?( times?)? (per|a|each|in any) (order|booking|"
        "customer|household|account|complaint|person|visit|year|month|term|stay|ticket|day|"
        "member|claim|policy)\\b( only)?",
        "(our|the) ([\\w-]+ ){0,2}(procedure|policy|process|terms|rules|conditions|guidelines|"
        "regulations) (only )?(allows?|permits?|limits?|restricts?|entitles?|caps|prohibits?|"
        "forbids?|(does not|doesn't|do not|don't) (allow|permit|cover))\\b",
        "(?:(?<=^)|(?<=[.!?]\\s))no (re-?entry|refunds?|returns?|entry|exchanges?|admission|"
        "pets|dogs|smoking|parking|cancellations?|changes|alterations|food|drinks|under-?\\d+s?)"
        "( [\\w-]+)? (after|before|without|unless|within|during|past|once)\\b[^.!?]{0,30}",
    ).pattern,
    _FLAGS,
)

# Tenth round (issue 5): rules quoted in shapes the tenth blind batch showed unseen - our
# liability said to be capped ("Our liability for lost items is limited to £50"); a regulation
# or clause cited by its number ("In accordance with section 9 of the tenancy rules", "as set
# out in clause 4 of the handbook"); agreement by conduct ("by entering the site you accepted
# them"); a rule in the agent's own terms ("Under my terms, ..."); and a deadline that has passed
# given as the whole answer ("The return window closed on 2 May, so a refund is not possible").
TENTH_RULES = re.compile(
    _rx(
        "(our|the|my) (liability|compensation|cover|responsibility)( for [\\w ]{1,30}?)? (is|are|"
        "will be) (limited|capped|restricted) (to|at)\\b[^.!?]{0,60}",
        "(in accordance with|in line with|as set out in|as stated in|as detailed in) "
        "(the )?(regulation|section|clause|rule|paragraph|article|schedule|part) \\d+[\\w.()]*"
        "( of (the |our |your )?[^.!?,]{1,60})?",
        "by (parking|using|booking|entering|signing|buying|staying|ordering|registering|"
        "continuing|enrolling|visiting)( [\\w-]+){0,3},? you (have )?(agreed|accepted|agree|"
        "accept|consented)( to)?\\b[^.!?]{0,30}",
        "(under|per|according to|in line with) my (terms|rules|policy|conditions|T&Cs)\\b"
        "[^.!?]{0,80}",
        "(period|window|deadline|time limit|guarantee|warranty)( [\\w-]+)? (expired|ended|closed|"
        "has expired|has ended|has passed|had expired|lapsed)( on [\\w ]{1,15}?)?,? (therefore|"
        "so|and so|which means) (a|an|any|the|your) ([\\w-]+ ){0,2}(is|are|cannot|can't|won't)"
        "( not)?\\b[^.!?]{0,30}",
    ).pattern,
    _FLAGS,
)


def _quotes_policy(
    reply: str, sentences: list[tuple[int, int]], asked: bool = False
) -> list[Finding]:
    found = []
    matches = sorted(
        [
            *POLICY_PHRASES.finditer(reply),
            *GENERAL_RULE.finditer(reply),
            *RULE_STATED.finditer(reply),
            *FIFTH_RULES.finditer(reply),
            *STATUTE_CITED.finditer(reply),
            *RULE_AS_REASON.finditer(reply),
            *SIXTH_RULES.finditer(reply),
            *SEVENTH_RULES.finditer(reply),
            *EIGHTH_RULES.finditer(reply),
            *TENTH_RULES.finditer(reply),
        ],
        key=lambda m: m.start(),
    )
    reasoned: dict[tuple[int, int], bool] = {}  # whether a sentence gives its reason
    for match in matches:
        start, end = _sentence_of(sentences, match.start())
        index = sentences.index((start, end)) if (start, end) in sentences else -1
        following = sentences[index + 1] if 0 <= index < len(sentences) - 1 else (end, end)
        if (start, end) not in reasoned:
            # The rule given as its own reason is no reason ("as it's in the contract terms").
            unreasoned = RULE_AS_REASON.sub(lambda m: " " * len(m.group()), reply[start:end])
            reasoned[(start, end)] = bool(
                REASON.search(unreasoned) or REASON_NEXT.match(reply[following[0] : following[1]])
            )
        if reasoned[(start, end)]:
            continue
        if _REQUIREMENT.match(reply, match.start()) and (
            _ULTIMATUM.search(reply, start, end) or _THIS_DEBT.search(reply, start, match.start())
        ):
            continue  # an ultimatum or a demand: aggressive, not a quoted rule
        if asked and re.search(r"\d", match.group()):
            continue  # the clause the customer asked for, named by its number
        if _AT_OTHERS.match(reply, match.end()):
            continue  # the rule binds others ("prohibits sellers from ..."), not the customer
        if _IN_FAVOUR.search(reply, max(start, match.start() - 80), match.start()):
            continue  # (eighth round) "I've approved the repair under your policy": granted
        found.append(
            _finding(
                "quotes_policy",
                match.start(),
                match.end(),
                "Quoting the rules without the reason behind them makes an upset customer "
                "angrier; say why the rule exists and what you can do.",
                "We do this because [the reason, e.g. to keep your account safe], and what I can "
                "do is",
            )
        )
    # One rule quoted per sentence: "Per our policy, orders can't be changed once dispatched"
    # is one citation, however many words name it.
    return _one_per_clause(reply, found, "quotes_policy", _SAME_SENTENCE)


# A token in capitals (three to six characters, letters with at most one digit; two-letter
# tokens are mostly initials and names on real replies): a candidate
# abbreviation for the general jargon rule.
_ABBREVIATION = re.compile(
    r"(?<![\w@#/.&'\u2019^*~\u2013\u2014-])([A-Z][A-Z0-9]{1,5})(s?)"
    r"(?:(?=['\u2019]s\b)|(?![\w/&'\u2019-]))"  # "the PSP's check" too
)
_ABBREVIATION_MESSAGE = "An abbreviation the customer may not know; spell it out in plain words."
# A customer who writes technical abbreviations, model or version numbers or units is not a
# novice for abbreviations, whatever the model read (the assessment's "specialist" is coarse).
_TECHNICAL_CUSTOMER = re.compile(
    r"\b\d+(?:\.\d+){1,3}\b|\b\d{3,4}p\b|\b\d+\s?(?:GB|MB|TB|GHz|MHz|Mbps|kbps|ms)\b|"
    r"\b[A-Z]{2,}[0-9]+\b|\b[A-Z]+-\d{2,}\b"
)

# Fifth round (issue 5): a customer who writes as a professional, whatever the model read
# ("Gas Safe engineer here. The Worcester 30i shows EA227; 20 mbar at the meter", "I'm an
# FCA-authorised broker. My client's DIP ... 4.5x income"): a trade named for themselves, or
# the marks of technical writing - unexplained abbreviations, codes with digits, model numbers,
# measurements with units or multipliers, error numbers.
_SELF_SPECIALIST = re.compile(
    r"(?:\b(?:I['\u2019]m|I am|I work as|we['\u2019]re|we are|speaking as|as)\s+(?:an?\s+)?"
    r"(?:[\w-]+\s+){0,2}|^\W*(?:[\w-]+\s+){0,2})(?:engineer|broker|developer|dev|technician|"
    r"electrician|plumber|installer|sysadmin|administrator|admin|programmer|mechanic|"
    r"pharmacist|nurse|surveyor|architect|accountant|solicitor|IT manager|network manager|"
    r"bookkeeper|book-keeper|paralegal|analyst|radiographer|physio|physiotherapist|vet|"
    r"dentist|doctor|paramedic|pilot|auditor|actuary|underwriter|"
    # (Tenth round: the clinical trades - "I'm a GP. My patient's referral ...".)
    r"GP|midwife|audiologist|optometrist|sonographer|clinician|"
    r"seller account|merchant account|business account|trade account)s?\b(?:\s+here\b)?",
    re.IGNORECASE,
)
_TECHNICAL_TOKEN = re.compile(
    r"\b[A-Z]{2,6}s?\b|\b[A-Za-z]+\d+[A-Za-z\d]*\b|\b\d+[a-z]\b|"
    r"\b\d+(?:\.\d+)?x\b|\b\d+(?:\.\d+)?\s?(?:mbar|bar|psi|kW|kWh|V|A|dB|dBm|Hz|GHz|MHz|Mbps|Gbps|ms|GB|TB|MB|"
    r"mm|ppm|mmol|mg|ml|mA|kA|mV|kVA|M\u03a9|k\u03a9|\u03a9)\b|\b(?:error|code|fault)\s+[A-Z]?\d{2,}\b|\b\d+(?:\.\d+){1,3}\b|"
    r"\b(?:i[A-Z]\w+|[A-Z][a-z]+[A-Z]\w*)\s\d{1,4}\b|"
    # Sixth round (issue 5): an HTTP status, and the words of software and network work.
    r"\b(?:HTTP|status|error)\s+[1-5]\d\d\b|\b(?:webhooks?|egress|ingress|tenants?|deploy|"
    r"kernel|sockets?|nginx|journalctl|php-fpm|regen|Zigbee|VoLTE|APN|IMS)\b|"
    # Eighth round (issue 5): the words of device repair ("a True Tone warning and Face ID
    # fails since the screen swap. Was a non-genuine panel fitted?").
    r"\b(?:True Tone|Face ID|Touch ID|non-genuine|aftermarket|OEM|digiti[sz]er|flex cable|"
    r"logic board|seriali[sz]ed|recalibrat\w+)\b|"
    r"\b(?:fails with|failing with|throws|returns|reports)\s+['\"\u2018\u201c]"
    r"[^'\"\u2019\u201d]{3,40}['\"\u2019\u201d]"
)


def writes_as_specialist(customer_text: str | None) -> bool:
    """Whether the customer's own words read as a professional's: a trade they name for
    themselves with one technical mark, or three technical marks (abbreviations the public do
    not use, codes, model numbers, units) - then an over-simplified answer talks down to them."""
    if not customer_text:
        return False
    text = _MENTION.sub(" ", _URL.sub(" ", customer_text))
    # Words in a shouted run ("I NEVER TOUCHED IT") are shouting, not technical marks.
    run = r"(?:[\s,]+(?:I|A)\b)?[\s,'\u2019]+"
    shouted = {m.group() for m in re.finditer(r"\b[A-Z]{2,}\b(?=" + run + r"[A-Z]{2,}\b)", text)}
    shouted |= {m.group(1) for m in re.finditer(r"\b[A-Z]{2,}" + run + r"([A-Z]{2,})\b", text)}
    # (Sixth round: "SAML SSO" - a word of four or more capitals with few vowels is an
    # abbreviation even beside another.)
    shouted = {w for w in shouted if not (len(w) >= 4 and looks_like_acronym(w))}
    marks = {
        match.group().rstrip("s")
        for match in _TECHNICAL_TOKEN.finditer(text)
        if match.group().rstrip("s") not in KNOWN_ACRONYMS
        and match.group() not in SHOUTED_WORDS
        and match.group() not in shouted
    }
    # Sixth round (issue 5): a trade's compound words count as marks too ("webhook
    # deliveries to the /events endpoint", "a forced DPF regen", "the host image").
    marks |= {
        match.group().lower()
        for pattern, _plain in TECH_COMPOUNDS
        for match in pattern.finditer(text)
    }
    if len(marks) >= 3:
        return True
    return bool(marks) and bool(_SELF_SPECIALIST.search(customer_text))


# A two-letter abbreviation counts only as the name of an internal thing ("our CX team", "an
# L2 check"); alone, two capitals are mostly initials and names on real replies.
_INTERNAL_NOUN = re.compile(
    r"\s+(?:team|department|queue|desk|code|number|settings?|mode|port|update|check|test|level|"
    r"ticket|system|portal|tool|platform|process|record|conflict|address|range|lease|mandate|"
    r"scan|status|fault|failure|error)s?\b"
)

# Two capitals after "through", "via" or "the" name a stage or a department ("been through
# QC", "checked by the QA"), not a person's initials.
_INTERNAL_BEFORE = re.compile(r"\b(?:through|via|the|our|by the|from the|to the|with the)\s+$")

# An agent's initials signing a post ("... today. ^JS", "- AB"): not an abbreviation.
_SIGNATURE = re.compile(r"^[\s.,!)]*$")
# ... standing alone after a sentence, a comma or a line break ("Thanks, JS"), not inside a
# sentence ("a known issue with the SDK.").
_ALONE = re.compile(r"(?:^|[.!?,:;)\n])\s*$")


def _abbreviations(masked: str, customer_text: str | None) -> list[Finding]:
    """Technical abbreviations and initialisms (NTE, OTA, OLT, GDPR) a non-specialist may not
    know (Unit 7 3.1): any token of three to six capitals that is not an everyday abbreviation
    (KNOWN_ACRONYMS: UK, TV, PIN, FAQ, ...), not a shouted word, not one of a run of capital
    words (shouting), not a reference with several digits, and not a word the customer used
    themselves (then they know it)."""
    used = set(re.findall(r"[A-Za-z0-9]+", (customer_text or "").upper()))
    if customer_text and (
        _TECHNICAL_CUSTOMER.search(customer_text)
        or any(
            looks_like_acronym(m.group(1)) and m.group(1) not in KNOWN_ACRONYMS
            for m in _ABBREVIATION.finditer(customer_text)
            if len(m.group(1)) >= 3 and m.group(1) not in SHOUTED_WORDS
        )
    ):
        return []  # they write abbreviations or version numbers themselves
    found = []
    for match in _ABBREVIATION.finditer(masked):
        word = match.group(1)
        if (
            word in KNOWN_ACRONYMS
            or word in ACRONYMS_PLAIN
            or word in SHOUTED_WORDS
            or (
                len(word) < 3
                and not _INTERNAL_NOUN.match(masked, match.end())
                and not _INTERNAL_BEFORE.search(masked[max(0, match.start() - 16) : match.start()])
            )
            or sum(c.isdigit() for c in word) > 1
            or word[0].isdigit()
            or not looks_like_acronym(word)
            or word in used
        ):
            continue
        before = masked[max(0, match.start() - 25) : match.start()]
        after = masked[match.end() : match.end() + 25]
        if re.search(r"\b[A-Z]{2,}[\s,]*$", before) or re.match(r"[\s,]*[A-Z]{2,}\b", after):
            continue  # a run of capitals: shouting, not an abbreviation
        if SMS_KEYWORD.search(before):
            continue  # "text STOP to ...": a keyword
        if re.search(rf"\b{word.capitalize()}\b", masked):
            continue  # "Sir, SIR, ...": a word of the reply written again in capitals, shouted
        if re.match(r"\+|\s[A-Z][a-z]", after):
            continue  # part of a product or service name ("GTA Online", "AC+")
        if len(word) <= 3 and (
            (_SIGNATURE.match(masked[match.end() :]) and _ALONE.search(before))
            or re.search(r"[\^*~\u2013\u2014-]\s*$", before)
        ):
            continue  # an agent's initials at the end of the post
        found.append(
            _finding(
                "jargon",
                match.start(),
                match.end(),
                _ABBREVIATION_MESSAGE,
                f"[{word} in plain words]",
            )
        )
    return found


# A term explained where it stands: "an RMA (a returns number)", "a chargeback, which means
# ...", "the returns number (RMA)". Then the customer is told what it is (Unit 7 3.1).
_GLOSS_AFTER = re.compile(
    r"\s*(?:\(|[,:]?\s*(?:which|that) (?:means|is)\b|[,:]?\s*(?:meaning|i\.e\.|in other words|"
    r"that is,|or in plain (?:English|words)|short for)\b|\s*[-\u2013\u2014]\s*(?:that is|"
    r"meaning|which means|in other words|short for)\b)",
    _FLAGS,
)
_GLOSS_AROUND = re.compile(r"\(\s*$")


def _explained(text: str, start: int, end: int) -> bool:
    """Whether a term is explained at once: a gloss follows it, or it is itself the
    abbreviation in brackets after the plain words."""
    return bool(
        _GLOSS_AFTER.match(text, end)
        or (_GLOSS_AROUND.search(text[max(0, start - 3) : start]) and text[end : end + 1] == ")")
    )


# The everyday half of a technical compound: a customer who wrote "it won't sync" knows
# "sync" whatever noun the agent puts after it ("a sync error").
_COMPOUND_FILLER = frozenset(
    {
        "error",
        "errors",
        "issue",
        "issues",
        "failure",
        "failures",
        "fault",
        "problem",
        "problems",
        "mode",
        "data",
        "settings",
        "setting",
        "files",
        "file",
        "changes",
        "change",
        "the",
        "your",
        "a",
        "an",
        "of",
        "in",
    }
)


def _customer_says(term: str, customer_text_lower: str) -> bool:
    """Whether the customer's own text holds the term, or every technical word of it (by its
    stem, so "synced" and "syncing" count for "sync"; "error" and the like are not technical).

    >>> _customer_says("sync error", "it won't sync the game")
    True
    >>> _customer_says("boot loop", "it is stuck in a loop")
    False
    """
    if term.lower() in customer_text_lower:
        return True
    words = [w for w in re.findall(r"[a-z]+", term.lower()) if w not in _COMPOUND_FILLER]
    return bool(words) and all(
        re.search(
            r"\b" + re.escape(re.sub(r"(?:ed|ing|s)$", "", word)) + r"(?:s|ed|ing)?\b",
            customer_text_lower,
        )
        for word in words
    )


def _jargon(
    reply: str, sentences: list[tuple[int, int]], customer_text: str | None = None
) -> list[Finding]:
    found = []
    masked = _URL.sub(lambda m: " " * len(m.group()), reply)
    masked = _MENTION.sub(lambda m: " " * len(m.group()), masked)
    masked = POSTCODE.sub(lambda m: " " * len(m.group()), masked)  # "HU5 2QQ" is an address
    known = (customer_text or "").lower()
    for pattern, plain in JARGON + TECH_COMPOUNDS:
        for match in pattern.finditer(masked):
            if (pattern, plain) in TECH_COMPOUNDS and _customer_says(match.group(), known):
                continue  # the customer used the term themselves
            found.append(
                _finding(
                    "jargon",
                    match.start(),
                    match.end(),
                    "A technical or internal term the customer may not know; use plain words.",
                    _keep_case(match.group(), plain),
                )
            )
    listed = [(f.start, f.end) for f in found]
    found += [
        f
        for f in _abbreviations(masked, customer_text)
        if not any(a < f.end and f.start < b for a, b in listed)
    ]
    found = [f for f in found if not _explained(masked, f.start, f.end)]
    for match in re.finditer(r"\b[A-Z]{2,5}s?\b", masked):
        word = match.group().rstrip("s") if match.group().endswith("s") else match.group()
        if word in ACRONYMS_PLAIN and not _explained(masked, match.start(), match.end()):
            found.append(
                _finding(
                    "jargon",
                    match.start(),
                    match.end(),
                    _ABBREVIATION_MESSAGE,
                    ACRONYMS_PLAIN[word],
                )
            )
    for start, end in sentences:
        words = len(re.findall(r"[\w'\u2019-]+", _URL.sub("", reply[start:end])))
        if words > LONG_SENTENCE_WORDS:
            found.append(
                _finding(
                    "jargon",
                    start,
                    end,
                    f"A sentence of {words} words is hard to follow; split it into shorter ones.",
                    "[the same in two or three short sentences]",
                )
            )
    return _dense_jargon(reply, sentences, found)


# Sixth round (issue 5): a sentence this long holding two technical findings is one
# technician's sentence (shorter ones keep a finding per term).
_TECHNICIAN_WORDS = 20


def _dense_jargon(
    reply: str, sentences: list[tuple[int, int]], found: list[Finding]
) -> list[Finding]:
    """A sentence written for a technician is one fault (third round, issue 5): three or more
    technical terms in one sentence are one finding over the sentence, and several unexplained
    abbreviations in one sentence ("your ONT is reporting a LOS alarm") one finding over
    them. One or two terms of other kinds keep a finding each."""
    out: list[Finding] = []
    for start, end in sentences:
        inside = [f for f in found if start <= f.start < end]
        terms = [f for f in inside if (f.start, f.end) != (start, end)]
        if len(terms) >= 3:
            out.append(
                _finding(
                    "jargon",
                    start,
                    end,
                    "This sentence is full of technical terms the customer may not know; say it "
                    "in plain words.",
                    "[the same in plain words: what has happened and what it means for you]",
                )
            )
            continue
        abbreviations = sorted(
            (f for f in inside if f.message == _ABBREVIATION_MESSAGE), key=lambda f: f.start
        )
        if len(abbreviations) >= 2:
            first, last = abbreviations[0], abbreviations[-1]
            inside = [f for f in inside if f not in abbreviations]
            inside.append(
                _finding(
                    "jargon",
                    first.start,
                    last.end,
                    "Several abbreviations the customer may not know; spell them out in plain "
                    "words.",
                    f"[{reply[first.start : last.end]} in plain words]",
                )
            )
        # Sixth round (issue 5): two or more technical findings left in one sentence (a term
        # and a run of abbreviations) are one technician's sentence: one finding over them.
        terms_left = sorted(
            (f for f in inside if (f.start, f.end) != (start, end)), key=lambda f: f.start
        )
        if (
            len(terms_left) >= 2
            and len(re.findall(r"[\w'\u2019-]+", reply[start:end])) >= _TECHNICIAN_WORDS
        ):
            inside = [f for f in inside if f not in terms_left]
            inside.append(
                _finding(
                    "jargon",
                    terms_left[0].start,
                    max(f.end for f in terms_left),
                    "This sentence is full of technical terms the customer may not know; say "
                    "it in plain words.",
                    "[the same in plain words: what has happened and what it means for you]",
                )
            )
        out += inside
    out += [f for f in found if not any(start <= f.start < end for start, end in sentences)]
    return _one_passage(reply, sentences, out)


def _one_passage(
    reply: str, sentences: list[tuple[int, int]], found: list[Finding]
) -> list[Finding]:
    """Fifth round (issue 5): a passage written for a technician is one fault. A sentence
    dense with terms (a finding over the whole sentence, or several abbreviations) and a
    technical term in the sentence next to it are one finding over both ("... an SNR margin
    issue. Try changing the WiFi channel ..., disable 2.4GHz band steering ...")."""

    def index(finding: Finding) -> int:
        return next((i for i, (s, e) in enumerate(sentences) if s <= finding.start < e), -1)

    def dense(finding: Finding) -> bool:
        return (finding.start, finding.end) in sentences or finding.message.startswith(
            ("Several abbreviations", "This sentence is full", "These sentences")
        )

    merged: list[Finding] = []
    for finding in sorted(found, key=lambda f: f.start):
        last = merged[-1] if merged else None
        if (
            last is not None
            and index(finding) - index(_finding("jargon", last.end - 1, last.end, "", "")) == 1
            and (dense(last) or dense(finding))
            and index(finding) != -1
        ):
            merged[-1] = _finding(
                "jargon",
                last.start,
                finding.end,
                "These sentences are full of technical terms the customer may not know; say "
                "them in plain words.",
                "[the same in plain words: what has happened and what it means for you]",
            )
            continue
        merged.append(finding)
    return merged


_BEGINNER_MESSAGE = "The customer writes in technical terms, and this answers them as a beginner"


def _oversimplified(reply: str, customer_text: str | None) -> list[Finding]:
    """Over-simplified wording for a specialist customer (issue 5 "Checking"; C1 2.2, C4 2.3):
    patronising or content-free phrases ("in simple terms", "the techy stuff", "a bit of a
    glitch"), and restart advice when the customer said they had already restarted."""
    masked = _URL.sub(lambda m: " " * len(m.group()), reply.replace("\u2019", "'"))
    masked = _MENTION.sub(lambda m: " " * len(m.group()), masked)
    message = (
        "The customer writes in technical terms; over-simplified wording reads as patronising "
        "and tells them nothing. Speak to their level (C1 2.2, C4 2.3): give the precise detail."
    )
    found = []
    for pattern, precise in OVERSIMPLIFIED:
        for match in pattern.finditer(masked):
            found.append(
                _finding(
                    "jargon",
                    match.start(),
                    match.end(),
                    message,
                    _keep_case(match.group(), precise),
                )
            )
    beginner = sorted(
        (match.start(), match.end())
        for pattern, _precise in BEGINNER_ANSWER
        for match in pattern.finditer(masked)
    )
    if beginner:
        # A beginner's answer (chance causes, pet talk, first-line checks, "just means") is one
        # fault over the answer, however many sentences it takes (third round, issue 5).
        start, end = beginner[0][0], max(e for _s, e in beginner)
        # Fifth round (issue 5): a patronising phrase in the same answer ("So basically the
        # boiler isn't lighting, which can happen when ...") is part of that one fault.
        sentences = _sentences(reply)
        first = _sentence_of(sentences, start)[0]
        last = _sentence_of(sentences, max(end - 1, start))[1]
        inside = [f for f in found if first <= f.start < last]
        if inside:
            found = [f for f in found if f not in inside]
            start = min(start, *(f.start for f in inside))
            end = max(end, *(f.end for f in inside))
        found.append(
            _finding(
                "jargon",
                start,
                end,
                _BEGINNER_MESSAGE
                + " (a vague cause, first-line checks they are past); speak to their level (C1 "
                "2.2, C4 2.3): the specific cause, and the next diagnostic step.",
                "[the specific cause of the fault they described, and the next diagnostic step]",
            )
        )
    if customer_text and ALREADY_RESTARTED.search(customer_text.replace("\u2019", "'")):
        for match in RESTART_ADVICE.finditer(masked):
            found.append(
                _finding(
                    "jargon",
                    match.start(),
                    match.end(),
                    "The customer already said they restarted it; asking again reads as not "
                    "having read their message, and talks down to them (C1 2.2, C4 2.3).",
                    _keep_case(
                        match.group(),
                        "As you've already restarted it, the next step is [the specific "
                        "diagnostic step, e.g. the log or setting to check]",
                    ),
                )
            )
    return found


# Fourth round (issue 5): a customer's private life told in words rather than numbers - their
# own or a relative's care (a prescription, referral, diagnosis, surgery, a named disorder),
# their money (a salary, loan, debt or arrears with its amount, their named bank), a child or
# partner named, their home placed in a town. Only in public replies, like the rest.
_RELATIVE = r"(?:son|daughter|child|kids?|wife|husband|partner|mum|mother|dad|father|baby)"
PRIVATE_LIFE = re.compile(
    r"\b[Yy]our\s+(?:"
    + _RELATIVE
    + r"\s+[A-Z][a-z]+['\u2019]s\s+|"
    + _RELATIVE
    + r"['\u2019]s\s+)?"
    r"(?:\w+\s+){0,2}(?:prescription|referral|diagnosis|surgery|operation|medication|"
    r"scan|blood test|test results)\b[^.!?,;]{0,40}|"
    r"\b(?:for|on)\s+[A-Z][a-z]+['\u2019]s\s+(?:\w+\s+){0,2}(?:surgery|operation|treatment|"
    r"prescription|diagnosis|medication)\b|"
    r"\b(?:sleep|eating|anxiety|panic|bipolar|personality|heart|thyroid|kidney|liver)\s+"
    r"(?:disorder|condition|disease|problems?)\b|"
    r"\b(?:[Yy]our|[Tt]he)\s+(?:salary|wages|income|pay|loan|debt|overdraft|arrears|benefits?|"
    r"pension)\s+(?:of\s+)?£[\d,]+(?:\.\d\d)?|"
    r"£[\d,]+(?:\.\d\d)?\s+(?:loan|salary|debt|overdraft|arrears|mortgage)\b[^.!?,;]{0,30}|"
    r"\byour\s+(?:Monzo|Barclays|HSBC|Lloyds|NatWest|Santander|Halifax|Nationwide|Starling|"
    r"Revolut|Chase|Wells Fargo)\s+account\b|"
    r"\byour\s+" + _RELATIVE + r",?\s+[A-Z][a-z]+\b(?:,?\s+who['\u2019]?s?\s+[^.!?,;]{0,30})?|"
    r"\byour\s+(?:home|house|flat|address)\s+in\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|"
    # Fifth round (issue 5): care of a named kind told in words ("your root canal on the
    # lower left molar", "booked for your crown and the sedation"), and what happened to the
    # customer's account over their money ("your membership was cancelled after the third
    # missed payment").
    r"\b[Yy]our\s+(?:\w+\s+){0,2}(?:root canal|crown|filling|extraction|implant|sedation|"
    r"braces|denture|dentures|vaccination|jab|smear test|stitches|physio|therapy|counselling|"
    r"treatment plan)\b[^.!?,;]{0,40}|"
    r"\b[Yy]our\s+(?:\w+\s+){0,2}(?:membership|account|contract|policy|tenancy|agreement)\s+"
    r"(?:was|has been|had been|were)\s+(?:cancell?ed|terminated|closed|suspended|frozen|"
    r"defaulted)\s+(?:after|because of|due to|for)\s+[^.!?;]{0,50}\b(?:missed|late|failed|"
    r"unpaid|bounced|returned)\s+(?:payments?|direct debits?|instalments?)|"
    # Sixth round (issue 5): a payment history ("after three missed direct debits on your
    # account") and exam results ("your A-level results (A, A, B)").
    r"\b(?:\w+\s+)?(?:missed|bounced|failed|returned|unpaid|late)\s+(?:payments?|direct "
    r"debits?|instalments?|bills?)\s+on\s+your\s+account\b|"
    r"\b[Yy]our\s+(?:[\w-]+\s+)?(?:exam|A-level|GCSE|test|degree|module|final)\s+(?:results?|"
    r"grades?|marks?)\b(?:\s*\([^)]{1,40}\))?"
)


# Eighth round (issue 5): personal details in more forms - a title with a full name ("Mrs Gwen
# Tully"), a house by its number ("your neighbour at number 42"), a named place on a named
# road ("St Mary's, Rhos Road"), what someone owes or is paid with its amount ("arrears of
# £312.66", "your solar export payment of £58.20"), and care told in words of someone
# (a pet or a relative) by "his / her / their" ("for her thyroid treatment").
PRIVATE_DETAILS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b|"
    r"\b(?:at|to|from|of)\s+(?:number|no\.?)\s+\d{1,4}[A-Za-z]?\b|"
    r"\b[A-Z][\w'\u2019]+(?:\s+[A-Z][\w'\u2019]+){0,2},\s+(?:[A-Z][a-z]+\s+){1,2}(?:Street|Road|"
    r"Lane|Avenue|Close|Drive|Way|Crescent|Terrace|Grove|Gardens|Place|Square)\b|"
    r"\b(?:arrears|debt|overdraft|outstanding balance|balance owed|owing|owe us)\s+(?:of\s+)?"
    r"£[\d,]+(?:\.\d\d)?|"
    r"\b[Yy]our\s+(?:[\w-]+\s+){0,3}(?:payment|payout|bill|invoice|settlement|salary|claim|"
    r"balance)\s+(?:of|for)\s+£[\d,]+(?:\.\d\d)?(?:\s+for\s+\w+)?|"
    r"\b(?:for|of|after)\s+(?:his|her|their)\s+(?:[\w-]+\s+){0,2}(?:treatment|surgery|"
    r"operation|medication|condition|diagnosis|illness|injury|scan)s?\b|"
    # Tenth round (issue 5): a procedure or hearing loss told of the customer ("your
    # colonoscopy", "your gastroscopy on Friday", "the moderate loss in your left ear", "his
    # mild hearing loss"), an injury of someone named ("Sam's grazed elbow was cleaned"), and
    # what a household earns with its amount ("your joint income of £52,000").
    r"\b(?:[Yy]our|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w-]+\s+){0,2}(?:\w+oscopy|\w+ectomy|biopsy|"
    r"mammogram|angiogram|ultrasound|hearing loss|(?:mild|moderate|severe|profound)[\w-]* "
    r"(?:hearing )?loss)\b(?:\s+in\s+(?:the|your|his|her|their)\s+(?:left|right)\s+ear)?|"
    r"\b[A-Z][a-z]+['\u2019]s\s+(?:cut|bruised|broken|sprained|grazed|injured|swollen|scraped|"
    r"burnt|burned|bumped|twisted)\s+(?:knee|arm|leg|head|hand|wrist|ankle|finger|lip|elbow|"
    r"chin|nose|foot|face|toe|shin)\b[^.!?]{0,60}|"
    r"\b(?:[Yy]our|[Tt]he)\s+(?:household|annual|gross|net|family|combined|joint|taxable|"
    r"monthly|yearly)\s+(?:income|salary|earnings|wages|pay)\s+(?:of\s+|was\s+|is\s+)?"
    r"£[\d,]+(?:\.\d\d)?"
)


# Personal details found by their shape alone: (pattern, the group that is the detail, what it
# is). The first are read in the reply as written, the others with its links blanked.
_DETAILS_IN_REPLY: tuple[tuple[re.Pattern[str], int, str], ...] = (
    (POSTCODE, 0, "a postcode"),
    (CARD_ENDING, 0, "card or account digits"),
    (STREET, 0, "a street address"),
    (BIRTH_DATE, 1, "a date of birth"),
)
_DETAILS_OUTSIDE_LINKS: tuple[tuple[re.Pattern[str], int, str], ...] = (
    (ACCOUNT_NO, 1, "an order or account number"),
    (IBAN, 0, "bank details"),
    (NI_NUMBER, 0, "a National Insurance number"),
    (VEHICLE_REG, 0, "a vehicle registration"),
    (HEALTH, 0, "health details"),
    (PRIVATE_LIFE, 0, "details of the customer's private life"),
    (ROOM, 0, "where the customer lives or stays"),
    (ACCESS_CODE, 1, "an access code"),
    (PROFILE, 0, "the customer's profile"),
    (PRIVATE_DETAILS, 0, "details of the customer's private life"),
)


def personal_data_spans(reply: str) -> list[tuple[int, int, str]]:
    """Where a customer's personal details are in `reply`, as (start, end, what): email
    addresses and phone numbers (not the organisation's own), bank sort codes named as such,
    and the details of the two tables above (postcodes, order and account numbers, card
    digits, street addresses, health and private life...). Drafting scrubs the same spans
    from public replies, so a draft never carries what the checker would flag."""
    spans: list[tuple[int, int, str]] = []
    for match in EMAIL.finditer(reply):
        local = match.group(1).lower()
        if local in ORG_EMAIL_LOCAL or any(part in local for part in ORG_EMAIL_PARTS):
            continue
        spans.append((match.start(), match.end(), "an email address"))
    masked = _URL.sub(lambda m: " " * len(m.group()), reply)
    for match in PHONE.finditer(masked):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) < 10 or len(digits) > 13:
            continue
        if FREEPHONE.match(match.group()) or ORG_NUMBER_BEFORE.search(
            masked[max(0, match.start() - 40) : match.start()]
        ):
            continue
        spans.append((match.start(), match.end(), "a phone number"))
    for match in SORT_CODE.finditer(masked):
        if _SORT_CODE_WORDS.search(masked[max(0, match.start() - 40) : match.end()]):
            spans.append((match.start(1), match.end(1), "bank details"))
    for text, details in ((reply, _DETAILS_IN_REPLY), (masked, _DETAILS_OUTSIDE_LINKS)):
        for pattern, group, what in details:
            spans += [(m.start(group), m.end(group), what) for m in pattern.finditer(text)]
    return spans


# Between two personal details, the words of the same sentence that join them into one
# disclosure ("14 Mercer Close, Dunstable LU6 3TR", "account ending 4417, sort code 04-00-04",
# "tried calling you on ... and emailed ...").
_SAME_DISCLOSURE = re.compile(r"[^.!?\n]{0,60}")


def _personal_data(reply: str) -> list[Finding]:
    """Personal details in a public reply. Fifth round (issue 5): details a few words apart in
    one sentence are one disclosure, one finding over them (a street, its town and its
    postcode; a card and its sort code), so that the suggestion moves them to a private
    channel together."""
    spans = sorted(
        (start, end, what) for start, end, what in personal_data_spans(reply) if end > start
    )
    merged: list[tuple[int, int, str]] = []
    for start, end, what in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
            continue
        if (
            merged
            and reply[merged[-1][1] - 1] not in ".!?"  # "8 Hazel Road." ends its sentence
            and _SAME_DISCLOSURE.fullmatch(reply, merged[-1][1], start)
        ):
            last = merged[-1]
            merged[-1] = (last[0], end, last[2] if last[2] == what else "personal details")
            continue
        merged.append((start, end, what))
    return [
        _finding(
            "public_personal_data",
            start,
            end,
            f"This public reply shows {what}; anyone can read it. Move personal details to "
            "a private channel.",
            "the details we have (we'll go through them by direct message)",
        )
        for start, end, what in merged
    ]


def _remedy_patterns(context: ReplyContext) -> dict[str, re.Pattern[str]]:
    patterns = {}
    for remedy in context.authority or {}:
        words = list(REMEDY_WORDS.get(remedy, (remedy.replace("_", " "),)))
        words += [re.escape(term) for term in context.remedy_terms.get(remedy, ())]
        patterns[remedy] = _rx(*words)
    return patterns


def _above_authority(
    reply: str, sentences: list[tuple[int, int]], context: ReplyContext
) -> list[Finding]:
    found = []
    patterns = _remedy_patterns(context)
    for start, end in sentences:
        sentence = reply[start:end]
        promise = FIRST_PERSON_PROMISE.search(sentence)
        if (
            not promise
            or NEGATION.search(sentence, max(0, promise.start() - 12))
            or sentence.rstrip().endswith("?")
        ):
            continue
        # Each remedy named in the sentence, by where it starts, with the words naming it.
        named = {
            (m.start(), remedy): m.group()
            for remedy, pattern in patterns.items()
            for m in pattern.finditer(sentence)
        }
        remedies = list(named)
        if not remedies:
            continue
        after = [p for p, _r in remedies if p >= promise.end()]
        if NEGATION_WORDS.search(
            sentence, max(0, promise.start() - 12), min(after) + 1 if after else len(sentence)
        ):
            continue
        amounts = [(m.start(), _amount_value(m), m) for m in AMOUNT.finditer(sentence)]
        in_sentence: list[tuple[int, Finding]] = []
        # Seventh round (issue 5): a remedy offered before the promise that closes it ("take
        # the alternative model, the £279 one, no charge, and I'll sort the paperwork") is
        # promised from the start of the sentence; one amount over the limit is one promise,
        # however many words name its remedy ("£15 off ... to say sorry").
        begin = start + promise.start() if after else start
        priced: set[tuple[str, int]] = set()
        for position, remedy in sorted(remedies):
            rule = context.authority[remedy]
            label = remedy.replace("_", " ")
            if not rule.allowed:
                in_sentence.append(
                    (
                        position,
                        _finding(
                            "above_authority",
                            begin,
                            end,
                            f"You may not agree a {label} yourself; ask the person who can "
                            "approve it before promising it.",
                            "I'm asking a colleague who can approve "
                            f"{_promised_remedy(named.get((position, remedy), ''), label)} to "
                            "look at this, "
                            "and I'll come back to you by [day and time].",
                        ),
                    )
                )
                continue
            if rule.max_amount is None:
                continue
            if not amounts:
                whole = _WHOLE_AMOUNT.search(sentence, promise.start())
                if (
                    whole
                    and context.order_value is not None
                    and context.order_value > rule.max_amount
                    # "I won't refund you in full": not promised.
                    and not NEGATION_WORDS.search(
                        sentence, max(0, promise.start() - 12), whole.start()
                    )
                ):
                    in_sentence.append(
                        (position, _whole_amount_finding(context, label, rule, begin, end))
                    )
                continue
            _at, amount, match = min(amounts, key=lambda a: abs(a[0] - position))
            if (remedy, match.start()) in priced:
                continue
            priced.add((remedy, match.start()))
            if amount > rule.max_amount:
                money = match.group().strip().rstrip(",.;:")
                promised = _promised_remedy(named.get((position, remedy), ""), label)
                limit = _money_words(context, rule.max_amount)
                in_sentence.append(
                    (
                        position,
                        _finding(
                            "above_authority",
                            begin,
                            end,
                            f"A {label} of {money} is above your limit of {limit}; ask the "
                            "person who can approve it before promising it.",
                            f"I'm asking my team leader to approve {promised} of {money}, and "
                            "I'll come back to you by [day and time].",
                        ),
                    )
                )
        found += _one_promise_each(sentence, start, in_sentence)
    return found


# A promise of everything the customer paid, with no amount written: "I'll refund you in
# full", "a full refund", "all your money back".
_WHOLE_AMOUNT = re.compile(
    r"\b(?:in full|full(?:y)?\s+(?:refund|reimburse)\w*|(?:the\s+)?full\s+(?:amount|price|cost)"
    r"|all\s+(?:of\s+)?(?:your|the)\s+money|every\s+penny|whole\s+amount)\b",
    re.I,
)


def _money_words(context: ReplyContext, amount: Decimal | None) -> str:
    return f"{context.currency + ' ' if context.currency else ''}{amount:,.2f}"


def _whole_amount_finding(
    context: ReplyContext, label: str, rule: RemedyAuthority, begin: int, end: int
) -> Finding:
    paid = _money_words(context, context.order_value)
    limit = _money_words(context, rule.max_amount)
    return _finding(
        "above_authority",
        begin,
        end,
        f"The whole {label} is {paid} (the price recorded on the case), above your limit of "
        f"{limit}; ask the person who can approve it before promising it.",
        f"I'm asking my team leader to approve a full {label} of {paid}, and I'll come back "
        "to you by [day and time].",
    )


# The remedy as the agent named it ("compensation of £200" is promised as compensation, though
# the policy counts it as a refund): a noun the suggestion can repeat, with its article.
_REMEDY_NOUNS = {
    "compensation": "compensation",
    "compensate": "compensation",
    "reimburse": "reimbursement",
    "refund": "a refund",
    "money back": "a refund",
    "voucher": "a voucher",
    "credit note": "a credit note",
    "store credit": "store credit",
    "account credit": "account credit",
    "credit": "a credit",
    "goodwill": "a goodwill payment",
    "discount": "a discount",
    "replacement": "a replacement",
    "replace": "a replacement",
    "repair": "a repair",
}


def _promised_remedy(named: str, label: str) -> str:
    words = " ".join(named.lower().split())
    for stem, noun in _REMEDY_NOUNS.items():
        if words.startswith(stem):
            return noun
    return f"an {label}" if label[:1] in "aeiou" else f"a {label}"


# Between two remedies promised in one sentence, the word that starts the second promise:
# "I'll refund the £180 fee [and] throw in a £40 voucher".
# Only a second act of giving starts a second promise ("and add a £30 credit"), not a second
# thing in the same one ("a refund of £189 and an extra £25 voucher").
_SECOND_PROMISE = re.compile(
    r"(?:,\s*|\s)(?:and|plus)\s+(?:(?:I|we)(?:['\u2019](?:ll|ve)|\s+will|\s+have|\s+can)\s+)?"
    r"(?:also\s+)?(?=(?:throw|add|give|send|sent|credit|include|pop|put|knock|offer|top|chuck|"
    r"issue|refund|pay|apply|gift)\w*\b)",
    _FLAGS,
)


def _one_promise_each(
    sentence: str, start: int, in_sentence: list[tuple[int, Finding]]
) -> list[Finding]:
    """Fifth round (issue 5): two remedies over the limit promised in one sentence ("I'll
    refund the full £180 and throw in a £40 voucher") are two promises, each for its own
    approval: one finding each, the first from the promise to the "and" that starts the
    second, the second from there to the end. One remedy named twice stays one finding."""
    if not in_sentence:
        return []
    first = in_sentence[0][1]
    out = [first]
    for position, finding in in_sentence[1:]:
        joins = list(_SECOND_PROMISE.finditer(sentence, out[-1].start - start + 1, position))
        if not joins:
            continue  # the same promise goes on ("a refund of £80, and £80 back")
        join = joins[-1]
        out[-1] = replace(out[-1], end=start + join.start())
        out.append(replace(finding, start=start + join.end(), end=first.end))
    return out


def needs_empathy(indicators: tuple[str, ...] | list[str]) -> bool:
    """Whether the customer's indicators call for an acknowledgement of their feelings."""
    feelings = UPSET_INDICATORS & set(indicators)
    return bool(feelings & STRONG_INDICATORS) or len(feelings) >= 2


def anger_at_third_party(customer_text: str | None) -> bool:
    """Whether the customer's anger is aimed at someone other than us: their text names a
    third party as the wrongdoer (price gougers, scalpers, hackers, another seller, "people
    are ...") and none of it complains at us ("you charged", "your service", "why did you",
    "worst customer service", "what the hell"). C4 3.4 asks for empathy with the customer's
    feelings about their contact with us; an apology for their anger at a stranger misreads it."""
    if not customer_text:
        return False
    text = customer_text.replace("\u2019", "'")
    return THIRD_PARTY.search(text) is not None and AT_US.search(text) is None


def customer_cues(customer_text: str | None) -> tuple[str, ...]:
    """Feelings read from plain cues in the customer's own words, a second signal beside the
    assessment model (C4 3.4): strong words ("furious", "unacceptable" -> angry; "devastated",
    "stressed", "in tears" -> upset; "worried", "scared" -> anxious), unless negated ("not
    angry"); or two weak cues (runs of "!!" / "?!", a shouted phrase of capital words that are
    not abbreviations) -> angry."""
    if not customer_text:
        return ()
    text = customer_text.replace("\u2019", "'")
    feelings = []
    for feeling, pattern in (("angry", CUE_ANGRY), ("upset", CUE_UPSET), ("anxious", CUE_ANXIOUS)):
        for match in pattern.finditer(text):
            if not CUE_NEGATED.search(text[max(0, match.start() - 20) : match.start()]):
                feelings.append(feeling)
                break
    if "angry" not in feelings:
        shouted = [
            word
            for word in CUE_CAPS_WORD.findall(text)
            if word not in KNOWN_ACRONYMS and not looks_like_acronym(word)
        ]
        weak = len(CUE_PUNCT.findall(text)) + (len(shouted) >= 2)
        if weak >= 2:
            feelings.append("angry")
    return tuple(feelings)


# A customer who opens by saying the problem is solved ("It's sorted now, ...", "All fixed
# now", "Never mind, ...") is owed no acknowledgement of a feeling about it, unless they go on
# to say something is still wrong ("but", "still", "again", "however").
_RESOLVED_OPENING = re.compile(
    r"^(?:\s*[@#]\w+)*[\s,.:-]*(?:(?:it|that|everything|all)(?:['\u2019]?s| is)?\s+(?:all\s+)?"
    r"(?:sorted|fixed|resolved|working(?: again)?)(?:\s+now)?\b|(?:all\s+)?(?:sorted|fixed|"
    r"resolved) now\b|never ?mind\b|nvm\b)(?!\s*\?)",
    _FLAGS,
)
_STILL_WRONG = re.compile(r"\b(?:but|still|again|however|except|although|though)\b", _FLAGS)


def reports_resolved(customer_text: str | None) -> bool:
    """Whether the customer opens by saying their problem is solved and says nothing after
    it that is still wrong.

    >>> reports_resolved("@Help It's sorted now, had to reinstall it in the end")
    True
    >>> reports_resolved("It's fixed now but I lost every save")
    False
    """
    if not customer_text:
        return False
    opening = _RESOLVED_OPENING.match(customer_text)
    return opening is not None and not _STILL_WRONG.search(customer_text, opening.end())


def _owed_feelings(context: ReplyContext) -> tuple[str, ...]:
    """The customer's feelings that call for an acknowledgement: the assessment's indicators
    and the plain cues in their text; "angry" is discounted when the anger is aimed at a
    third party (upset, anxious and frustrated still count), and none is owed when the
    customer writes that the problem is solved."""
    if reports_resolved(context.customer_text):
        return ()
    feelings = tuple(dict.fromkeys(context.indicators + customer_cues(context.customer_text)))
    if "angry" in feelings and anger_at_third_party(context.customer_text):
        return tuple(i for i in feelings if i != "angry")
    return feelings


# Sixth round (issue 5): a stock apology for "any inconvenience" acknowledges no feeling (the
# fifth batch's convention: "a stock 'we apologise for any inconvenience' to a worried parent
# is still no_empathy").
_STOCK_APOLOGY = re.compile(
    r"\b(?:we|I)(?: would like to| wish to)? (?:apologi[sz]e|are sorry|['\u2019]re sorry|"
    r"regret)(?: for| about)? any inconvenience(?: (?:this|that|it) (?:may have|has|might have)? "
    r"?caused(?: you)?| caused)?|"
    # Eighth round (issue 5): the same in a noun ("Apologies for any inconvenience caused",
    # "Sorry for any inconvenience", "our apologies for any disruption").
    r"\b(?:(?:our |my )?(?:sincere |sincerest )?apologies|sorry|regrets) (?:for|about) any "
    r"(?:inconvenience|disruption|trouble|delay|delays|upset)(?: (?:this|that|it) (?:may have|"
    r"has|might have)? ?caused(?: you)?| caused)?|"
    # (and an apology for the slip itself, "sorry for the error!", names no feeling)
    r"\b(?:so |very |really )?sorry (?:for|about) (?:the|that|this|our) (?:error|mistake|mix-up|"
    r"typo|confusion)(?=\s*[.!])",
    _FLAGS,
)


# Seventh round (issue 5): the customer's concern filed as paperwork ("Your concerns have been
# noted and will be passed on", "Your concern has been logged") names no feeling: it is a
# record of the contact, not an acknowledgement of how they feel.
_CONCERN_FILED = re.compile(
    r"\b(?:your|the|these|those|this|that|any)\s+concerns?\s+(?:(?:has|have|will|is|are)\s+"
    r"(?:been\s+|be\s+)?)(?:noted|logged|recorded|registered|received|passed\s+on|forwarded|"
    r"filed|raised|referred|escalated|acknowledged)\b",
    _FLAGS,
)


def _has_empathy(reply: str) -> bool:
    bare = _CONCERN_FILED.sub(lambda m: " " * len(m.group()), _STOCK_APOLOGY.sub(" ", reply))
    return EMPATHY.search(bare) is not None


def _insert_point(reply: str) -> int:
    match = GREETING.match(reply)
    return match.end() if match else 0


def _no_empathy(reply: str, owed: tuple[str, ...]) -> Finding:
    at = _insert_point(reply)
    feeling = next(
        (i for i in ("angry", "upset", "anxious", "frustrated") if i in owed),
        "upset",
    )
    words = {
        "angry": "I'm sorry this has made you so angry, and I understand why. ",
        "upset": "I'm sorry, I can see how upsetting this has been. ",
        "anxious": "I understand this is worrying, and I'm here to help. ",
        "frustrated": "I'm sorry, I understand how frustrating this is. ",
    }[feeling]
    return _finding(
        "no_empathy",
        at,
        at,
        f"The customer reads as {feeling}, and the reply does not acknowledge how they feel.",
        words,
    )


def _without_anything_else(sentence: str) -> str:
    """The sentence without its "anything else ...?" questions (each from the stop before it
    to its question mark). Found word by word and cut with str.find, because a pattern like
    `[^.!?]*anything else[^.!?]*[?]` backtracks for minutes over a long text with no stop."""
    kept: list[str] = []
    position = 0
    for match in ANYTHING_ELSE.finditer(sentence):
        if match.start() < position:
            continue
        stops = [sentence.find(stop, match.end()) for stop in ".!?"]
        ends = [index for index in stops if index != -1]
        if not ends:
            break
        end = min(ends)
        if sentence[end] == "?":
            begin = max(position, *(sentence.rfind(stop, 0, match.start()) + 1 for stop in ".!?"))
            kept.append(sentence[position:begin])
        else:  # not a question: keep it, and nothing else in it before this stop is one either
            kept.append(sentence[position : end + 1])
        position = end + 1
    kept.append(sentence[position:])
    return "".join(kept)


# Fifth round (issue 5): what is or is not a next step.
# A remedy given or promised is the customer's resolution: "I've refunded all five months",
# "I'll swap it for the gaming model", "We enclose a credit note", "A form is attached", "we
# have upheld your appeal ... nothing more is owed".
REMEDY_STEP = re.compile(
    r"\b(?:I|we)(?:['\u2019]ve|\s+have)\s+(?:just\s+|also\s+|now\s+)?(?:refunded|credited|added|"
    r"given|swapped|replaced|paid\s+back|upheld|waived|recorded|reimbursed|cancelled\s+the\s+"
    r"charge)\b|\b(?:I|we)\s+(?:enclose|attach)\b|"
    r"\b(?:is|are)\s+(?:enclosed|attached)\b|\bnothing\s+(?:more|further|else)\s+(?:is\s+)?"
    r"(?:owed|due|to\s+pay)\b|"
    # (Tenth round: the matter closed for the customer - "you do not need to do anything
    # further".)
    r"\byou\s+(?:do\s+not|don['\u2019]t)\s+(?:need|have)\s+to\s+do\s+anything\s+(?:further|"
    r"else|more)\b",
    _FLAGS,
)
# Words that look like a step and are not: "please be advised", "is now due".
_NOT_A_STEP = re.compile(
    # (Sixth round: a no-reply notice is no step: "Please do not reply to this email".)
    r"\b(?:please\s+)?(?:do\s+not|don['\u2019]?t)\s+reply\s+to\s+this\s+(?:email|message|"
    r"address|text|letter|number)\b|"
    r"\bplease\s+(?:be\s+advised|be\s+aware|note)\b|"
    # Eighth round (issue 5): courtesy with "please" asks for nothing ("Please accept our
    # apologies", "please rest assured"), and a generic offer of more help is no step ("Let me
    # know if you have any other questions", "get in touch if there's anything else").
    r"\bplease\s+(?:accept\s+(?:our|my)\s+(?:\w+\s+)?apolog\w*|(?:rest\s+)?be\s+assured|"
    r"forgive\s+(?:us|me)|bear\s+with\s+(?:us|me))\b|"
    r"\b(?:(?:please\s+)?(?:do\s+)?(?:let\s+(?:us|me)\s+know|get\s+in\s+touch|contact\s+us|"
    r"reach\s+out|give\s+us\s+a\s+shout|feel\s+free\s+to\s+\w+(?:\s+us)?|(?:don't|do\s+not)\s+"
    r"hesitate\s+to\s+\w+(?:\s+us)?)\s+(?:if|should)\s+(?:you\s+(?:have|need|want)|there\s+(?:is|"
    r"are|'s))\s+(?:any\s+)?(?:other|more|further)\s+(?:questions?|queries|concerns|help|"
    r"problems|issues|information)|if\s+you\s+have\s+any\s+(?:other|more|further)\s+"
    r"(?:questions?|queries|concerns)[^.!?]{0,30})\b|\b(?:is|are)\s+now\s+(?:due|owed|"
    r"payable|overdue|outstanding|closed|cancell?ed)\b|"
    # Tenth round (issue 5): a text's opt-out line ("Reply STOP to opt out"), an order not to
    # write again ("Please do not contact us again about this"), thinking it over with no time
    # ("let me have a think") and a target the case is within ("so you remain within target"):
    # no step.
    r"\b(?:reply|text|txt|send)\s+\w+\s+to\s+(?:opt[\s-]?out|unsubscribe)\b|"
    r"\b(?:please\s+)?(?:do\s+not|don['\u2019]?t)\s+(?:contact|email|call|ring|write\s+to|"
    r"message)\s+us\s+again\b[^.!?]{0,30}|"
    r"\blet\s+me\s+(?:have\s+a\s+(?:think|ponder)|think\s+(?:about\s+it|it\s+over))\b|"
    r"\b(?:remain|remains|are|is|stay|stays)\s+within\s+(?:the\s+|our\s+)?(?:target|standard|"
    r"limits?|timescales?)\b",
    _FLAGS,
)


# Eighth round (issue 5): a promise that waits on news nobody can date ("when I hear", "once
# we know more", "when they get back to us").
_WAITING_ON_NEWS = re.compile(
    r"\b(?:when|once|as soon as|if)\s+(?:I|we|they|the \w+)\s+(?:hear|know|get|have|find out|"
    r"receive)(?:\s+(?:back|more|anything|something|news|an update|from them))?\b",
    _FLAGS,
)


_DESIST = re.compile(
    r"(?:^|[.!?,;:]\s+|\bplease\s+|\bjust\s+|\bto\s+)(?:stop|quit|cease|refrain from)\s+\w+ing\b|"
    r"\b(?:don['\u2019]t|do\s+not)\s+expect\b|\bwait\s+(?:your|their|his|her)\s+turn\b",
    _FLAGS,
)
# A threat says what happens next ("... or we will block you"): that is still a step.
_THREATENED = re.compile(
    r"\b(?:or|otherwise|unless)\b[^.!?]{0,60}?\b(?:will|['\u2019]ll)\b", _FLAGS
)


# Ninth round (issue 5): an event put at a date or clock time is the next step, whatever its
# verb ("Your regular clean continues on Friday at 10", "is now moved to Tuesday 10:40",
# "You get it on your card in about one week", "a free repeat course starting in January"),
# unless the sentence tells of the past ("it was sent on Monday").
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATED = re.compile(
    # (Tenth round: "reinstated for Saturday", "to sign at pick-up".)
    r"\bat (?:pick-?up|drop-?off|check-?in|your next (?:visit|appointment|lesson|"
    r"session|class))\b|"
    r"\b(?:tomorrow|tonight|(?:on |this |next |by |from |until |till |before |for )"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),? (?:the )?\d{1,2}|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday) (?:at )?\d{1,2}(?:[:.]\d\d)?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTHS})\b|(?:{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?\b|"
    rf"(?:in|from|starting|by|until|till|before|after|early|late|mid|end of)[ -](?:{_MONTHS})\b|"
    r"(?:at|to|by|from|the) (?:(?:[01]?\d|2[0-3])[:.][0-5]\d|\d{1,2}(?:[:.][0-5]\d)? ?(?:am|pm))|"
    r"in (?:about |around |roughly |under |less than )?(?:\d+|one|two|three|four|five|six|ten|a "
    r"couple of|a few) (?:working |business )?(?:days?|weeks?|months?)|"
    r"\d+ ?(?:-|to|\u2013) ?\d+ (?:working |business )?(?:days?|weeks?))",
    _FLAGS,
)
_PAST = re.compile(
    r"\b(?:was|were|did|had|yesterday|ago|last (?:week|month|night|year|time|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|"
    # what someone did ("we lifted the block", "the refund went out") and the date of the
    # customer's own earlier contact ("your letter of 2 October", "following your call")
    r"(?:we|I|you|they|he|she|it|refund|payment|parcel|order) (?:\w+ed|went|sent|got|came|"
    r"made|paid|told|took|gave|rang|spoke|left)|following your|your (?:call|letter|email|"
    r"message|report|visit|complaint|order) (?:on|of|from|dated)|"
    # a thing that happened at the date ("your form arrived on 3 May"), not one booked for it
    r"(?<!is )(?<!are )(?<!be )(?<!been )(?<!was )\w+ed (?:on|at)|"
    r"(?:we|I)['\u2019]ve (?:checked|looked|seen))\b",
    _FLAGS,
)


def _no_next_step(
    reply: str,
    sentences: list[tuple[int, int]],
    vague: bool = False,
    findings: list[Finding] | None = None,
) -> Finding | None:
    """A missing next step: no sentence gives the customer something to do or answer, and
    none says what we will do (or have done) with a time.

    Fifth round (issue 5): a threat or an order (an aggressive finding) tells the customer
    what happens next, so it is a step (the labelling convention since the second batch); a
    remedy given or promised is one too. Wording that is itself a fault is no step: a vague
    or agentless promise (a passive finding), a dig ("Maybe check with the neighbours
    first?") or a beginner's check given to a specialist ("give it another go")."""
    if THREAD_PART.search(reply):
        return None  # one post of several: the next step may be in another
    findings = findings or []
    masked = reply
    for finding in findings:
        start, end = _sentence_of(sentences, finding.start)
        if finding.type == "provoking" or (
            finding.type == "passive"
            and ACTION.search(reply, finding.start, finding.end)
            and not STEP_TIME.search(reply, start, end)
        ):
            blank = " " * (finding.end - finding.start)
            masked = masked[: finding.start] + blank + masked[finding.end :]
    for finding in findings:
        # Seventh round (issue 5): an order to stop, to wait one's turn or not to expect
        # anything ("stop emailing five addresses", "You'll just have to wait your turn",
        # "Don't expect us to pay for that") tells the customer what not to do, not what
        # happens next: no step, up to the end of its clause.
        if finding.type != "aggressive":
            continue
        start, end = _sentence_of(sentences, finding.start)
        desist = _DESIST.search(reply, start, end)
        if desist is None or _THREATENED.search(reply, start, end):
            continue
        stops = [i for i in (reply.find(p, desist.end(), end) for p in ",;:") if i != -1]
        clause_end = min(stops) if stops else end
        masked = masked[:start] + " " * (clause_end - start) + masked[clause_end:]
    masked = _NOT_A_STEP.sub(lambda m: " " * len(m.group()), masked)
    if REMEDY_STEP.search(masked):
        return None
    reply_for_steps = masked
    untimed = False
    for start, end in sentences:
        sentence = _without_anything_else(reply_for_steps[start:end])
        if CUSTOMER_STEP.search(sentence):
            return None
        dated = _DATED.search(sentence) and not _PAST.search(sentence)
        if ACTION.search(sentence):
            if STEP_TIME.search(sentence) or dated:
                return None
            untimed = True
        elif dated:
            return None
    # (Eighth round: a promise that waits on news nobody can date is not "thanks only" either -
    # "thanks for getting in touch ... I'll update you when I hear".)
    if (
        PLEASANTRY.search(reply)
        and not PROBLEM.search(reply)
        and not vague
        and not (untimed and _WAITING_ON_NEWS.search(reply))
    ):
        return None  # thanks only (a reply with a vague promise is not "thanks only")
    end = len(reply.rstrip())
    if untimed:
        return _finding(
            "no_next_step",
            end,
            end,
            "The reply says what will happen but not when; tell the customer when they will "
            "hear from us or see it done.",
            " I'll update you by [day and time].",
        )
    return _finding(
        "no_next_step",
        end,
        end,
        "The reply does not say what happens next or when; tell the customer the next step.",
        " I'll [next action] and update you by [day and time].",
    )


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep one finding where findings of the same type overlap: the longest, then the first,
    so that each suggestion can be applied on its own."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.type, -(f.end - f.start), f.start)):
        if any(
            other.type == finding.type and other.start < finding.end and finding.start < other.end
            for other in kept
        ):
            continue
        kept.append(finding)
    return kept


# ---------------------------------------------------------------- better wordings that read right

# (2026-12-01, issue 5) A finding's span is the phrase at fault; its better wording is written
# for a phrase, a clause or a whole sentence. `_fitted` decides, per family of wordings, what the
# wording replaces, so that `apply_suggestion` gives a sentence that reads right:
# - a request replaces the order and keeps its verb ("You must send" -> "Please send");
# - a blame with a step after it becomes the step ("you should have read" -> "next time, it
#   helps to have read"); a reminder becomes "to recap," before the point it introduced;
# - shouting is lowered over the whole run of capitals, sentence-cased;
# - a vague time is replaced by "by [day and time]", keeping the verb it qualified;
# - an identifier in a public reply is replaced by a note that the details go by direct message,
#   a disclosure in words by that note as a sentence;
# - every other wording is a sentence: it replaces the clause the span sits in (a clause ends
#   at a comma, semicolon, colon or dash) when the sentence has other clauses, else the whole
#   sentence, keeping a greeting or a form of address before it ("Hi Lucy, ", "Sir, ").

_LEAD_IN = re.compile(
    r"(?:(?:no|yes|well|look|right|ok|okay|sorry|I['\u2019]m sorry|I['\u2019]m afraid),?\s+)?"
    r"(?:sir|madam|(?:mr|mrs|ms|miss|dr)\.?\s+[A-Z][\w'\u2019-]+|dear\s+[^,\n]{1,30})[,!]\s+",
    _FLAGS,
)
_CLAUSE_BREAK = re.compile(
    r"(?:\s*[,;:]|\s+[-\u2013\u2014])\s+(?:(?:and|but|so|or|because|as)\s+)?"
    r"|\s+(?:and|but|so)\s+(?=(?:I|we|you|it|they|he|she)\b)",
    _FLAGS,
)
_DEMAND = re.compile(
    r"(?:you\s+(?:must|need\s+to|have\s+to|have\s+got\s+to|['\u2019]ve\s+got\s+to|"
    r"['\u2019]d\s+better|had\s+better|are\s+required\s+to|are\s+hereby\s+(?:instructed|"
    r"required)\s+to|(?:will|['\u2019]ll)\s+(?:need|have)\s+to)|"
    r"I\s+(?:suggest|insist|demand)(?:\s+that)?\s+you|I\s+expect\s+you\s+to|"
    r"you\s*(?:will|['\u2019]ll)(?=\s+(?!(?:be|have|need|not|never|receive|get|see|hear|find|"
    r"notice)\b)))\s+(?=[a-z])",
    _FLAGS,
)
_DEMAND_NOT = re.compile(r"you\s+(?:must\s+not|mustn['\u2019]t)\s+(?=[a-z])", _FLAGS)
_BLAME_HAVE = re.compile(r"you\s+(?:should(?:['\u2019]ve|\s+have)|ought\s+to\s+have)$", _FLAGS)
_BLAME_TO = re.compile(r"you\s+(?:failed|forgot|were\s+(?:supposed|meant|told))\s+to\s*$", _FLAGS)
_BLAME_DIDNT = re.compile(
    r"you\s+(?:didn['\u2019]t|did\s+not)\s+(read|follow|listen|check)$", _FLAGS
)
_SNEER_ADVERB = re.compile(
    r"(?:(?:obviously|clearly|surely|of\s+course)\s+you|you\s+(?:obviously|clearly))$", _FLAGS
)
_REMINDER = re.compile(
    r"(?:as|like)\s+(?:I|we|you)\b|as\s+(?:per|previously|already|mentioned|stated|explained|"
    r"said|advised|discussed|set|outlined)\b|per\s+(?:my|our)\b",
    _FLAGS,
)
_VAGUE_TAIL = re.compile(
    r"(?:in\s+due\s+course|as\s+soon\s+as\s+(?:possible|we\s+can|I\s+can|practicable|we're\s+"
    r"able)|at\s+some\s+point|soon|eventually|at\s+a\s+later\s+date|in\s+the\s+near\s+future|"
    r"shortly|at\s+the\s+earliest\s+opportunity|when\s+(?:we|I)\s+can|when\s+possible|asap)$",
    _FLAGS,
)
_TRY = re.compile(
    r"(I|we)\s*(?:['\u2019]ll|\s+will)\s+(?:try|attempt)\s+(?:to|and)(\s+\w+)?$", _FLAGS
)
_IDENTIFIER = re.compile(
    r"[^\s]*\d[^\s]*(?:\s+[^\s]*\d[^\s]*)*|[^\s@]+@[^\s@]+|[A-Z0-9]{2,}[\s-]?[A-Z0-9]{2,}"
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)]*$")
_NUMBER_LABEL = re.compile(
    r"(?i:\b(?:no|ref|tel|acc|acct|flat|mrs?|ms|dr|cllr|st))\.$|(?<![\w.])[A-Z]\.$"
)

# A sentence for each wording written as a fragment (by the wording, lower-case).
_SENTENCE_FORMS = {
    "to recap": "To recap: [the point, once, in plain words].",
    "next time, it helps to": "Next time, it helps to [the step that avoids this].",
    "i understand": "I understand, and here is what I can do: [option].",
    "please could you": "Could you please [the step you need, and why]?",
    "could you please": "Could you please [the step you need, and why]?",
    "please": "Could you please [the step you need, and why]?",
    "here is what i can do": "Here is what I can do: [option].",
    "to keep this moving, here is what we can do": (
        "To keep this moving, here is what we can do: [option]."
    ),
    "please note that": "Please note that [the point, calmly, with its reason].",
    "our records show": "Our records show [what they show].",
    "i'm sorry this happened, and here is what i will do": (
        "I'm sorry this happened, and here is what I will do: [option]."
    ),
    "what i can do is": "What I can do is [the step], by [day and time].",
    "by [day and time]": "I will [action] by [day and time].",
}
_POLICY_WHOLE = (
    "[what we can't do, in plain words] because [the reason, e.g. to keep your account safe], "
    "and what I can do is [another option]."
)
_POLICY_CLAUSE = (
    "We do this because [the reason, e.g. to keep your account safe], and what I can do is "
    "[another option]."
)
_DIRECT_MESSAGE_NOTE = "(details by direct message)"
_DIRECT_MESSAGE_SENTENCE = "We'll go through the details with you by direct message."


def _sentence_form(wording: str) -> str:
    form = _SENTENCE_FORMS.get(wording.strip().lower().replace("\u2019", "'"))
    if form:
        return form
    text = wording.strip()
    text = text[0].upper() + text[1:] if text else text
    return text if _SENTENCE_END.search(text) else text + "."


def _cased(left: str, wording: str) -> str:
    """The wording with a capital where a sentence starts, and none after a comma or a word
    (keeping "I", "I'm" and bracketed parts as they are)."""
    if wording.startswith("[") and wording[1:2].isalpha():
        return "[" + _cased(left, wording[1:])  # a part to fill in, cased as its place
    if not wording or not wording[0].isalpha():
        return wording
    before = left.rstrip(" \t")
    if (
        not before
        or re.search(r"(?:^|\s)[@#]\w+$", before)  # after a handle opening a post
        or before[-1] in ".!?\n"
        or (left[-1:].isalnum() and _SENTENCE_END.search(wording.rstrip()))
    ):
        return wording[0].upper() + wording[1:]  # (after a bare clause `_join` ends it)
    if re.match(r"I\b", wording):
        return wording
    return wording[0].lower() + wording[1:]


def _clause_parts(
    reply: str, sentences: list[tuple[int, int]], start: int, end: int
) -> tuple[int, int, int, int, int, int]:
    """(body start, body end, clause start, clause end, break before, break after) around a
    span: the body is the sentence without a greeting or form of address before it and its
    closing stop; a break is the comma, semicolon, colon or dash (with a joining "and") that
    bounds the clause (the clause's own edge when there is none)."""
    s_start, s_end = _sentence_of(sentences, start)
    for before_start, before_end in reversed(sentences):
        if before_end <= s_start and _NUMBER_LABEL.search(reply, before_start, before_end):
            s_start = before_start  # "(no. 4471)": the label's stop ends no sentence
        elif before_end <= s_start:
            break
    if end > s_end:
        s_end = _sentence_of(sentences, max(start, end - 1))[1] or s_end
    s_end = max(s_end, end)
    body_start = s_start
    lead = GREETING.match(reply, s_start) if s_start == _first_sentence_start(sentences) else None
    if lead and s_start < lead.end() <= start and reply[lead.end() - 1] in " \t\n,!.":
        body_start = lead.end()
    lead = _LEAD_IN.match(reply, body_start)
    if lead and lead.end() <= start:
        body_start = lead.end()
    stop = _SENTENCE_END.search(reply, body_start, s_end)
    body_end = stop.start() if stop and stop.start() >= end else s_end
    clause_start, break_before = body_start, body_start
    for match in _CLAUSE_BREAK.finditer(reply, body_start, start):
        clause_start, break_before = match.end(), match.start()
    after = _CLAUSE_BREAK.search(reply, end, body_end)
    clause_end, break_after = (after.start(), after.end()) if after else (body_end, body_end)
    return body_start, body_end, clause_start, clause_end, break_before, break_after


def _first_sentence_start(sentences: list[tuple[int, int]]) -> int:
    return sentences[0][0] if sentences else 0


def _as_sentence(
    reply: str,
    sentences: list[tuple[int, int]],
    finding: Finding,
    whole: str,
    clause: str,
    after_rest: bool = False,
) -> tuple[int, int, str]:
    """Where a sentence wording goes: in place of the whole sentence (after any greeting)
    when the span's clause is all of it; else the span's clause goes, and the wording follows
    the rest of the sentence ("X, <dig>, Y." -> "X, Y. Wording." and "X, <dig>." -> "X.
    Wording."), or stands first when the clause opened the sentence ("<dig>, Y." -> "Wording.
    Y."; with `after_rest`, as for a rule that the rest states, "Y. Wording.")."""
    body_start, body_end, c_start, c_end, b_before, b_after = _clause_parts(
        reply, sentences, finding.start, finding.end
    )
    s_end = _sentence_of(sentences, max(finding.start, finding.end - 1))[1]
    s_end = max(s_end, body_end)
    if c_start <= body_start and c_end >= body_end:
        return body_start, s_end, whole
    if c_start <= body_start and not after_rest:
        return body_start, b_after, clause
    if c_start <= body_start:
        rest = reply[b_after:s_end].rstrip()
        rest = rest[:1].upper() + rest[1:]
        return body_start, s_end, f"{rest}{'' if _SENTENCE_END.search(rest) else '.'} {clause}"
    if c_end >= body_end:
        return b_before, s_end, clause
    rest = reply[c_end:s_end].rstrip()
    return b_before, s_end, f"{rest}{'' if _SENTENCE_END.search(rest) else '.'} {clause}"


def _fitted(reply: str, sentences: list[tuple[int, int]], finding: Finding) -> Finding:
    """The finding with its wording and the characters it replaces made to fit the reply."""
    if finding.type in MISSING_PART_TYPES or not finding.suggestion:
        return finding
    start, end = finding.start, finding.end
    text = reply[start:end]
    wording = finding.suggestion
    key = wording.strip().lower().replace("\u2019", "'")
    place: tuple[int, int, str] | None = None
    demand = _DEMAND_NOT.match(text) or _DEMAND.match(text)
    if (
        finding.type in ("provoking", "aggressive")
        and (text.isupper() or finding.message == _SHOUTING)
    ) or (key == "please note that" and re.search(r"[A-Z]{2}", text)):
        place = _unshouted(reply, start, end)
    elif finding.type in ("provoking", "aggressive") and demand:
        negative = demand.re is _DEMAND_NOT
        place = (
            start,
            start + len(demand.group().rstrip()),
            "please don't" if negative else _request(key),
        )
    elif finding.type in ("provoking", "aggressive") and (
        _word_after(reply, end) and (_DEMAND.match(text + " x") or _DEMAND_NOT.match(text + " x"))
    ):
        tail = re.match(r"\s+not\b", reply[end:]) if text.lower().endswith("must") else None
        negative = bool(_DEMAND_NOT.match(text + " x") or tail)
        place = (
            start,
            end + (tail.end() if tail else 0),
            "please don't" if negative else _request(key),
        )
    elif key == "next time, it helps to" and _BLAME_HAVE.match(text) and _word_after(reply, end):
        place = (start, end, "next time, it helps to have")
    elif key == "next time, it helps to" and _BLAME_TO.match(text) and _word_after(reply, end):
        place = (start, end, "next time, it helps to")
    elif key == "next time, it helps to" and _BLAME_DIDNT.match(text):
        place = (start, end, "next time, it helps to " + _BLAME_DIDNT.match(text).group(1))
    elif _SNEER_ADVERB.match(text):
        place = (start, end, "you")
    elif key == "to recap" and _REMINDER.match(text):
        place = _recap(reply, sentences, finding)
    elif key == "by [day and time]":
        tail = _VAGUE_TAIL.search(text)
        if tail:
            place = (start + tail.start(), end, "by [day and time]")
    elif key == "what i can do is":
        attempt = _TRY.search(text)
        if attempt:
            place = (start, end, f"{attempt.group(1)} will{attempt.group(2) or ''}")
    elif finding.type == "public_personal_data":
        if _IDENTIFIER.fullmatch(text.strip()) or ("\n" not in text and len(text.split()) <= 2):
            place = (start, end, _DIRECT_MESSAGE_NOTE)
        else:  # a disclosure in words: its sentence goes, the note stands in its place
            body_start, body_end = _clause_parts(reply, sentences, start, end)[:2]
            s_end = max(_sentence_of(sentences, max(start, end - 1))[1], body_end)
            place = (body_start, s_end, _DIRECT_MESSAGE_SENTENCE)
    elif finding.type == "quotes_policy":
        place = _as_sentence(reply, sentences, finding, _POLICY_WHOLE, _POLICY_CLAUSE, True)
    elif finding.type == "jargon":
        place = (start, end, wording)  # plain words for the term, or the passage rewritten
    if place is None:
        sentence = _sentence_form(wording)
        place = _as_sentence(reply, sentences, finding, sentence, sentence)
    r_start, r_end, better = place
    if not _SENTENCE_END.search(better.rstrip()):
        r_start, r_end, better = _in_phrase(reply, r_start, r_end, better)
    better = _cased(reply[:r_start], better)
    if better == finding.suggestion and (r_start, r_end) == (start, end):
        return finding
    return replace(
        finding,
        suggestion=better,
        replace_start=None if r_start == start else r_start,
        replace_end=None if r_end == end else r_end,
    )


_DETERMINER_END = re.compile(r"\b(?:the|a|an|our|your|its|their)\s+$", _FLAGS)
_DETERMINER_START = re.compile(r"(?:the|a|an|our|your)\s+(?=\w)", _FLAGS)
_ARTICLE_END = re.compile(r"\b(an?)\s+$", _FLAGS)


def _in_phrase(reply: str, start: int, end: int, better: str) -> tuple[int, int, str]:
    """A phrase wording fitted to the words around it: one determiner ("the [SLA]" -> "the
    time we promise", not "the the ..."), "a" or "an" as the wording starts, no word
    doubled at its end ("[KYC] checks" -> "identity checks")."""
    left = reply[:start]
    if _DETERMINER_END.search(left) and _DETERMINER_START.match(better):
        better = better[_DETERMINER_START.match(better).end() :]
    article = _ARTICLE_END.search(left)
    if article and better[:1].isalpha() and not better.startswith("["):
        wanted = "an" if better[:1].lower() in "aeiou" else "a"
        if article.group(1).lower() != wanted:
            start = article.start()
            better = f"{wanted} {better}"
    last = re.search(r"(\w+)$", better)
    following = re.match(r"\s+(\w+)", reply[end:])
    if last and following and last.group(1).lower() == following.group(1).lower():
        better = better[: last.start()].rstrip()
    return start, end, better


def _request(key: str) -> str:
    """The request an order becomes: the rule's own ("could you please", "please could you")
    when it is one, else "please"."""
    return key if key in ("could you please", "please could you") else "please"


def _word_after(reply: str, end: int) -> bool:
    return bool(re.match(r"\s+[a-z]", reply[end : end + 3]))


def _recap(
    reply: str, sentences: list[tuple[int, int]], finding: Finding
) -> tuple[int, int, str] | None:
    """A reminder that opens its clause ("As I explained in my last email, we need ...")
    becomes "to recap," before the point; one that is all its sentence is no fragment."""
    _body_start, body_end, c_start, c_end, _b_before, b_after = _clause_parts(
        reply, sentences, finding.start, finding.end
    )
    if finding.start != c_start or _CLAUSE_BREAK.search(reply, finding.start, finding.end):
        return None
    if c_end < body_end and len(reply[finding.end : c_end].split()) <= 8:
        return finding.start, b_after, "to recap, "
    rest = reply[finding.end : body_end]
    if re.match(r",?\s+[a-z]", rest) and len(rest.split()) >= 3:
        gap = re.match(r",?\s+", rest)
        return finding.start, finding.end + (gap.end() if gap else 0), "to recap, "
    return None


def _unshouted(reply: str, start: int, end: int) -> tuple[int, int, str]:
    """Shouting lowered: the whole run of capitals around the span, sentence-cased by
    `_cased`; an order in capitals becomes a request ("You MUST send" -> "Please send")."""
    while True:
        before = re.search(r"([A-Z][A-Z'\u2019]*)[ \t]+$", reply[max(0, start - 30) : start])
        if not before or not before.group(1).isupper() or len(before.group(1)) < 2:
            break
        start -= len(before.group())
    while True:
        after = re.match(r"[ \t]+([A-Z][A-Z'\u2019]+)\b", reply[end : end + 30])
        if not after or reply[end + after.end() : end + after.end() + 1].isalpha():
            break
        end += after.end()
    words = []
    for word in reply[start:end].split(" "):
        bare = word.strip("'\u2019")
        words.append(word if bare in KNOWN_ACRONYMS or bare == "I" else word.lower())
    lowered = " ".join(words)
    you = re.search(r"\byou\s+$", reply[max(0, start - 5) : start], re.IGNORECASE)
    order = re.match(
        r"(?:must|will|shall)\s+not\s+|(?:must)\s+|(?:do\s+not|don['\u2019]t)\s+", lowered
    )
    if order and (you or not lowered.startswith("must")) and not lowered.startswith("will"):
        negative = "not" in order.group() or "n't" in order.group()
        if you:
            start -= len(you.group())
        lowered = ("please don't " if negative else "please ") + lowered[order.end() :]
    return start, end, lowered


def _join(left: str, wording: str, right: str) -> str:
    """Put a wording between two parts of a reply so that the sentence reads right: a
    sentence wording after a bare clause gets its full stop, the sentence after a wording that
    ends one starts with a capital, and no stop or space is doubled."""
    sentence = bool(_SENTENCE_END.search(wording.rstrip()))
    if sentence and wording[:1].isupper() and re.search(r"\w[\"'\u201d\u2019)]?$", left):
        left = left.rstrip(" \t") + ". "
    if left and wording[:1].isalnum() and left[-1:].isalnum():
        left += " "
    if left.endswith((" ", "\n")) and wording.startswith(" "):
        wording = wording.lstrip(" ")
    if sentence:
        right = re.sub(r"^[ \t]*[.!?,;:]+", "", right)
        right = re.sub(r"^(?=[^\s.!?,;:)\]])", " ", right)
        right = re.sub(r"^(\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), right)
    elif wording.endswith(" ") and re.match(r"[.!?,;:]", right):
        wording = wording.rstrip(" ")
    elif wording.rstrip().endswith(",") and right.lstrip(" ").startswith(","):
        right = right.lstrip(" ")[1:]
    if wording.endswith((" ", "\n")) and right.startswith(" "):
        right = right.lstrip(" ")
    if wording.endswith(". ") or wording.endswith(".\n"):
        right = re.sub(r"^([a-z])", lambda m: m.group(1).upper(), right)
    if left.endswith(" ") and not wording and right.startswith(" "):
        right = right.lstrip(" ")
    return left + wording + right


def apply_suggestion(reply: str, finding: Finding) -> str:
    """The reply with the finding's better wording put in place of the characters it replaces
    (`Finding.replaces`: the span, or the clause or sentence a sentence wording stands for),
    joined so that the sentence reads right."""
    start, end = finding.replaces
    return _join(reply[:start], finding.suggestion, reply[end:])


def authority_from_policy(policy: object, role: str) -> dict[str, RemedyAuthority]:
    """The agent's authority for every remedy of a policy (calmdesk.core.policy.Policy), for
    one role; a remedy the role has no rule for is not allowed (Unit 7 2.4)."""
    rules = getattr(policy, "authority", {}).get(role, {})
    authority = {}
    for remedy in getattr(policy, "remedies", {}):
        rule = rules.get(remedy)
        authority[str(remedy)] = (
            RemedyAuthority(allowed=False)
            if rule is None
            else RemedyAuthority(allowed=rule.allowed, max_amount=rule.max_amount)
        )
    return authority


def remedy_terms_from_policy(policy: object) -> dict[str, tuple[str, ...]]:
    """Each remedy's label in the policy, as an extra word for it."""
    return {str(remedy): (rule.label,) for remedy, rule in getattr(policy, "remedies", {}).items()}
