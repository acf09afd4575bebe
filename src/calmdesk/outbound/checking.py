"""The reply checker applied to a case: what calmdesk knows about the customer, the channel
and the agent's authority, given to `calmdesk.core.replies.checker` (C4 2.4, 3.6-3.7;
C1 3.4, 3.8).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calmdesk.cases.models import Case, Customer
from calmdesk.core.channels import Channel
from calmdesk.core.replies.checker import (
    FINDING_TYPES,
    UPSET_INDICATORS,
    Finding,
    RemedyAuthority,
    ReplyContext,
    ReplyInputError,
    apply_suggestion,
    check_reply,
)
from calmdesk.core.replies.checker_eval import FEELING_MIN_SCORE
from calmdesk.core.roles import Role
from calmdesk.core.sending import BLOCKING_FINDINGS, MAX_REPLY_CHARS
from calmdesk.people.models import User
from calmdesk.policy.services import policy_or_none
from calmdesk.resolution.services import fact_sheet, limits_for

# How the reply box names each finding type.
TYPE_LABELS: dict[str, str] = {
    "provoking": "Provoking words",
    "admits_fault": "Admits fault",
    "quotes_policy": "Quotes a rule without the reason",
    "passive": "Passive wording",
    "aggressive": "Aggressive wording",
    "jargon": "Jargon or a long sentence",
    "no_next_step": "No next step",
    "no_empathy": "No empathy",
    "public_personal_data": "Personal data in public",
    "above_authority": "Above your authority",
}
assert set(TYPE_LABELS) == set(FINDING_TYPES), "every finding type needs a label"


@dataclass(frozen=True)
class ShownFinding:
    """One finding as the reply box shows it, with the words it is about."""

    index: int
    finding: Finding
    words: str

    @property
    def label(self) -> str:
        return TYPE_LABELS.get(self.finding.type, self.finding.type)

    @property
    def better(self) -> str:
        """The better wording as the box quotes it: without the spaces that join it to the
        text around it when it is put in (" I'll … by [day and time].")."""
        return " ".join(self.finding.suggestion.split())

    @property
    def blocks(self) -> bool:
        """Whether this finding stops the reply from being sent (not just advice)."""
        return self.finding.type in BLOCKING_FINDINGS

    @property
    def replaces(self) -> bool:
        """Whether "Use better wording" applies: there is a wording to put in."""
        return bool(self.finding.suggestion)

    @property
    def dom_id(self) -> str:
        """The button's id: the same finding keeps it across checks, so HTMX gives the focus
        back to it when the findings are drawn again."""
        return f"reply-better-{self.finding.type}-{self.finding.start}-{self.finding.end}"

    @property
    def key(self) -> str:
        """What the "Use better wording" button sends back: the finding's type and span."""
        return f"{self.finding.type}:{self.finding.start}:{self.finding.end}"


def reply_context(user: User, case: Case, channel: Channel, public: bool) -> ReplyContext:
    """The checker's view of this case for this user.

    The customer's indicators come from the newest assessment of what they wrote; whether
    they are a specialist from the terminology they stated, else from that assessment (None
    when neither says: jargon is then not checked). The authority is the user's own limits
    over their role's in the installed policy; without a policy it is unknown and
    above_authority is not checked. The price recorded in the case facts lets "I'll refund
    you in full" be checked against the limit. Fault is never taken as established here: empathy
    without admitting fault (C4 2.4).
    """
    assessment = case.latest_assessment
    indicators: tuple[str, ...] = ()
    specialist: bool | None = None
    customer_text: str | None = None
    if assessment is not None:
        # The same reading of the customer's feelings as the checker was measured with
        # (checker_eval.context_for): a feeling counts at a model score of 0.5 or more.
        indicators = tuple(
            item["name"]
            for item in assessment.result.get("indicators", [])
            if item["name"] not in UPSET_INDICATORS or item.get("score", 0.0) >= FEELING_MIN_SCORE
        )
        customer_text = assessment.message.text
        terminology = (assessment.result.get("needs") or {}).get("terminology")
        if terminology in {"specialist", "plain"}:
            specialist = terminology == "specialist"
    stated = case.customer.terminology
    if stated != Customer.Terminology.UNKNOWN:
        specialist = stated == Customer.Terminology.SPECIALIST
    authority: dict[str, RemedyAuthority] | None = None
    remedy_terms: dict[str, tuple[str, ...]] = {}
    currency: str | None = None
    order_value: Decimal | None = None
    policy = policy_or_none(case.organisation_id)
    if policy is not None:
        own = limits_for(user)
        role_rules = policy.authority.get(Role(user.role), {})
        authority = {}
        for remedy, rule in policy.remedies.items():
            held = own.get(remedy) or role_rules.get(remedy)
            authority[remedy.value] = (
                RemedyAuthority(allowed=held.allowed, max_amount=held.max_amount)
                if held is not None
                else RemedyAuthority(allowed=False)
            )
            remedy_terms[remedy.value] = (rule.label,)
        currency = policy.currency
        # Read only when there is an authority to check it against (every keystroke asks).
        order_value = fact_sheet(case).price
    return ReplyContext(
        indicators=indicators,
        customer_text=customer_text,
        order_value=order_value,
        customer_is_specialist=specialist,
        channel=channel.value,
        public=public and channel is Channel.SOCIAL_MEDIA,
        authority=authority,
        remedy_terms=remedy_terms,
        currency=currency,
    )


def findings_for(
    user: User, case: Case, text: str, channel: Channel, public: bool
) -> list[ShownFinding]:
    """The checker's findings on the reply as typed (none for an empty or overlong text,
    which the form refuses with its own message)."""
    if not text.strip() or len(text) > MAX_REPLY_CHARS:
        return []
    try:
        found = check_reply(text, reply_context(user, case, channel, public))
    except ReplyInputError:
        return []
    return [
        ShownFinding(index, finding, text[finding.start : finding.end])
        for index, finding in enumerate(found)
    ]


def apply_better_wording(
    user: User, case: Case, text: str, channel: Channel, public: bool, key: str
) -> str | None:
    """The text with the finding named by `key` replaced by its better wording, or None when
    that finding is no longer there (the text changed meanwhile) or has no wording to use.

    The checker runs again on the server, so the wording used is always its own.
    """
    for shown in findings_for(user, case, text, channel, public):
        if shown.key == key and shown.finding.suggestion:
            return apply_suggestion(text, shown.finding)
    return None
