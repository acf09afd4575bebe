"""Replies (issue 5): the reply checker and, beside it, gathering and drafting.

Pure Python, no Django. Each helper's module keeps its own names; this file only imports them.
"""

from calmdesk.core.replies.checker import (
    CRITERIA,
    FINDING_TYPES,
    MISSING_PART_TYPES,
    Finding,
    RemedyAuthority,
    ReplyContext,
    ReplyInputError,
    apply_suggestion,
    check_reply,
)
from calmdesk.core.replies.drafting import Draft, DraftPart, draft_reply, template_problems
from calmdesk.core.replies.gathering import (
    AgreedAction,
    DraftContext,
    KnownFacts,
    Question,
    TemplateText,
    repeat_back,
    suggest_questions,
)

__all__ = [
    "CRITERIA",
    "FINDING_TYPES",
    "MISSING_PART_TYPES",
    "Finding",
    "RemedyAuthority",
    "ReplyContext",
    "ReplyInputError",
    "apply_suggestion",
    "check_reply",
]
__all__ += [  # gathering and drafting
    "AgreedAction",
    "Draft",
    "DraftContext",
    "DraftPart",
    "KnownFacts",
    "Question",
    "TemplateText",
    "draft_reply",
    "repeat_back",
    "suggest_questions",
    "template_problems",
]
