"""What the reply checker finds in a reply, in the forms the checker's tests compare."""

from __future__ import annotations

from calmdesk.core.replies import ReplyContext, check_reply


def kinds(reply: str, context: ReplyContext | None = None) -> list[str]:
    """The types of the findings, in order."""
    return [finding.type for finding in check_reply(reply, context)]


def spans(reply: str, kind: str, context: ReplyContext | None = None) -> list[str]:
    """The words of each finding of one type."""
    return [reply[f.start : f.end] for f in check_reply(reply, context) if f.type == kind]
