"""The assessment engine (issue 3): `assess()` over the trained text model and cue rules.

Pure Python and numpy, no Django.
"""

from calmdesk.core.assessment.assess import (
    Assessment,
    AssessmentInputError,
    Indicator,
    assess,
    assess_batch,
    challenge_level,
    engine_version,
    trend_of,
)
from calmdesk.core.assessment.labels import BINARY_LABELS, EMOTIONS, INDICATORS, ISSUES, RISKS
from calmdesk.core.assessment.model import (
    LabelScore,
    ModelFileError,
    Prediction,
    Span,
    TextModel,
    load_model,
)
from calmdesk.core.assessment.needs import AccessNeed, ServiceNeeds

__all__ = [
    "BINARY_LABELS",
    "EMOTIONS",
    "INDICATORS",
    "ISSUES",
    "RISKS",
    "AccessNeed",
    "Assessment",
    "AssessmentInputError",
    "Indicator",
    "LabelScore",
    "ModelFileError",
    "Prediction",
    "ServiceNeeds",
    "Span",
    "TextModel",
    "assess",
    "assess_batch",
    "challenge_level",
    "engine_version",
    "load_model",
    "trend_of",
]
