"""`assess()`: what kind of situation a message is, how the customer is, and what they need.

The trained model (`model.py`) gives the issue and scores each indicator and risk; cue rules
(`cues.py`) add what plain words state and veto model risks that rest only on negated or
undirected words; `needs.py` reads language, stated access needs and terminology;
`viewpoint.py` writes the customer's point of view; the model reads the text without the names
`names.py` finds (its blanking functions are re-exported here). Pure Python, no Django.

It never infers gender, ethnicity, religion or age: no field holds them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from calmdesk.core.assessment.cues import Cue, find_cues, is_thanks_only, profanity_spans
from calmdesk.core.assessment.labels import INDICATORS, RISKS
from calmdesk.core.assessment.model import Prediction, Span, TextModel, load_model
from calmdesk.core.assessment.names import blank_names as blank_names
from calmdesk.core.assessment.names import model_text
from calmdesk.core.assessment.needs import (
    MODEL_LANGUAGES,
    ServiceNeeds,
    detect_languages,
    stated_access_needs,
    terminology_of,
)
from calmdesk.core.assessment.viewpoint import point_of_view
from calmdesk.core.quoting import own_words

MAX_CHARACTERS = 100_000

# Challenge level rule (documented in docs/assessment.md).
SEVERE_RISKS = frozenset({"abusive", "threat_safety"})
HIGH_INDICATORS = frozenset({"angry", "confrontational", "unreasonable"})
# A stated access need is something to serve well, not a sign of a difficult contact.
NOT_CHALLENGING = frozenset({"needs_access_support"})
MANY_INDICATORS = 3

# A threat to safety raises an incident and alerts team leaders at once. Read by the model
# alone, without words a cue rule knows, it needs at least this score: on our messages
# (cross-validated) and the held-out posts, a bar of 0.10 instead of the tuned 0.05 kept all
# but one of 42 threats and dropped 13 of 14 false alarms (docs/assessment.md).
MODEL_ONLY_BAR = {"threat_safety": 0.10}

# The cue rules, the model-only bar and the preparing of the text change what the engine says
# as much as the weights do, so their revision is part of the version stored with every
# assessment: `calmdesk reassess` reads stored messages again when either changes. Bump it
# with any change to them that can change a result.
RULES_REVISION = "rules-2026.12.01b"

# Trend: the current level against the mean of up to this many earlier levels.
TREND_WINDOW = 3
TREND_STEP = 0.5

_TAG = re.compile(r"<(?:script|style)\b.*?</(?:script|style)\s*>|<!--.*?-->|<[^>]+>", re.I | re.S)
_LOOKS_LIKE_HTML = re.compile(r"<(?:html|body|div|p|br|span|table|a|b|i|font)\b[^>]*>", re.I)
_BLOCK_TAG = re.compile(r"<(?:br|/p|/div|/li|/tr|/h\d)\b[^>]*>", re.I)
# The field names a contact form writes before the customer's words ("Message: ..."). They are
# the form's words, not the customer's: read as evidence they showed "Message" as a sign of
# frustration, and the point of view began "...: Message: I PAID ...".
_FORM_LABEL = re.compile(
    r"^[ \t]*(?:(?:your |full |first |last )?name|e-?mail(?: address)?|(?:phone|mobile|telephone)"
    r"(?: number)?|subject|topic|(?:your )?message|comments?|(?:your )?(?:enquiry|inquiry)"
    r"(?: type)?|order(?: number| no\.?)?|(?:account|reference|customer) number|reference"
    r"|post ?code|zip(?: code)?|address|product|date of purchase)[ \t]*:(?=[ \t]|$)",
    re.I | re.M,
)


def engine_version(model: TextModel | None = None) -> str:
    """The version an assessment is stored with: the model's and the rules' revision.

    >>> engine_version().startswith(load_model().version + "+rules-")
    True
    """
    return f"{(model or load_model()).version}+{RULES_REVISION}"


class AssessmentInputError(ValueError):
    """The text cannot be assessed: empty, or bytes that are not UTF-8."""


@dataclass(frozen=True)
class Indicator:
    """A present indicator or risk. `score` is the model's; `sources` says what showed it
    ("model", "cue" or both); `evidence` spans index `Assessment.text`."""

    name: str
    score: float
    evidence: tuple[Span, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    text: str
    channel: str | None
    issue: str
    issue_confidence: float
    indicators: tuple[Indicator, ...]
    risks: tuple[Indicator, ...]
    needs: ServiceNeeds
    point_of_view: str | None
    challenge_level: int | None
    trend: str | None
    model_version: str
    truncated: bool
    html_stripped: bool
    indicators_supported: bool
    unsupported_reason: str | None

    @property
    def calm(self) -> bool:
        return self.indicators_supported and not self.indicators

    def indicator_names(self) -> list[str]:
        return [indicator.name for indicator in self.indicators]

    def risk_names(self) -> list[str]:
        return [risk.name for risk in self.risks]

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready data (for the API, the CLI and storage); each evidence span
        also carries its words so a reader needs no offsets."""
        needs = self.needs
        return {
            "issue": self.issue,
            "issue_confidence": self.issue_confidence,
            "indicators": [self._item_dict(item) for item in self.indicators],
            "risks": [self._item_dict(item) for item in self.risks],
            "needs": {
                "language": needs.language,
                "other_languages": list(needs.other_languages),
                "accessibility": [
                    {"kind": need.kind, "evidence": self._spans_dict(need.evidence)}
                    for need in needs.accessibility
                ],
                "terminology": needs.terminology,
                "terminology_evidence": self._spans_dict(needs.terminology_evidence),
            },
            "point_of_view": self.point_of_view,
            "challenge_level": self.challenge_level,
            "trend": self.trend,
            "channel": self.channel,
            "model_version": self.model_version,
            "truncated": self.truncated,
            "html_stripped": self.html_stripped,
            "indicators_supported": self.indicators_supported,
            "unsupported_reason": self.unsupported_reason,
        }

    def _item_dict(self, item: Indicator) -> dict[str, object]:
        return {
            "name": item.name,
            "score": item.score,
            "sources": list(item.sources),
            "evidence": self._spans_dict(item.evidence),
        }

    def _spans_dict(self, spans: tuple[Span, ...]) -> list[dict[str, object]]:
        return [
            {"start": span.start, "end": span.end, "text": self.text[span.start : span.end]}
            for span in spans
        ]


