"""The reply checker run on a reply template before it is saved (issue 5, "Templates the
organisation can edit"; C4 2.4, 3.6; C1 3.8).

A template is a part of every draft built from it, so wording that provokes, sounds
aggressive or admits fault would reach every customer who gets that part. The placeholders are
first filled with neutral sample values (`SAMPLE_VALUES`), so the checker reads a sentence as
a customer would and never the braces; only the three finding types that must never go out in
the organisation's own wording are refused. The other types (a missing next step, no empathy,
jargon...) describe a whole reply, not one part of it, and are left to the reply box.

Pure Python, no Django.
"""

from __future__ import annotations

import string

from calmdesk.core.channels import Channel
from calmdesk.core.replies.checker import Finding, ReplyContext, check_reply
from calmdesk.core.replies.drafting import template_problems

# The finding types a template may not contain, in the order they are reported.
REFUSED_TYPES: tuple[str, ...] = ("provoking", "aggressive", "admits_fault")

TYPE_WORDS: dict[str, str] = {
    "provoking": "Provoking wording",
    "aggressive": "Aggressive wording",
    "admits_fault": "An admission of fault",
}

# Plain, calm values of the kind a draft puts in each placeholder: ordinary names, a
# mixed-case organisation (never capitals, which would read as shouting), an everyday issue.
SAMPLE_VALUES: dict[str, str] = {
    "customer_name": "Alex Morgan",
    "salutation": "Ms Morgan",
    "first_name": "Alex",
    "agent_name": "Sam Patel",
    "organisation": "Example Stores",
    "reference": "CD-000123",
    "issue": "your kettle",
    "product": "the kettle",
    "purchase_date": "12 March",
    "position": "We can repair it free of charge, because it is under guarantee",
    "next_update": "Friday at 5pm",
    "wants": "a replacement",
}
_FALLBACK = "the details"


def sample_text(template: str) -> str:
    """The template as a customer would read it, each placeholder filled with its sample value
    and `{{` / `}}` as single braces. The template must have no `template_problems`.

    >>> sample_text("Dear {customer_name}, about {{your}} {issue}.")
    'Dear Alex Morgan, about {your} your kettle.'
    """
    pieces = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        pieces.append(literal)
        if name is not None:
            pieces.append(SAMPLE_VALUES.get(name, _FALLBACK))
    return "".join(pieces)


def refused_findings(template: str, channel: str | None = None) -> tuple[str, list[Finding]]:
    """The filled sample text and the findings of a refused type in it, in reading order."""
    if not template.strip() or template_problems(template):
        return "", []
    filled = sample_text(template)
    if not filled.strip():
        return filled, []
    known_channel = channel if channel in {c.value for c in Channel} else None
    findings = check_reply(filled, ReplyContext.build(channel=known_channel, public=False))
    return filled, [finding for finding in findings if finding.type in REFUSED_TYPES]


def template_wording_problems(template: str, channel: str | None = None) -> list[str]:
    """Why the template's wording may not be saved: one sentence for each provoking,
    aggressive or fault-admitting phrase, naming the words and a better wording. An empty
    list when the wording is fine (or when the placeholders are broken: those problems are
    reported by `template_problems` first).

    >>> template_wording_problems("Dear {customer_name}, calm down.")[0].split(":")[0]
    'Provoking wording "calm down"'
    >>> template_wording_problems("Dear {customer_name},")
    []
    """
    filled, findings = refused_findings(template, channel)
    problems = []
    for finding in findings:
        words = filled[finding.start : finding.end]
        better = finding.suggestion.strip()
        better = better[:1].upper() + better[1:]  # it stands alone here, not in a sentence
        problems.append(
            f'{TYPE_WORDS[finding.type]} "{words}": {finding.message}'
            + (f' Better: "{better}".' if better else "")
        )
    return list(dict.fromkeys(problems))
