"""Cue rules: words that show an indicator or a risk, read by pattern, with negation.

The trained model misses rare but plain statements ("I am deaf", "see you in court") and
cannot tell "I will not sue" from "I will sue". These rules add what the words say plainly,
and their matches are the evidence. A match is *negated* when a negating word ("not",
"n't", "never", "no", "without") stands before it in the same clause, up to
`NEGATION_WINDOW` words back.

>>> [(cue.label, cue.words, cue.negated) for cue in find_cues("I will see you in court.")]
[('threat_legal', 'see you in court', False)]
>>> [(cue.label, cue.negated) for cue in find_cues("I am not going to take legal action")]
[('threat_legal', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NEGATION_WINDOW = 5

_FLAGS = re.IGNORECASE


def _rule(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", _FLAGS)


_INSULT = (
    r"idiots?|morons?|imbeciles?|clowns?|cretins?|muppets?|scum|losers?|incompetent|useless"
    r"|stupid|pathetic|liars?|thieves|crooks?|cowboys|jokers?|dickheads?|twats?|bastards?"
    r"|pricks?|wankers?|assholes?|arseholes?"
)
_STAFF = r"staff|agents?|people|team|lot|company|advisors?|advisers?|employees?|workers?"

# Label -> rule. Each rule reads the words that by themselves state the indicator or risk.
CUE_RULES: dict[str, re.Pattern[str]] = {
    "abusive": _rule(
        rf"(?:fuck|screw|sod)\s+(?:you|off|your\s+(?:{_STAFF}))",
        r"go\s+to\s+hell",
        r"shut\s+up",
        rf"you(?:\s+(?:guys|lot|people|all))?(?:\s+are|'re|\s+r)?\s+(?:(?:an?|such|so|all|a\s+bunch\s+of|bloody|fucking|"
        rf"fcking|utterly|completely|totally|the\s+worst,?)\s+){{0,3}}(?:{_INSULT})",
        rf"your\s+(?:(?:bloody|fucking|stupid|useless)\s+)?(?:{_STAFF})\s+(?:are|is)\s+"
        rf"(?:(?:a\s+bunch\s+of|all|so|such|bloody|fucking|complete|total)\s+){{0,3}}(?:{_INSULT})",
        rf"(?:{_INSULT})\s+(?:like\s+)?you(?:\s+(?:{_STAFF}))?",
    ),
    "threat_legal": _rule(
        r"lawyers?|solicitors?|attorneys?|legal\s+action|take\s+(?:you|this|it)\s+to\s+court",
        r"see\s+you\s+in\s+court|small\s+claims(?:\s+court)?|trading\s+standards|suing",
        r"sue\s+(?:you|your|the|them|for|over)|(?:will|going\s+to|gonna|I'll)\s+sue",
        r"ombudsman|(?:the|your)\s+regulator|ofcom|ofgem|ofwat|financial\s+conduct\s+authority|fca",
        r"consumer\s+rights\s+act|better\s+business\s+bureau|bbb|cfpb|attorney\s+general",
    ),
    "threat_public": _rule(
        r"(?:bad|negative|terrible|awful|honest|scathing|one[-\s]star|1[-\s]star|zero[-\s]star)"
        r"\s+reviews?",
        r"(?:review|post|write|share|tweet|put)\s+(?:it|this|about\s+(?:this|you))\s+"
        r"(?:online|everywhere|on\s+(?:social\s+media|twitter|facebook|tiktok|instagram|x))",
        r"trustpilot|yelp|tripadvisor|social\s+media|go(?:es|ing)?\s+viral",
        r"the\s+press|newspapers?|journalists?|watchdog|local\s+news|tell\s+everyone",
    ),
    "threat_leave": _rule(
        r"cancel(?:l?ing)?\s+my\s+(?:account|subscription|contract|membership|plan|service)",
        r"close\s+my\s+account|take\s+my\s+(?:business|custom|money)\s+elsewhere",
        r"switch(?:ing)?\s+(?:provider|suppliers?|companies|networks?|banks?)",
        # Switching to a named company ("switching to Vodafone"), not to a setting.
        r"(?:switch(?:ing)?|mov(?:e|ing)|go(?:ing)?)\s+to\s+(?:another\s+(?:provider|company|"
        r"supplier|shop|bank|network)|a\s+different\s+(?:provider|company|supplier|shop|bank|"
        r"network)|a\s+competitor|your\s+competitors?)|switch(?:ing)?\s+to\s+(?-i:[A-Z][a-z]+)",
        r"never\s+(?:again|(?:be\s+)?(?:buy|buying|order|ordering|shop|shopping|use|using)\w*"
        r"(?:\s+\w+){0,3}\s+again)",
        r"(?:last|final)\s+time\s+I\s+(?:buy|order|shop|use)",
        r"(?:I'?m|I\s+am)\s+(?:done|finished)\s+with\s+you|find\s+another\s+(?:provider|company)",
        r"leaving\s+you|you(?:'ve|\s+have)\s+lost\s+(?:a|my)\s+customer",
    ),
    "threat_safety": _rule(
        r"(?:kill|hurt|punch|stab|shoot|smash|batter|beat\s+up)\s+(?:you|him|her|them|someone|"
        r"somebody|your\s+(?:\w+\s+)?(?:staff|manager|agents?|face))",
        r"come\s+down\s+there\s+and|find\s+(?:out\s+)?where\s+you\s+live|burn\s+(?:it|the\s+"
        r"place|your\s+\w+)\s+down|blow\s+(?:it|the\s+place)\s+up",
        r"kill\s+myself|hurt\s+myself|harm\s+myself|end\s+(?:it\s+all|my\s+life)|suicid\w*",
        r"(?:do\s+not|don't|dont)\s+want\s+to\s+(?:live|be\s+alive|be\s+here)\s+any\s?more",
    ),
    "needs_access_support": _rule(
        r"(?:I'?m|I\s+am)\s+(?:registered\s+)?(?:deaf|blind|disabled|dyslexic|autistic|"
        r"partially\s+sighted|visually\s+impaired|hard\s+of\s+hearing|hearing\s+impaired)",
        r"my\s+disability|a\s+disability|disabilities|hearing\s+aids?|wheelchair|mobility\s+"
        r"(?:scooter|problems?|issues?)|my\s+carer|a\s+carer|(?:I'?m|I\s+am)\s+(?:a|the)\s+carer",
        r"interpreter|sign\s+language|bsl|large\s+print|braille|screen\s+reader",
        r"text\s+relay|relay\s+(?:uk|service)|typetalk|dyslexia|learning\s+difficult(?:y|ies)",
        r"english\s+(?:is\s+not|isn't|is\s+no)\s+my\s+first\s+language",
        r"(?:my\s+)?english\s+(?:is\s+not|isn't)\s+(?:very\s+)?good",
    ),
    "unreasonable": _rule(
        r"I\s+(?:demand|insist)",
        r"(?:do\s+not|don't|dont)\s+care\s+(?:what|about)\s+(?:your\s+)?(?:policy|policies|"
        r"rules|terms)",
        r"or\s+else|(?:right\s+)?now\s+or\s+I|within\s+the\s+(?:hour|next\s+hour)",
        r"(?:free|for\s+free)\s+for\s+(?:life|a\s+year|ever)|for\s+nothing\s+forever",
        r"not\s+interested\s+in\s+(?:your\s+)?excuses",
    ),
    "indecisive": _rule(
        r"(?:can'?t|cannot|can\s+not)\s+(?:decide|make\s+up\s+my\s+mind)",
        r"changed\s+my\s+mind|on\s+second\s+thoughts?|or\s+should\s+I|or\s+maybe",
        r"(?:not\s+sure|don't\s+know|do\s+not\s+know|unsure)\s+(?:whether|if)\s+(?:I\s+)?"
        r"(?:want|should|to)",
        r"actually,?\s+(?:no|wait)",
    ),
}

# The cue itself holds its negation ("don't want to live"), so it is never negated again.
_NEGATION = re.compile(r"\b(?:not|never|no|without|nor|none)\b|n't\b|\bdont\b|\bwont\b", _FLAGS)
_CLAUSE_BREAK = re.compile(r"[.,!?;:\n]|\bbut\b", _FLAGS)
_WORD = re.compile(r"[\w']+")
_NOT_WORD = re.compile(r"[^\w']")
# Characters read back from a cue for its clause's last NEGATION_WINDOW words.
NEGATION_LOOKBACK = 200

PROFANITY = re.compile(
    r"\b(?:f+u+c+k+\w*|f\*+k?\w*|fck\w*|shit\w*|sh\*t\w*|crap\w*|bloody|damn\w*|bollocks"
    r"|bugger\w*|piss\w*|arse\b|ass\b|bullshit)",
    _FLAGS,
)


@dataclass(frozen=True)
class Cue:
    """One rule match: the label it shows, where its words are, and whether it is negated."""

    label: str
    start: int
    end: int
    words: str
    negated: bool


def lower_case_rule(rule: re.Pattern[str]) -> re.Pattern[str] | None:
    """The IGNORECASE rule with its letters lower-cased and case-sensitive matching, to run on
    `same_length_lower(text)`: three times quicker, same matches. None for a rule with a
    case-sensitive part, which must run as it is."""
    if "(?-i:" in rule.pattern:
        return None
    lowered = re.sub(r"(\\.)|([A-Z])", lambda m: m.group(1) or m.group(2).lower(), rule.pattern)
    return re.compile(lowered)


def same_length_lower(text: str) -> str | None:
    """The text lower-cased, or None when a letter's lower case is longer ("İ"), which
    would shift every span after it."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


