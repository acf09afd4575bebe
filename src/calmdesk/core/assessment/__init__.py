"""The assessment engine's trained text model (issue 3). Pure Python and numpy, no Django."""

from calmdesk.core.assessment.labels import BINARY_LABELS, EMOTIONS, INDICATORS, ISSUES, RISKS
from calmdesk.core.assessment.model import (
    LabelScore,
    ModelFileError,
    Prediction,
    Span,
    TextModel,
    load_model,
)

__all__ = [
    "BINARY_LABELS",
    "EMOTIONS",
    "INDICATORS",
    "ISSUES",
    "RISKS",
    "LabelScore",
    "ModelFileError",
    "Prediction",
    "Span",
    "TextModel",
    "load_model",
]