def assess(
    text: str | bytes,
    channel: str | None = None,
    history: Sequence[str | Assessment] | None = None,
    *,
    model: TextModel | None = None,
    known_names: Sequence[str] = (),
) -> Assessment:
    """The assessment of one inbound message; `history` holds earlier inbound messages of
    the same case, oldest first, as texts or Assessments, and gives the trend.

    `known_names` are the names the case knows (its customer's, the staff's), full or in
    parts: the model reads the text without them (`names.model_text`), nor without the names
    its shape shows; the assessment's text, evidence and point of view keep them.

    Raises AssessmentInputError for empty text or bytes that are not UTF-8.
    """
    model = model or load_model()
    prepared = prepare_text(text)
    prediction = model.predict(model_text(prepared.text, known_names))
    assessment = _assess_prepared(prepared, channel, prediction, model)
    if history is None:
        return assessment
    return _with_trend(assessment, history, model, known_names)


def assess_batch(
    texts: Sequence[str | bytes],
    channel: str | None = None,
    *,
    model: TextModel | None = None,
    known_names: Sequence[Sequence[str]] = (),
) -> list[Assessment]:
    """Assessments of many independent messages, in order, as `assess` gives them, faster:
    the model scores the batch at once and builds evidence only where a label is present.

    `known_names`, when given, holds one sequence of names per text (each case has its own
    customer), as `assess` takes them; `[names] * len(texts)` gives every text the same.

    Raises AssessmentInputError naming the position of the first text that cannot be read,
    ValueError when `known_names` is given for another number of texts, and TypeError when
    it holds a bare string (a list of names where a list of lists is expected).
    """
    if known_names:
        if len(known_names) != len(texts):
            raise ValueError(
                f"known_names holds {len(known_names)} lists of names for {len(texts)} texts."
            )
        if any(isinstance(names, str) for names in known_names):
            raise TypeError("known_names holds one sequence of names per text, not names.")
    model = model or load_model()
    prepared: list[PreparedText] = []
    for position, text in enumerate(texts):
        try:
            prepared.append(prepare_text(text))
        except AssessmentInputError as error:
            raise AssessmentInputError(f"Text {position}: {error}") from error
    names_of = known_names or [()] * len(prepared)
    predictions = model.predict_batch(
        [model_text(item.text, names) for item, names in zip(prepared, names_of, strict=True)]
    )
    return [
        _assess_prepared(item, channel, prediction, model)
        for item, prediction in zip(prepared, predictions, strict=True)
    ]


