"""The trained text model: issue, indicators and risks with faithful evidence spans.

A linear model over `features.Featuriser` n-grams. Its weights ship in `weights/` as a
numpy `.npz` read with `allow_pickle=False`, so loading them can never run code.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from calmdesk.core.assessment.features import FeatureSpans, Featuriser
from calmdesk.core.assessment.labels import BINARY_LABELS, ISSUES

WEIGHTS_PATH = Path(__file__).parent / "weights" / "text_model.npz"
# A label's evidence is the words behind its strongest features, at most this many.
EVIDENCE_FEATURES = 4


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
    ) -> None:
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

    @classmethod
    def from_file(cls, path: Path) -> TextModel:
        try:
            with np.load(path, allow_pickle=False) as stored:
                vocabulary = stored["vocabulary"].tolist()
                return cls(
                    version=str(stored["version"]),
                    featuriser=Featuriser(
                        dict(zip(vocabulary, range(len(vocabulary)), strict=True)),
                        stored["idf"],
                    ),
                    weights=stored["weights"],
                    bias=stored["bias"],
                    thresholds=stored["thresholds"],
                )
        except (OSError, KeyError, ValueError) as error:
            if isinstance(error, ModelFileError):
                raise
            raise ModelFileError(f"Cannot read the text model at {path}: {error}") from error

    def save(self, path: Path) -> None:
        vocabulary = sorted(self.featuriser.vocabulary, key=self.featuriser.vocabulary.__getitem__)
        np.savez_compressed(
            path,
            version=np.array(self.version),
            vocabulary=np.array(vocabulary),
            idf=self.featuriser.idf,
            weights=self.weights.astype(np.float16),
            bias=self.bias,
            thresholds=self.thresholds,
        )

    def raw_scores(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Issue probabilities (n x 9) and label scores (n x 14), without thresholds."""
        logits = self._logits([self.featuriser.transform(text) for text in texts])
        return _issue_probabilities(logits), _label_scores(logits)

    def _logits(self, transformed: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        logits = np.tile(self.bias, (len(transformed), 1))
        lengths = np.fromiter(
            (len(indices) for indices, _ in transformed), np.int64, len(transformed)
        )
        if lengths.sum():
            indices = np.concatenate([indices for indices, _ in transformed])
            values = np.concatenate([values for _, values in transformed])
            contributions = self.weights[indices] * values[:, None]
            starts = np.cumsum(lengths) - lengths
            non_empty = lengths > 0
            logits[non_empty] += np.add.reduceat(contributions, starts[non_empty], axis=0)
        return logits

    def predict(self, text: str) -> Prediction:
        """The prediction for one text; an empty or unknown-word text predicts calm."""
        return self._predict_transformed(*self.featuriser.transform_with_spans(text))

    def _predict_transformed(
        self, indices: np.ndarray, values: np.ndarray, spans: FeatureSpans
    ) -> Prediction:
        contributions = self.weights[indices] * values[:, None]
        logits = self.bias + contributions.sum(axis=0)
        issue_probabilities = _issue_probabilities(logits[None, :])[0]
        label_scores = _label_scores(logits[None, :])[0]
        return self._prediction(issue_probabilities, label_scores, indices, contributions, spans)

    def predict_batch(self, texts: Sequence[str]) -> list[Prediction]:
        """Predictions for many texts, in order; scores are those `predict` gives."""
        transformed = [self.featuriser.transform_with_spans(text) for text in texts]
        logits = self._logits([(indices, values) for indices, values, _ in transformed])
        issue_probabilities, label_scores = _issue_probabilities(logits), _label_scores(logits)
        predictions = []
        for row, (indices, values, spans) in enumerate(transformed):
            present = label_scores[row] >= self.thresholds
            if present.any():
                # Summed as `predict` sums, so a text's labels never depend on its batch.
                predictions.append(self._predict_transformed(indices, values, spans))
                continue
            predictions.append(
                self._prediction(issue_probabilities[row], label_scores[row], None, None, None)
            )
        return predictions

    def _prediction(
        self,
        issue_probabilities: np.ndarray,
        label_scores: np.ndarray,
        indices: np.ndarray | None,
        contributions: np.ndarray | None,
        spans: FeatureSpans | None,
    ) -> Prediction:
        best = int(np.argmax(issue_probabilities))
        labels: dict[str, LabelScore] = {}
        for position, name in enumerate(BINARY_LABELS):
            score = float(label_scores[position])
            present = score >= float(self.thresholds[position])
            evidence: tuple[Span, ...] = ()
            if present and spans is not None and contributions is not None:
                column = len(ISSUES) + position
                evidence = _evidence(indices, contributions[:, column], spans)
            labels[name] = LabelScore(score=round(score, 4), present=present, evidence=evidence)
        return Prediction(
            issue=ISSUES[best],
            issue_confidence=round(float(issue_probabilities[best]), 4),
            labels=labels,
        )


def _issue_probabilities(logits: np.ndarray) -> np.ndarray:
    issue_logits = logits[:, : len(ISSUES)]
    shifted = np.exp(issue_logits - issue_logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _label_scores(logits: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-logits[:, len(ISSUES) :]))


def _evidence(
    indices: np.ndarray,
    contributions: np.ndarray,
    spans: FeatureSpans,
) -> tuple[Span, ...]:
    """The spans of the features that pushed this label up the most, merged and in order."""
    order = np.argsort(-contributions, kind="stable")[:EVIDENCE_FEATURES]
    chosen: set[tuple[int, int]] = set()
    for position in order:
        if contributions[position] <= 0:
            break
        chosen.update(spans.get(int(indices[position]), ()))
    merged: list[list[int]] = []
    for start, end in sorted(chosen):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(Span(start, end) for start, end in merged)


@functools.cache
def load_model(path: Path = WEIGHTS_PATH) -> TextModel:
    """The shipped model, read once per process."""
    return TextModel.from_file(path)
