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