@dataclass(frozen=True)
class PreparedText:
    text: str
    truncated: bool
    html_stripped: bool


def prepare_text(text: str | bytes) -> PreparedText:
    """The text as assessed: decoded, HTML tags removed, a contact form's field names at the
    start of a line and a quoted earlier message (`calmdesk.core.quoting.own_words`) blanked
    (same length, so evidence spans still index the message as written), cut to
    `MAX_CHARACTERS`.

    >>> prepare_text(b"<p>Where is my <b>order</b>?</p>")
    PreparedText(text='Where is my order?', truncated=False, html_stripped=True)
    >>> prepare_text("Message: Still waiting for my refund!").text
    '         Still waiting for my refund!'
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise AssessmentInputError(
                f"The text is not valid UTF-8 (byte {error.start} cannot be read)."
            ) from error
    html_stripped = bool(_LOOKS_LIKE_HTML.search(text))
    if html_stripped:
        text = html.unescape(_TAG.sub("", _BLOCK_TAG.sub("\n", text)))
        text = re.sub(r"[ \t]+", " ", re.sub(r"\n\s*\n+", "\n", text)).strip()
    text = own_words(_FORM_LABEL.sub(lambda label: " " * len(label.group()), text))
    if not text.strip():
        raise AssessmentInputError("The text is empty: there is nothing to assess.")
    truncated = len(text) > MAX_CHARACTERS
    return PreparedText(text[:MAX_CHARACTERS], truncated, html_stripped)


def _assess_prepared(
    prepared: PreparedText, channel: str | None, prediction: Prediction, model: TextModel
) -> Assessment:
    text = prepared.text
    language, other_languages = detect_languages(text)
    cues = find_cues(text)
    terminology, terminology_evidence = terminology_of(text)
    needs = ServiceNeeds(
        language=language,
        other_languages=other_languages,
        accessibility=stated_access_needs(cues),
        terminology=terminology,
        terminology_evidence=terminology_evidence,
    )
    if language is not None and language not in MODEL_LANGUAGES:
        # The model reads English only: a guess in another language would mislead the agent.
        return Assessment(
            text=text,
            channel=channel,
            issue="other",
            issue_confidence=0.0,
            indicators=(),
            risks=(),
            needs=needs,
            point_of_view=None,
            challenge_level=None,
            trend=None,
            model_version=engine_version(model),
            truncated=prepared.truncated,
            html_stripped=prepared.html_stripped,
            indicators_supported=False,
            unsupported_reason=(
                f"The message is in a language ({language}) the model was not trained on; "
                "its issue, indicators and risks are not assessed."
            ),
        )
    indicators = _combine(INDICATORS, prediction, cues, text)
    if is_thanks_only(text):
        # Only what a rule reads in the words stands; the model's guesses on a short thank-you
        # were signs of a difficult contact that the customer did not show.
        indicators = tuple(indicator for indicator in indicators if "cue" in indicator.sources)
    risks = _combine(RISKS, prediction, cues, text)
    return Assessment(
        text=text,
        channel=channel,
        issue=prediction.issue,
        issue_confidence=prediction.issue_confidence,
        indicators=indicators,
        risks=risks,
        needs=needs,
        point_of_view=point_of_view(prediction.issue, text),
        challenge_level=challenge_level(
            [indicator.name for indicator in indicators], [risk.name for risk in risks]
        ),
        trend=None,
        model_version=engine_version(model),
        truncated=prepared.truncated,
        html_stripped=prepared.html_stripped,
        indicators_supported=True,
        unsupported_reason=None,
    )


def _combine(
    names: tuple[str, ...], prediction: Prediction, cues: list[Cue], text: str
) -> tuple[Indicator, ...]:
    """Model and cue rule together. A model label is dropped when the text states it only
    in negated words ("I will not sue"), or, for abusive, when all its evidence lies in
    swearing that no rule found aimed at staff ("this bloody parcel")."""
    present: list[Indicator] = []
    cue_labels = {cue.label for cue in cues}
    for name in names:
        label = prediction.labels[name]
        if not label.present and name not in cue_labels:
            continue  # neither the model nor any rule speaks of it: the common case
        matched = [cue for cue in cues if cue.label == name and not cue.negated]
        vetoing = [Span(cue.start, cue.end) for cue in cues if cue.label == name and cue.negated]
        if name == "abusive" and not matched:
            vetoing += [Span(start, end) for start, end in profanity_spans(text)]
        negated_only = any(cue.label == name and cue.negated for cue in cues) and not matched
        model_says = (
            label.present
            and (bool(matched) or label.score >= MODEL_ONLY_BAR.get(name, 0.0))
            and not negated_only
            and not (vetoing and all(_inside(span, vetoing) for span in label.evidence))
        )
        if not model_says and not matched:
            continue
        sources = tuple(
            source for source, shown in (("model", model_says), ("cue", bool(matched))) if shown
        )
        spans = (label.evidence if model_says else ()) + tuple(
            Span(cue.start, cue.end) for cue in matched
        )
        present.append(Indicator(name, label.score, _merge(spans), sources))
    return tuple(present)


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(outer.start <= span.start and span.end <= outer.end for outer in spans)


def _merge(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda span: (span.start, span.end)):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return tuple(merged)


def challenge_level(indicators: Sequence[str], risks: Sequence[str]) -> int:
    """0 calm, 1 some challenge, 2 high, 3 severe.

    >>> challenge_level([], [])
    0
    >>> challenge_level(["needs_access_support"], [])
    0
    >>> challenge_level(["confused"], [])
    1
    >>> challenge_level(["frustrated"], ["threat_leave"])
    2
    >>> challenge_level([], ["abusive"])
    3
    """
    challenging = [name for name in indicators if name not in NOT_CHALLENGING]
    if SEVERE_RISKS.intersection(risks):
        return 3
    if risks or HIGH_INDICATORS.intersection(challenging) or len(challenging) >= MANY_INDICATORS:
        return 2
    return 1 if challenging else 0


def trend_of(current: int, earlier: Sequence[int]) -> str:
    """ "escalating", "calming" or "steady": the current level against the mean of the last
    `TREND_WINDOW` earlier levels, moved by at least `TREND_STEP`.

    >>> trend_of(2, [0, 1])
    'escalating'
    >>> trend_of(0, [3, 2, 2])
    'calming'
    >>> trend_of(1, [1])
    'steady'
    """
    recent = list(earlier)[-TREND_WINDOW:]
    change = current - sum(recent) / len(recent)
    if change >= TREND_STEP:
        return "escalating"
    if change <= -TREND_STEP:
        return "calming"
    return "steady"


def _with_trend(
    assessment: Assessment,
    history: Sequence[str | Assessment],
    model: TextModel,
    known_names: Sequence[str],
) -> Assessment:
    """The assessment with its trend; None when it or every earlier message has no level."""
    texts = [item for item in history if not isinstance(item, Assessment)]
    names_of = [known_names] * len(texts) if known_names else ()
    assessed = iter(assess_batch(texts, model=model, known_names=names_of)) if texts else iter(())
    earlier = [item if isinstance(item, Assessment) else next(assessed) for item in history]
    levels = [item.challenge_level for item in earlier if item.challenge_level is not None]
    if assessment.challenge_level is None or not levels:
        return assessment
    return replace(assessment, trend=trend_of(assessment.challenge_level, levels))
