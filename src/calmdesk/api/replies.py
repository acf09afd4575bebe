"""`POST /api/replies/check`: the reply checker on demand (issue 5; C4 2.4, 3.6-3.7).

It computes only: nothing is stored. The caller's authority, for `above_authority`, is their
role's in the organisation's policy (when one is installed).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from calmdesk.api.auth import caller
from calmdesk.cases.schemas import ErrorOut
from calmdesk.core.channels import Channel
from calmdesk.core.replies.checker import (
    ReplyInputError,
    authority_from_policy,
    check_reply,
    remedy_terms_from_policy,
)
from calmdesk.core.replies.checker_eval import context_for
from calmdesk.core.roles import Role
from calmdesk.policy.services import policy_or_none

router = Router(tags=["replies"])

MAX_REPLY_CHARACTERS = 20_000


class CheckIn(Schema):
    reply: str = Field(description="The agent's reply, as it would be sent.")
    customer_text: str = Field(
        "", description="The customer's message it answers: their feelings and terminology."
    )
    channel: Literal[tuple(c.value for c in Channel)] | None = None  # type: ignore[valid-type]
    public: bool | None = Field(
        None, description="A public post; left out, true for social_media (as check-reply)."
    )
    order_value: Decimal | None = Field(
        None,
        ge=0,
        max_digits=12,
        decimal_places=2,
        description="What the customer paid: a promise of all of it ('I'll refund you in "
        "full') is then checked against your limit.",
    )


class FindingOut(Schema):
    type: str
    start: int
    end: int
    message: str
    suggestion: str
    criterion: str
    replace_start: int = Field(
        description="Where the characters the suggestion goes in place of start: the span, or "
        "the clause or sentence it stands for."
    )
    replace_end: int = Field(description="Where those characters end.")


class CheckOut(Schema):
    findings: list[FindingOut]


@router.post(
    "/check",
    response={200: CheckOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
    summary="Check a reply before it is sent",
)
def check(request: HttpRequest, payload: CheckIn) -> dict[str, object]:
    """Findings (provoking, admits_fault, quotes_policy, passive, aggressive, jargon,
    no_next_step, no_empathy, public_personal_data, above_authority), each with its span,
    why it matters and a better wording."""
    user = caller(request)
    if not payload.reply.strip():
        raise HttpError(400, "The reply is empty: there is nothing to check.")
    if len(payload.reply) > MAX_REPLY_CHARACTERS:
        raise HttpError(400, f"The reply is over {MAX_REPLY_CHARACTERS:,} characters.")
    context = context_for(payload.customer_text or None, payload.channel, payload.public)
    context = replace(context, order_value=payload.order_value)
    policy = policy_or_none(user.organisation_id) if user.organisation_id else None
    if policy is not None and user.role in {r.value for r in Role}:
        context = replace(
            context,
            authority=authority_from_policy(policy, user.role),
            remedy_terms=remedy_terms_from_policy(policy),
            currency=policy.currency,
        )
    try:
        findings = check_reply(payload.reply, context)
    except ReplyInputError as exc:
        raise HttpError(400, str(exc)) from None
    return {"findings": [finding.as_dict() for finding in findings]}
