"""What the customer needs to be served well: language, stated access needs, terminology.

Nothing here guesses who the customer is. Access needs come only from what the customer
states (the `needs_access_support` cue matches); language is the language of the text.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from calmdesk.core.assessment.cues import Cue, lower_case_rule, same_length_lower
from calmdesk.core.assessment.model import Span

if TYPE_CHECKING:
    from lingua import LanguageDetector

# The model was trained on English; these are the languages the detector tells apart. A
# small set keeps the detector quick to build and sure of itself on short messages.
MODEL_LANGUAGES: frozenset[str] = frozenset({"en"})
DETECTED_LANGUAGES: tuple[str, ...] = (
    "ENGLISH",
    "WELSH",
    "FRENCH",
    "SPANISH",
    "GERMAN",
    "ITALIAN",
    "PORTUGUESE",
    "DUTCH",
    "POLISH",
    "ROMANIAN",
    "TURKISH",
    "ARABIC",
    "URDU",
    "CHINESE",
    "RUSSIAN",
)
# Below this confidence, or with fewer words, the language is left undetermined.
LANGUAGE_CONFIDENCE = 0.5
LANGUAGE_MIN_WORDS = 2
# A sentence counts towards "mixed" only with this many words and this confidence.
MIXED_MIN_WORDS = 4
MIXED_CONFIDENCE = 0.8

# Low-accuracy detection misreads short English full of brand names ("I play on Xbox One")
# as German or Dutch. Words that only English uses this often settle those cases: at this
# share of the words, the text is English whatever the detector says.
_ENGLISH_WORDS = frozenset(
    {
        "the",
        "and",
        "is",
        "my",
        "i",
        "to",
        "it",
        "you",
        "your",
        "on",
        "of",
        "can",
        "not",
        "have",
        "has",
        "for",
        "with",
        "please",
        "pls",
        "plz",
        "this",
        "that",
        "what",
        "why",
        "how",
        "are",
        "was",
        "me",
        "we",
        "they",
        "i'm",
        "can't",
        "cant",
        "don't",
        "dont",
        "it's",
        "its",
        "hi",
        "hello",
        "thanks",
        "thank",
        "get",
        "got",
        "fix",
        "help",
        "will",
        "just",
        "still",
        "be",
        "been",
        "at",
        "but",
        "or",
        "an",
        "from",
        "when",
        "would",
        "she",
        "her",
        "he",
        "his",
        "him",
        "their",
        "them",
        "our",
        "us",
        "there",
        "which",
        "who",
        "should",
        "could",
        "did",
        "does",
        "had",
        "were",
        "asked",
        "said",
        "says",
        "wants",
        "wanted",
        "customer",
        "customer's",
        "caller",
        "order",
        "day",
        "days",
        "week",
        "weeks",
        "about",
        "after",
        "because",
        "any",
        "some",
        "yes",
        "if",
        "up",
        "out",
        "again",
        "only",
        "really",
        "today",
        "yesterday",
        "tomorrow",
        "off",
        "into",
        "than",
        "then",
        "now",
        "where",
        "need",
        "needs",
        "want",
        "know",
        "told",
        "back",
        "same",
        "other",
        "new",
        "by",
    }
)
ENGLISH_SHARE = 0.25
# Handles and links name a company or a page, not the language the customer writes in.
# An email address is matched from the start of its token only: `\S+@` tried at every
# position of a long token without an @ would read it again and again.
_NOT_LANGUAGE = re.compile(r"https?://\S+|www\.\S+|@\w+|(?<!\S)\S+@\S+")
_SENTENCE = re.compile(r"[^.!?\n]+")
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")

# Access need kind -> words that state it (matched inside a needs_access_support cue).
ACCESS_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hearing", re.compile(r"deaf|hearing|relay|typetalk|sign\s+language|bsl", re.I)),
    ("sight", re.compile(r"blind|sight|visual|large\s+print|braille|screen\s+reader", re.I)),
    ("mobility", re.compile(r"wheelchair|mobility", re.I)),
    ("reading", re.compile(r"dyslex|learning\s+difficult", re.I)),
    ("language", re.compile(r"interpreter|english", re.I)),
    ("carer", re.compile(r"carer", re.I)),
    ("disability", re.compile(r"disab|autis", re.I)),
)

_SPECIALIST_CUES = re.compile(
    r"\b(?:"
    # Model and part numbers: letters and digits in one token, e.g. WX-420B, KD55X85J.
    r"(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z][A-Z0-9]*-?[A-Z0-9]*\d[A-Z0-9-]*"
    r"|(?:error|fault)\s+(?:code\s+)?[A-Z]*-?\d+[A-Z0-9-]*|0x[0-9a-f]{2,}"
    r"|firmware|router|modem|dns|ip\s+address|mac\s+address|ssid|apn|bios|drivers?"
    r"|api|ssl|tls|https?\s+\d{3}|bandwidth|latency|ethernet|hdmi|bluetooth|port\s+forwarding"
    r"|cache|factory\s+reset|boot\s*loop|kernel|compressor|thermostat|inverter|torque|psi"
    r"|voltage|amps?|ohms?|wattage|mbps|gbps|ghz|sim\s+card|imei|serial\s+number|config\w*"
    r")\b",
    re.IGNORECASE,
)
_QUICK_SPECIALIST_CUES = lower_case_rule(_SPECIALIST_CUES) or _SPECIALIST_CUES
# Words that are model-number-shaped but ordinary: sizes, times and postcodes stay plain.
_PLAIN_SHAPES = re.compile(r"^(?:\d+(?:am|pm|st|nd|rd|th|kg|g|ml|cm|mm|m|x)?|[A-Z]{1,2}\d{1,2})$")
SPECIALIST_MIN_CUES = 2


@dataclass(frozen=True)
class AccessNeed:
    """A need the customer stated, e.g. kind "hearing" from "I am deaf"."""

    kind: str
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class ServiceNeeds:
    """`language` is an ISO 639-1 code or None when it cannot be told (emoji, one word)."""

    language: str | None
    other_languages: tuple[str, ...]
    accessibility: tuple[AccessNeed, ...]
    terminology: str  # "specialist" or "plain"
    terminology_evidence: tuple[Span, ...]


@functools.cache
def language_detector() -> LanguageDetector:
    """Built once per process, on first use, in low-accuracy mode (fast on short texts)."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in DETECTED_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_languages(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The main language of `text` and the other languages whole sentences are written in."""
    text = _NOT_LANGUAGE.sub(" ", text)
    # Sentences split only at . ! ? and line ends, which no word holds, so the text's words
    # are its sentences' words: each is read once.
    sentences = _SENTENCE.findall(text)
    sentence_words = [[word.lower() for word in _LETTER_WORD.findall(s)] for s in sentences]
    words = [word for words_of in sentence_words for word in words_of]
    if len(words) < LANGUAGE_MIN_WORDS:
        return None, ()
    detector = language_detector()
    main = _language_of(detector, text, words, LANGUAGE_CONFIDENCE)
    if len(sentences) < 2:
        return main, ()
    words_by_language: Counter[str] = Counter()
    for sentence, words_of in zip(sentences, sentence_words, strict=True):
        if len(words_of) < MIXED_MIN_WORDS:
            continue
        if main == "en" and sentence.isascii() and not _ENGLISH_WORDS.isdisjoint(words_of):
            # An English text's plain-letter sentence that uses an English word is English:
            # asking the detector about each one would cost more than the rest of `assess`.
            continue
        language = _language_of(detector, sentence, words_of, MIXED_CONFIDENCE)
        if language is not None:
            words_by_language[language] += len(words_of)
    others = tuple(language for language, _ in words_by_language.most_common() if language != main)
    return main, others


