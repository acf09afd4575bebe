"""`POST /api/assess`: what the assessment engine reads in a text (Unit 7 P1; C4 1.3-1.5).

It computes only: nothing is stored and no case is read, so any signed-in member of staff
may call it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from calmdesk.cases.schemas import AssessmentOut, ErrorOut
from calmdesk.core.assessment import assess
from calmdesk.core.channels import Channel

router = Router(tags=["assessment"])


# Bounds on `known_names`: enough for a customer and a team, a bounded cost per request.
MAX_KNOWN_NAMES = 50
MAX_NAME_LENGTH = 100


class AssessIn(Schema):
    text: str = Field(description="What the customer wrote or said; HTML is reduced to text.")
    channel: Literal[tuple(c.value for c in Channel)] | None = None  # type: ignore[valid-type]
    known_names: list[Annotated[str, Field(max_length=MAX_NAME_LENGTH)]] = Field(
        default_factory=list,
        max_length=MAX_KNOWN_NAMES,
        description=(
            "Names the text may mention (the customer's, the agents'), e.g. [\"Nadia Hussain\"]:"
            " the model does not read them, so they change no score. At most"
            f" {MAX_KNOWN_NAMES}, each at most {MAX_NAME_LENGTH} characters."
        ),
    )


@router.post(
    "",
    response={200: AssessmentOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
    summary="Assess a customer's text",
)
def assess_text(request: HttpRequest, payload: AssessIn) -> dict[str, object]:
    """The issue, the customer's state with the words that show it, risks, service needs,
    the customer's point of view and a challenge level from 0 to 3."""
    return assess(payload.text, channel=payload.channel, known_names=payload.known_names).as_dict()