_LOWER_CASE_RULES = {label: lower_case_rule(rule) for label, rule in CUE_RULES.items()}


def find_cues(text: str) -> list[Cue]:
    """Every cue rule match in `text`, in text order."""
    lowered = same_length_lower(text)
    cues = []
    for label, rule in CUE_RULES.items():
        quick = _LOWER_CASE_RULES[label]
        matches = (
            quick.finditer(lowered)
            if quick is not None and lowered is not None
            else rule.finditer(text)
        )
        for match in matches:
            start, end = match.span()
            cues.append(Cue(label, start, end, text[start:end], _is_negated(text, start)))
    return sorted(cues, key=lambda cue: (cue.start, cue.label))


def profanity_spans(text: str) -> list[tuple[int, int]]:
    """Where swear words are, aimed at anyone or not (the abusive rules decide that)."""
    return [match.span() for match in PROFANITY.finditer(text)]


def _is_negated(text: str, start: int) -> bool:
    # Only the last NEGATION_WINDOW words of the clause count, so reading back a bounded
    # stretch gives the same answer for any ordinary text and keeps a long text linear (reading
    # all of it before every cue took seconds on a 100,000-character message).
    window_start = max(0, start - NEGATION_LOOKBACK)
    before = text[window_start:start]
    if window_start > 0:
        cut = _NOT_WORD.search(before)  # a word cut in two is not a word of the clause
        before = before[cut.start() :] if cut else ""
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    window = " ".join(_WORD.findall(clause)[-NEGATION_WINDOW:])
    return bool(_NEGATION.search(window))