def _english_share(words: list[str]) -> float:
    return sum(word in _ENGLISH_WORDS for word in words) / len(words)


def _language_of(
    detector: LanguageDetector, text: str, words: list[str], minimum: float
) -> str | None:
    if _english_share(words) >= ENGLISH_SHARE:
        return "en"
    confidences = detector.compute_language_confidence_values(text)
    if not confidences or confidences[0].value < minimum:
        return None
    return confidences[0].language.iso_code_639_1.name.lower()


def stated_access_needs(cues: list[Cue]) -> tuple[AccessNeed, ...]:
    """The access needs the customer stated, one per kind, in the order first stated."""
    spans_by_kind: dict[str, list[Span]] = {}
    for cue in cues:
        if cue.label != "needs_access_support" or cue.negated:
            continue
        kind = next((kind for kind, rule in ACCESS_KINDS if rule.search(cue.words)), "other")
        spans_by_kind.setdefault(kind, []).append(Span(cue.start, cue.end))
    return tuple(AccessNeed(kind, tuple(spans)) for kind, spans in spans_by_kind.items())


def terminology_of(text: str) -> tuple[str, tuple[Span, ...]]:
    """ "specialist" when the text has at least two technical cues (model numbers, error
    codes, technical terms), else "plain"; with the cues as evidence.

    >>> terminology_of("Router firmware 2.1 gives error code E-504")[0]
    'specialist'
    >>> terminology_of("My kettle stopped working on Monday")[0]
    'plain'
    """
    lowered = same_length_lower(text)
    matches = (
        _QUICK_SPECIALIST_CUES.finditer(lowered)
        if lowered is not None
        else _SPECIALIST_CUES.finditer(text)
    )
    spans = tuple(
        Span(*match.span())
        for match in matches
        if not _PLAIN_SHAPES.match(text[match.start() : match.end()])
    )
    distinct = {text[span.start : span.end].lower() for span in spans}
    if len(distinct) >= SPECIALIST_MIN_CUES:
        return "specialist", spans
    return "plain", ()
