"""The handover summary an escalation carries (Unit 7 P3, M1; C1 2.5; C4 2.7).

Written so the person receiving it can act without re-reading the case: who the customer is,
what happened, what they want, what has been tried, and the recommended way forward and why.
Pure Python: plain data in, plain text out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class HandoverFacts:
    reference: str
    customer_name: str
    stated_needs: Sequence[str] = ()
    subject: str = ""
    issue: str = ""  # the kind of situation, in words
    challenge: str = ""  # "2 of 3: challenging", or empty when not assessed
    signals: Sequence[str] = ()  # how the customer is and the risks, in words
    point_of_view: str | None = None
    key_facts: Sequence[str] = ()  # product, purchase date, price, proof, fault, stock
    wants: str = ""  # what the customer asks for, when known
    tried: Sequence[str] = ()  # decisions and escalations so far, one line each
    message_count: int = 0
    recommended: str = ""  # the option recommended, with its amount
    why: str = ""  # its justification
    reason: str = ""  # why this comes to the receiver
    note: str = ""  # the raiser's own words
    extra: Sequence[str] = field(default=())


def handover_summary(facts: HandoverFacts) -> str:
    """The handover text, in short labelled paragraphs.

    >>> text = handover_summary(HandoverFacts("CD-000001", "Priya Shah", message_count=2,
    ...     recommended="Refund to the original payment (GBP 80.00)", why="Meets most."))
    >>> text.splitlines()[0]
    'Handover for CD-000001'
    >>> "Recommended: Refund to the original payment (GBP 80.00). Why: Meets most." in text
    True
    """
    lines = [f"Handover for {facts.reference}"]
    if facts.reason:
        lines.append(f"Why it comes to you: {_sentence(facts.reason)}")
    who = facts.customer_name
    if facts.stated_needs:
        who += f" (stated needs: {'; '.join(facts.stated_needs)})"
    else:
        who += " (no stated needs recorded)"
    lines.append(f"Customer: {who}.")
    happened = []
    if facts.subject:
        happened.append(f"“{facts.subject}”")
    if facts.issue:
        happened.append(f"read as {facts.issue}")
    if facts.challenge:
        happened.append(f"challenge {facts.challenge}")
    if facts.signals:
        happened.append(", ".join(facts.signals))
    lines.append(
        "What happened: " + (_sentence("; ".join(happened)) if happened else "not assessed yet.")
    )
    if facts.point_of_view:
        lines.append(f"Their point of view: {_sentence(facts.point_of_view)}")
    if facts.key_facts:
        lines.append(f"Key facts: {_sentence('; '.join(facts.key_facts))}")
    lines.append(f"What they want: {_sentence(facts.wants or 'not stated yet')}")
    tried = list(facts.tried)
    tried.append(
        f"{facts.message_count} message{'s' if facts.message_count != 1 else ''} on the case"
    )
    lines.append(f"Tried so far: {_sentence('; '.join(tried))}")
    if facts.recommended:
        why = f" Why: {_sentence(facts.why)}" if facts.why else ""
        lines.append(f"Recommended: {_sentence(facts.recommended)}{why}")
    lines.extend(_sentence(line) for line in facts.extra)
    if facts.note:
        lines.append(f"Note from the raiser: {_sentence(facts.note)}")
    return "\n".join(lines)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else text + "."
