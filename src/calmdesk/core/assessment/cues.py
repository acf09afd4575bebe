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
from itertools import islice

from calmdesk.core.regex_gate import first_char_gate

NEGATION_WINDOW = 5

_FLAGS = re.IGNORECASE


def _rule(*patterns: str) -> re.Pattern[str]:
    # Gated by its first characters: the rules are long alternations, and the gate lets the
    # scan skip the positions where none can start (same matches, faster).
    pattern = r"\b(?:" + "|".join(patterns) + r")\b"
    return re.compile(first_char_gate(pattern, _FLAGS) + pattern, _FLAGS)


# The two-word insults come first, so the evidence is "stupid cow", not "stupid".
_INSULT = (
    r"(?:stupid|silly|daft|fat|ugly|old|lazy|useless)\s+(?:cows?|bats?|gits?|sods?)"
    r"|idiots?|morons?|imbeciles?|clowns?|cretins?|muppets?|scum(?:bags?)?|losers?|incompetent"
    r"|useless|stupid|pathetic|liars?|thieves|crooks?|cowboys|jokers?|dickheads?|tw[a*]ts?"
    r"|bastards?|pricks?|wankers?|assholes?|arseholes?|bitch(?:es)?|slags?|vultures"
)
_STAFF = r"staff|agents?|people|team|lot|company|advisors?|advisers?|employees?|workers?"
# Whom a customer or a staff note names as threatened ("I'll batter your driver"); not "me" or
# "us": "this is killing me" and "they hit me with a fee" are no threat.
_THREATENED = (
    r"you(?:\s+(?:all|lot|people|guys))?|him|her|them|someone|somebody|anyone|the\s+lot\s+of\s+you"
    r"|(?:your|the|that|this|my|a|our)\s+(?:\w+\s+)?(?:staff|manager|agents?|advis[eo]rs?|drivers?"
    r"|engineers?|couriers?|guards?|colleagues?|cashiers?|assistants?|receptionists?|workers?"
    r"|employees?|person|man|woman|lad|girl|guy|bloke|fitters?|installers?|technicians?|bailiffs?)"
)
# "Called me a liar" is left out: in a customer's own message it is staff who insulted them.
_INSULTED = (
    r"her|him|us|staff|(?:the|my|a|our)\s+(?:\w+\s+)?(?:agents?|advis[eo]rs?|colleagues?|cashiers?"
    r"|assistants?|staff|managers?|receptionists?|drivers?|engineers?|company|shop|store|branch)"
)
# Verbs that are a threat when aimed at a person in any frame ("I'll batter him", "said he
# would stab her"); milder verbs count only in a first- or reported-person future ("I'll hit
# you"), since "hit him up" or "smash it" threaten nobody.
_VIOLENT = (
    r"(?:kill|murder|stab|shoot|strangle|throttle|batter|punch|slap|thump|headbutt|smack|hurt|harm"
    r"|assault)(?:[bp]?(?:ed|ing)|s|es)?|beat(?:ing)?\s+up|shot|attack(?:ed|ing)"
)
# Only in someone's future, and with the words that make them violence: "I'll knock you
# out", "he'd smash your face in"; "hit him up" or "I'll hit him with the bill" are not.
_WHOM = r"you|him|her|them|the\s+lot\s+of\s+you"


def _future_of(subjects: str) -> str:
    """Someone's future: "I'll", "she would", "we're going to", and unpunctuated "ill", "id"."""
    return (
        rf"(?:{subjects})(?:'ll|\s+will|'d|\s+would|\s+shall|(?:'m|\s+am|'s|\s+is|'re|\s+are"
        r"|\s+was|\s+were)\s+(?:going\s+to|gonna))|ill|id|I\s+gonna"
    )


_WILL = _future_of("I|he|she|they|we")
_I_WILL = _future_of("I|we")
_BODY = r"face|head|teeth|legs?|neck|jaw|nose|arms?|skull|lights"
_WEAPON = r"bat|hammer|knife|spade|brick|crowbar|machete|gun|bottle"
_QUOTE = "['\"\u2018\u201c]?"
_CLAUSE_END = r"(?=\s*(?:[.!?,;\n]|$|any\s?more))"

