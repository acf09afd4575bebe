"""The trained text model: issue, indicators and risks with faithful evidence spans.

A linear model over `features.Featuriser` n-grams. Its weights ship in `weights/` as a
numpy `.npz` read with `allow_pickle=False`, so loading them can never run code.

Besides the issue head and one head per indicator and risk, the model may carry a
"challenging" head (any indicator present, trained directly). When it does, it settles
the five emotions together: if it reads the text as calm, no emotion is present; if it
reads the text as challenging and no indicator reached its threshold, the emotion whose
score is highest relative to its threshold is present. Other indicators and the risks
keep their own thresholds.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from calmdesk.core.assessment.features import FeatureSpans, Featuriser
from calmdesk.core.assessment.labels import BINARY_LABELS, EMOTIONS, INDICATORS, ISSUES

WEIGHTS_PATH = Path(__file__).parent / "weights" / "text_model.npz"
# A label's evidence is the words behind its strongest features, at most this many.
EVIDENCE_FEATURES = 4
_EMOTION_COLUMNS = np.array([BINARY_LABELS.index(name) for name in EMOTIONS])
_INDICATOR_COLUMNS = np.array([BINARY_LABELS.index(name) for name in INDICATORS])
LOGIT_SLICE = 32


class ModelFileError(ValueError):
    """The weights file is missing, unreadable or does not match this code."""


@dataclass(frozen=True)
class Span:
    """Characters `start` to `end` (exclusive) of the assessed text."""

    start: int
    end: int


@dataclass(frozen=True)
class LabelScore:
    score: float
    present: bool
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class Prediction:
    issue: str
    issue_confidence: float
    labels: dict[str, LabelScore]


class TextModel:
    """Issue head (softmax over `ISSUES`) and one sigmoid head per indicator and risk."""

    def __init__(
        self,
        *,
        version: str,
        featuriser: Featuriser,
        weights: np.ndarray,
        bias: np.ndarray,
        thresholds: np.ndarray,
        challenging: tuple[np.ndarray, float, float] | None = None,
    ) -> None:
        """`challenging`: the optional challenging head as (weights, bias, threshold)."""
        expected_columns = len(ISSUES) + len(BINARY_LABELS)
        if weights.shape != (featuriser.size, expected_columns):
            raise ModelFileError(
                f"The weights have shape {weights.shape}; this code expects "
                f"({featuriser.size}, {expected_columns})."
            )
        if bias.shape != (expected_columns,) or thresholds.shape != (len(BINARY_LABELS),):
            raise ModelFileError("The bias or thresholds do not match the label list.")
        self.version = version
        self.featuriser = featuriser
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.thresholds = thresholds.astype(np.float32)
        self.challenging: tuple[np.ndarray, float, float] | None = None
        if challenging is not None:
            head, head_bias, head_threshold = challenging
            if head.shape != (featuriser.size,):
                raise ModelFileError("The challenging head does not match the vocabulary.")
            self.challenging = (
                head.astype(np.float32),
                float(head_bias),
                float(head_threshold),
            )
        # One matrix for every head, so a text's features are gathered once.
        self._matrix = self.weights
        self._bias = self.bias
        if self.challenging is not None:
            self._matrix = np.hstack([self.weights, self.challenging[0][:, None]])
            self._bias = np.append(self.bias, np.float32(self.challenging[1]))
            self.weights = self._matrix[:, :-1]  # a view: the weights are held once

    @classmethod
    def from_file(cls, path: Path) -> TextModel:
        try:
            with np.load(path, allow_pickle=False) as stored:
                vocabulary = stored["vocabulary"].tolist()
                challenging = None
                if "challenging_weights" in stored.files:
                    challenging = (
                        stored["challenging_weights"],
                        float(stored["challenging_bias"]),
                        float(stored["challenging_threshold"]),
                    )
                return cls(
                    version=str(stored["version"]),
                    featuriser=Featuriser(
                        dict(zip(vocabulary, range(len(vocabulary)), strict=True)),
                        stored["idf"],
                    ),
                    weights=stored["weights"],
                    bias=stored["bias"],
                    thresholds=stored["thresholds"],
                    challenging=challenging,
                )
        except (OSError, KeyError, ValueError) as error:
            if isinstance(error, ModelFileError):
                raise
            raise ModelFileError(f"Cannot read the text model at {path}: {error}") from error

    def save(self, path: Path) -> None:
        vocabulary = sorted(self.featuriser.vocabulary, key=self.featuriser.vocabulary.__getitem__)
        arrays: dict[str, np.ndarray] = {}
        if self.challenging is not None:
            head, head_bias, head_threshold = self.challenging
            arrays = {
                "challenging_weights": head.astype(np.float16),
                "challenging_bias": np.array(head_bias, np.float32),
                "challenging_threshold": np.array(head_threshold, np.float32),
            }
        np.savez_compressed(
            path,
            version=np.array(self.version),
            vocabulary=np.array(vocabulary),
            idf=self.featuriser.idf,
            weights=self.weights.astype(np.float16),
            bias=self.bias,
            thresholds=self.thresholds,
            **arrays,
        )

    def raw_scores(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Issue probabilities (n x 9) and label scores (n x 14), without thresholds."""
        logits = self._logits([self.featuriser.transform(text) for text in texts])
        return _issue_probabilities(logits), _label_scores(logits)

    def decide(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Issue probabilities (n x 9) and which labels are present (n x 14, bool), as
        `predict` decides them, without evidence."""
        transformed = [self.featuriser.transform(text) for text in texts]
        logits = self._logits(transformed)
        known = np.fromiter((len(indices) > 0 for indices, _ in transformed), bool, len(texts))
        return _issue_probabilities(logits), self._present(logits, known)

    def challenging_scores(self, texts: Sequence[str]) -> np.ndarray | None:
        """The challenging head's score per text, or None when the model has no such head."""
        if self.challenging is None:
            return None
        logits = self._logits([self.featuriser.transform(text) for text in texts])
        return 1.0 / (1.0 + np.exp(-logits[:, -1]))

    def _present(self, logits: np.ndarray, known: np.ndarray) -> np.ndarray:
        """Labels present per row of logits; `known`: the row's text had known features."""
        scores = _label_scores(logits)
        present = scores >= self.thresholds
        if self.challenging is None:
            return present
        challenging = logits[:, -1] >= _logit(self.challenging[2])
        present[:, _EMOTION_COLUMNS] &= challenging[:, None]
        unsettled = challenging & known & ~present[:, _INDICATOR_COLUMNS].any(axis=1)
        if unsettled.any():
            relative = scores[:, _EMOTION_COLUMNS] / self.thresholds[_EMOTION_COLUMNS]
            rows = np.flatnonzero(unsettled)
            present[rows, _EMOTION_COLUMNS[np.argmax(relative[rows], axis=1)]] = True
        return present

    def _logits(self, transformed: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        """Logits of every head per text: issue (9), labels (14), then challenging if any."""
        logits = np.tile(self._bias, (len(transformed), 1))
        # In slices, so the gathered weight rows stay small enough to sit in the CPU's cache.
        for first in range(0, len(transformed), LOGIT_SLICE):
            part = transformed[first : first + LOGIT_SLICE]
            lengths = np.fromiter((len(indices) for indices, _ in part), np.int64, len(part))
            if not lengths.sum():
                continue
            indices = np.concatenate([indices for indices, _ in part])
            values = np.concatenate([values for _, values in part])
            contributions = self._matrix[indices] * values[:, None]
            starts = np.cumsum(lengths) - lengths
            non_empty = lengths > 0
            rows = np.flatnonzero(non_empty) + first
            logits[rows] += np.add.reduceat(contributions, starts[non_empty], axis=0)
        return logits

    def predict(self, text: str) -> Prediction:
        """The prediction for one text; an empty or unknown-word text predicts calm."""
        return self.predict_batch([text])[0]

    def predict_batch(self, texts: Sequence[str]) -> list[Prediction]:
        """Predictions for many texts, in order. A text's prediction never depends on its
        batch: each text's logits are summed over its own features alone."""
        transformed = [self.featuriser.transform_with_spans(text) for text in texts]
        logits = self._logits([(indices, values) for indices, values, _ in transformed])
        issue_probabilities, label_scores = _issue_probabilities(logits), _label_scores(logits)
        known = np.fromiter((len(item[0]) > 0 for item in transformed), bool, len(texts))
        present = self._present(logits, known)
        best = issue_probabilities.argmax(axis=1)
        return [
            self._prediction(
                ISSUES[best[row]],
                float(issue_probabilities[row, best[row]]),
                label_scores[row],
                present[row],
                indices,
                values,
                spans,
            )
            for row, (indices, values, spans) in enumerate(transformed)
        ]

    def _prediction(
        self,
        issue: str,
        issue_confidence: float,
        label_scores: np.ndarray,
        present: np.ndarray,
        indices: np.ndarray,
        values: np.ndarray,
        spans: FeatureSpans,
    ) -> Prediction:
        evidence = self._evidence(np.flatnonzero(present), indices, values, spans)
        labels = {
            name: LabelScore(
                score=round(score, 4), present=shown, evidence=evidence.get(position, ())
            )
            for position, (name, score, shown) in enumerate(
                zip(BINARY_LABELS, label_scores.tolist(), present.tolist(), strict=True)
            )
        }
        return Prediction(issue=issue, issue_confidence=round(issue_confidence, 4), labels=labels)

    def _evidence(
        self,
        positions: np.ndarray,
        indices: np.ndarray,
        values: np.ndarray,
        spans: FeatureSpans,
    ) -> dict[int, tuple[Span, ...]]:
        """For each present label, the spans of the (at most `EVIDENCE_FEATURES`) features
        that pushed its score up the most, merged and in text order."""
        if not positions.size or not indices.size:
            return {}
        columns = len(ISSUES) + positions
        contributions = self.weights[indices[:, None], columns[None, :]] * values[:, None]
        strongest: dict[int, list[int]] = {}
        for column, position in enumerate(positions):
            chosen = strongest_positive(contributions[:, column], EVIDENCE_FEATURES)
            strongest[int(position)] = indices[chosen].tolist()
        spans_of = spans.spans_of({index for chosen in strongest.values() for index in chosen})
        evidence: dict[int, tuple[Span, ...]] = {}
        for position, chosen in strongest.items():
            places = sorted({place for index in chosen for place in spans_of.get(index, ())})
            merged: list[list[int]] = []
            for start, end in places:
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            evidence[position] = tuple(Span(start, end) for start, end in merged)
        return evidence


def strongest_positive(pushes: np.ndarray, limit: int) -> np.ndarray:
    """Positions of the (at most `limit`) largest positive values, largest first, ties in
    position order: `np.argsort(-pushes, kind="stable")[:limit]` without the non-positive
    ones, but sorting only the few candidates that can be among them, not every feature.

    >>> strongest_positive(np.array([0.5, 2.0, -1.0, 0.5, 0.0, 0.5]), 3).tolist()
    [1, 0, 3]
    """
    candidates = np.flatnonzero(pushes > 0)
    if candidates.size > limit:
        negated = -pushes[candidates]
        weakest_kept = np.partition(negated, limit - 1)[limit - 1]
        candidates = candidates[negated <= weakest_kept]
    return candidates[np.argsort(-pushes[candidates], kind="stable")[:limit]]


def _issue_probabilities(logits: np.ndarray) -> np.ndarray:
    issue_logits = logits[:, : len(ISSUES)]
    shifted = np.exp(issue_logits - issue_logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _label_scores(logits: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-logits[:, len(ISSUES) : len(ISSUES) + len(BINARY_LABELS)]))


def _logit(probability: float) -> float:
    return float(np.log(probability / (1.0 - probability)))


@functools.cache
def load_model(path: Path = WEIGHTS_PATH) -> TextModel:
    """The shipped model, read once per process."""
    return TextModel.from_file(path)