# Label -> rule. Each rule reads the words that by themselves state the indicator or risk.
CUE_RULES: dict[str, re.Pattern[str]] = {
    "abusive": _rule(
        rf"(?:fuck|screw|sod)\s+(?:you|off|your\s+(?:{_STAFF}))",
        r"go\s+to\s+hell",
        r"shut\s+up",
        rf"you(?:\s+(?:guys|lot|people|all))?(?:\s+are|'re|\s+r)?\s+(?:(?:an?|such|so|all|a\s+bunch\s+of|bloody|fucking|"
        rf"fcking|f\*+\w*|effing|flipping|utterly|completely|totally|the\s+worst,?)\s+){{0,3}}(?:{_INSULT})",
        rf"your\s+(?:(?:bloody|fucking|stupid|useless)\s+)?(?:{_STAFF})\s+(?:are|is)\s+"
        rf"(?:(?:a\s+bunch\s+of|all|so|such|bloody|fucking|complete|total)\s+){{0,3}}(?:{_INSULT})",
        rf"(?:{_INSULT})\s+(?:like\s+)?you(?:\s+(?:{_STAFF}))?",
        # A staff note reporting the words: "called me a useless idiot", "said she was a
        # stupid cow", "told me I was scum".
        rf"(?:called|calling)\s+(?:{_INSULTED})\s+{_QUOTE}(?:(?:an?|such\s+an?|a\s+(?:bunch|load)\s+of)"
        rf"\s+{_QUOTE}(?:(?:\w+|f\*+\w*)\s+){{0,2}})?(?:{_INSULT})",
        rf"(?:(?:said|shouted|screamed|yelled)\s+(?:that\s+)?(?:she|he|they|we|you)|told\s+(?:{_INSULTED}|me)"
        rf"\s+(?:that\s+)?(?:she|he|they|we|you))(?:\s+was|\s+were|\s+is|\s+are|'re|'s)\s+{_QUOTE}"
        rf"(?:(?:an?|all|a\s+(?:bunch|load)\s+of)\s+{_QUOTE}(?:(?:\w+|f\*+\w*)\s+){{0,2}})?(?:{_INSULT})",
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
        # Violence aimed at a person: "I'll batter him", "threatened to stab her", "I'll knock
        # his teeth out". Figures of speech are left out: "would it kill you to reply".
        rf"(?<!could\s)(?<!might\s)(?<!nearly\s)(?<!almost\s)(?<!have\s)(?<!it\s)(?:{_VIOLENT})\s+"
        rf"(?:{_THREATENED})\b(?!\s+(?:to\s+\w|an?\s+(?:e-?mails?|messages?|texts?|line|dm|note|quick)))",
        rf"(?:{_WILL})\s+(?:\w+\s+)?(?:(?:hit|smash|kick|punch|belt|thump|bash)\s+(?:{_WHOM})\s+"
        rf"(?:in|round|over|across)\s+(?:the|his|her|your|their)|knock\s+(?:{_WHOM})\s+(?:out|down|flat)"
        rf"|smash\s+(?:{_WHOM})\s+up|do\s+(?:{_WHOM})\s+(?:over|in)|drag\s+(?:{_WHOM})\s+(?:out|over"
        rf"|across|outside)|\w+\s+(?:{_WHOM})\s+with\s+(?:a|my|the)\s+(?:{_WEAPON}))\b",
        rf"(?:{_WILL})\s+(?:\w+\s+)?(?:(?:smash|kick|punch|bash)\s+(?:your|his|her|their)|(?:hit|break"
        rf"|knock)\s+your)\s+(?:\w+\s+)?(?:{_BODY})",
        rf"(?:{_I_WILL})\s+(?:\w+\s+)?(?:break|knock)\s+(?:his|her|their)\s+(?:\w+\s+)?(?:{_BODY})",
        r"threat(?:ened|ening)\s+to\s+(?:\w+\s+)?(?:hit|hurt|harm|kill|punch|stab|attack|beat|smash|"
        r"burn|kick|slap|shoot|knife|strangle|batter)",
        r"threat(?:ened|ening)\s+(?:me|her|him|them|us|staff|my\s+colleague|the\s+\w+)\s+with\s+"
        r"(?:a\s+|an\s+)?(?:knife|gun|bat|hammer|weapon|violence|a\s+beating)",
        r"physically\s+(?:threatening|aggressive|intimidating|violent|threatened)|threats?\s+of\s+"
        r"violence|violent\s+threats?|(?:death|bomb)\s+threats?",
        # Lying in wait, knowing where someone lives, a consequence left open.
        r"(?:wait(?:ing)?|be\s+waiting)\s+for\s+(?:you|him|her|them|your\s+\w+)\s+(?:outside\s+)?"
        r"(?:after\s+(?:work|(?:your|his|her|their)\s+shift|closing|you\s+finish|(?:he|she|they)\s+"
        r"finish(?:es)?)|when\s+(?:you|he|she|they)\s+(?:finish|clock\s+off|leave\s+work))",
        r"catch\s+(?:you|him|her|them)\s+outside|(?:know|found\s+out|find\s+(?:out\s+)?)\s+where\s+"
        r"(?:you|he|she|they)\s+(?:lives?|works?)|where\s+your\s+\w+\s+lives"
        r"|know\s+(?:which|what)\s+(?:branch|office|store|shop|depot)\s+(?:you|he|she|they)\s+works?",
        r"watch\s+(?:your|his|her|their)\s+backs?|regret\s+it\s+when\s+I\s+(?:come|see|get)"
        r"|won'?t\s+walk\s+away\s+from\s+it|better\s+not\s+show\s+(?:his|her|your|their)\s+faces?",
        r"come\s+(?:down|round|over)\s+(?:there|to\s+(?:your|the)\s+\w+)\s+and\s+(?:sort|deal\s+with"
        r"|teach|show|drag|batter|hurt|smash|wreck)\s+(?:you|him|her|them|the\s+lot|your|someone)"
        r"|put\s+(?:you|him|her|them)\s+in\s+(?:the\s+)?(?:hospital|a\s+coffin|the\s+ground)",
        # Damage to a place or property of the organisation's people.
        r"burn\s+(?:it|the\s+(?:place|depot|store|shop|office|branch|warehouse)|your\s+\w+)\s+down"
        r"|blow\s+(?:it|the\s+place)\s+up|a\s+bomb\s+(?:in|at|under)\s+(?:the|your)",
        rf"(?:{_WILL})\s+(?:[\w']+\s+){{0,6}}?(?:smash|wreck|trash|set\s+fire\s+to)\s+(?:this|the|your)"
        r"\s+(?:\w+\s+)?(?:place|shop|store|office|branch|depot|van|car|house)"
        r"|slash\s+(?:its|your|his|her|their|the)\s+tyres",
        # A staff note of what was done, not said.
        r"(?:slammed|banged|thumped|smashed)\s+(?:his|her|their)\s+fists?|raised\s+(?:his|her|their)"
        r"\s+fists?|squared\s+up\s+to|spat\s+(?:at|on)\s+(?:me|her|him|my|a|the|staff)"
        r"|threw\s+(?:a|the|his|her|their|it)(?:\s+\w+)?\s+at\s+(?:me|her|him|my\s+colleague|staff|the\s+"
        r"(?:agent|cashier|assistant|staff|adviser|advisor))"
        r"|(?:he|she|they|customer|caller)\s+(?:(?:then|also|just|nearly|almost)\s+)?(?:punched|slapped"
        r"|headbutted|shoved|pushed|grabbed|hit|kicked)\s+(?:me|her|him|my\s+colleague|a\s+colleague"
        r"|a\s+member\s+of\s+staff|the\s+(?:agent|cashier|driver|engineer|guard|assistant))\b"
        r"(?!\s+(?:with\s+(?:a|an|the|another)\s+(?:\S+\s+)?(?:bill|charge|fee|invoice|letter|price)"
        r"|up|off|out|into))",
        r"(?:a|my|the)\s+(?:baseball\s+)?(?:bat|knife|hammer|machete|crowbar|gun)\s+(?:by|behind)\s+"
        r"(?:the|my)\s+door|(?:get|take|took|bring)\s+a\s+(?:hammer|bat|knife|spade|crowbar|machete)\s+to"
        r"|set\s+about\s+(?:him|her|you|them)",
        # Harm to oneself.
        r"(?:kill|hurt|harm|hurting|harming|killing|cutting)\s+(?:myself|herself|himself|themselves)"
        r"|end(?:ing)?\s+(?:it\s+all|my\s+(?:own\s+)?life)|suicid\w*|overdosed"
        r"|(?:of|about|like)\s+(?:just\s+)?ending\s+it\b(?!\s+with)"
        r"|tak(?:e|ing)\s+my\s+own\s+life|take\s+my\s+life\b(?![\s-]+(?:savings?|insurance|back))",
        r"(?:do\s+not|don't|dont)\s+want\s+to\s+(?:live|be\s+alive|wake\s+up|(?:be\s+here|go\s+on)\s+"
        r"any\s?more)",
        r"better\s+off\s+(?:without\s+me|dead)|if\s+I\s+(?:did\s+not|didn't|never)\s+wake\s+up"
        r"|if\s+I\s+(?:wasn't|weren't|was\s+not|were\s+not)\s+alive",
        rf"(?:no|(?:isn't|is\s+not)\s+any)\s+point\s+(?:in\s+)?(?:living|life|being\s+(?:here|alive)"
        rf"|(?:going|carrying)\s+on{_CLAUSE_END}|anything{_CLAUSE_END})"
        r"|(?:don't|do\s+not|dont|can't|cannot|can\s+not|cant)\s+see\s+the\s+point\s+(?:in|of)\s+"
        rf"(?:living|life|being\s+(?:here|alive)|(?:going|carrying)\s+on{_CLAUSE_END}"
        rf"|anything{_CLAUSE_END})",
        r"(?:won't|will\s+not|wont|not\s+going\s+to|(?:don't|do\s+not|dont)\s+think\s+I(?:'ll|\s+will))\s+be\s+(?:around|here)\s+(?:much\s+longer|by\s+the|for\s+"
        r"much\s+longer|to\s+(?:worry|need|see))",
        r"(?:took|taken|swallowed|taking|take)\s+(?:too\s+many|all\s+(?:of\s+)?my|a\s+load\s+of|loads\s+of"
        r"|an\s+overdose|a\s+handful\s+of)\s+(?:\w+\s+)?(?:tablets|pills|meds|medication|painkillers)"
        rf"|(?:took|taken|swallowed)\s+{_QUOTE}more\s+(?:\w+\s+)?(?:tablets|pills|meds|painkillers)\s+than"
        r"|walk\s+into\s+the\s+(?:sea|river)|jump\s+(?:off|from|in\s+front\s+of)\s+(?:a|the)\s+"
        r"(?:bridge|building|roof|cliff|train)",
        r"(?:stopped|stop)\s+caring\s+(?:what|whether)\s+(?:happens\s+to\s+me|I\s+live)"
        r"|(?:do\s+not|don't|dont)\s+care\s+(?:what\s+happens\s+to\s+me|if\s+I\s+(?:live|wake\s+up|die))",
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
_CONDITION = re.compile(r"\b(?:if|unless)\b", _FLAGS)
_MAIN_CLAUSE = re.compile(
    r"\b(?:I|we)(?:'ll|\s+will|'d|\s+would|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+gonna)\b|\bill\b",
    _FLAGS,
)
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
            cues.append(Cue(label, start, end, text[start:end], _is_negated(text, start, end)))
    return sorted(cues, key=lambda cue: (cue.start, cue.label))


def profanity_spans(text: str) -> list[tuple[int, int]]:
    """Where swear words are, aimed at anyone or not (the abusive rules decide that)."""
    return [match.span() for match in PROFANITY.finditer(text)]


def _is_negated(text: str, start: int, end: int) -> bool:
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
    negations = list(_NEGATION.finditer(window))
    if not negations:
        return False
    # "If my refund isn't back by Friday I'll sue": the negation belongs to the condition, and
    # the clause the cue is in starts after it.
    if _CONDITION.search(clause):
        after = window[negations[-1].end() :] + " " + text[start:end]
        return not _MAIN_CLAUSE.search(after)
    return True


# A short closing message of thanks ("It's gone back, thank you so much Tom. Really appreciate
# the quick answer.") gives the model little to read, and it read such messages as
# confrontational on words like "answer", lifting a grateful customer to challenge level 2 and
# the case's trend to escalating. Thanks with any sign of complaint, doubt or sarcasm ("thanks
# for nothing", "still", "but", a question, an eye-roll) is not a thank-you message.
THANKS_MAX_WORDS = 30
_THANKS = re.compile(
    r"\b(?:thank(?:s|\s+you|\s+u)?|thx|ty|cheers|(?:much\s+)?appreciated?|grateful"
    r"|that(?:'s|\s+has)?\s+(?:worked|sorted|fixed)|all\s+(?:working|sorted))\b",
    _FLAGS,
)
_NOT_THANKS = re.compile(
    r"\b(?:not|never|no|nothing|nobody|still|but|again|yet|why|another|worst|useless|ridiculous"
    r"|joke|unbelievable|disgust\w*|terrible|awful|shocking|pathetic|rubbish|sick|fed\s+up"
    r"|a\s+lot|a\s+bunch|for\s+(?:wasting|ruining|making|letting|the\s+lack)"
    # Sadness, worry, a repeated or late matter, a claim or leaving: more than thanks.
    r"|miss(?:ing)?|sad|sorry|upset|worried|anxious|nervous|scared|afraid|cry(?:ing)?|tears"
    r"|stress\w*|panic\w*|late|delay\w*|second|third|fourth|fifth|compensation|cancel\w*"
    r"|complain\w*|review|leav\w+|left|broken|faulty|wrong|lost)\b"
    r"|n't\b|\bdont\b|\bwont\b|[?\"“”\u2018]|(?<!\w)'[^'\n]{1,40}'(?!\w)|🙄|😒|😡|😠|🤬|😤|👏",
    _FLAGS,
)


def is_thanks_only(text: str) -> bool:
    """True for a short message that thanks us and says nothing against us.

    >>> is_thanks_only("That worked!! Thank you")
    True
    >>> is_thanks_only("Thanks for nothing.")
    False
    >>> is_thanks_only("Thanks, but it still leaks.")
    False
    """
    words = sum(1 for _ in islice(_WORD.finditer(text), THANKS_MAX_WORDS + 1))
    if words > THANKS_MAX_WORDS or not _THANKS.search(text):
        return False
    return not _NOT_THANKS.search(text) and not PROFANITY.search(text)
