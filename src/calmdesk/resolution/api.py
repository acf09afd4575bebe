"""Options, decisions and escalations in the REST API (issue 4; Unit 7 2.4, P3, P4; C4 2.7).

Every call checks role and authority on the server through `services`: a decision above
the caller's authority is a 403 that names who may agree it and where to escalate.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from calmdesk.api.auth import caller
from calmdesk.cases.access import get_case_by_reference_for
from calmdesk.cases.schemas import ErrorOut, ValidationErrorOut
from calmdesk.core.policy import Option
from calmdesk.policy.services import NoPolicy
from calmdesk.resolution import services
from calmdesk.resolution.models import Decision, Escalation

router = Router(tags=["resolution"])

READ_ERRORS: dict[int, type] = {
    400: ErrorOut,
    401: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}


class AboveAuthorityOut(Schema):
    detail: str
    approver: str | None
    escalate: str  # where to POST the same body to escalate instead


WRITE_ERRORS: dict[int, type] = {**READ_ERRORS, 403: ErrorOut, 409: ErrorOut}


class OptionOut(Schema):
    remedy: str
    label: str
    status: str  # allowed, needs_approval, not_possible
    amount: Decimal | None
    cost: Decimal
    score: float
    justification: str
    approver: str | None  # a role or an outside party, when it needs approval
    approver_words: str | None
    position: str | None  # what to tell the customer when it is not possible
    unmet: list[str]


class FactsOut(Schema):
    product_group: str | None
    purchase_date: date | None
    price: Decimal | None
    proof_of_purchase: bool
    fault_confirmed: bool
    stock_available: bool
    challenge_level: int | None
    risks: list[str]


class OptionsOut(Schema):
    case: str
    currency: str
    facts: FactsOut
    options: list[OptionOut]


class DecisionIn(Schema):
    remedy: str
    amount: Decimal | None = None
    note: str = ""


class DecisionOut(Schema):
    id: int
    case: str
    remedy: str
    amount: Decimal | None
    note: str
    decided_by: str
    decided_at: datetime
    escalation: int | None
    agreed_by_party: str

    @staticmethod
    def of(decision: Decision) -> DecisionOut:
        return DecisionOut(
            id=decision.pk,
            case=decision.case.reference,
            remedy=decision.remedy,
            amount=decision.amount,
            note=decision.note,
            decided_by=decision.decided_by.username,
            decided_at=decision.decided_at,
            escalation=decision.escalation_id,
            agreed_by_party=decision.agreed_by_party,
        )


class EscalationOut(Schema):
    id: int
    case: str
    reason: str
    remedy: str
    amount: Decimal | None
    raised_by: str | None
    to_role: str
    to_user: str | None
    to_party: str
    to_party_contact: str
    status: str
    outcome: str
    receiver: str | None
    decision_note: str
    handover: str
    raised_at: datetime
    closed_at: datetime | None
    decision: DecisionOut | None

    @staticmethod
    def of(escalation: Escalation) -> EscalationOut:
        decision = getattr(escalation, "decision", None)
        return EscalationOut(
            id=escalation.pk,
            case=escalation.case.reference,
            reason=escalation.reason,
            remedy=escalation.remedy,
            amount=escalation.amount,
            raised_by=escalation.raised_by.username if escalation.raised_by else None,
            to_role=escalation.to_role,
            to_user=escalation.to_user.username if escalation.to_user else None,
            to_party=escalation.to_party,
            to_party_contact=escalation.to_party_contact,
            status=escalation.status,
            outcome=escalation.outcome,
            receiver=escalation.receiver.username if escalation.receiver else None,
            decision_note=escalation.decision_note,
            handover=escalation.handover,
            raised_at=escalation.raised_at,
            closed_at=escalation.closed_at,
            decision=DecisionOut.of(decision) if decision else None,
        )


class EscalationIn(DecisionIn):
    to: str = Field(
        "", description="Username of one person to receive it; by default everyone in the role."
    )


class DecideIn(Schema):
    outcome: str  # agreed or refused
    remedy: str = ""
    amount: Decimal | None = None
    note: str = ""


class SendBackIn(Schema):
    note: str = ""


def _option_out(policy: object, option: Option) -> OptionOut:
    approver = option.approver.value if option.approver is not None else None
    return OptionOut(
        remedy=option.remedy.value,
        label=option.label,
        status=option.status.value,
        amount=option.amount,
        cost=option.cost,
        score=option.score,
        justification=option.justification,
        approver=approver,
        approver_words=services.approver_words(policy, option.approver) if approver else None,
        position=option.position,
        unmet=list(option.unmet),
    )


def _conflict(exc: Exception) -> HttpError:
    return HttpError(409, str(exc))


@router.get("/cases/{reference}/options", response={200: OptionsOut, 409: ErrorOut, **READ_ERRORS})
def case_options(request: HttpRequest, reference: str) -> OptionsOut:
    """Every way forward for the case as the caller may take it, best first (Unit 7 P4)."""
    user = caller(request)
    case = get_case_by_reference_for(user, reference)
    try:
        found = services.case_options(user, case)
    except NoPolicy as exc:
        raise _conflict(exc) from None
    facts = found.facts
    return OptionsOut(
        case=case.reference,
        currency=found.policy.currency,
        facts=FactsOut(
            product_group=facts.product_group,
            purchase_date=facts.purchase_date,
            price=facts.price,
            proof_of_purchase=facts.proof_of_purchase,
            fault_confirmed=facts.fault_confirmed,
            stock_available=facts.stock_available,
            challenge_level=facts.challenge_level,
            risks=list(facts.risks),
        ),
        options=[_option_out(found.policy, option) for option in found.options],
    )


@router.post(
    "/cases/{reference}/decisions",
    response={201: DecisionOut, 200: DecisionOut, **WRITE_ERRORS, 403: AboveAuthorityOut},
)
def record_decision(request: HttpRequest, reference: str, payload: DecisionIn) -> Status:
    """Record the way forward agreed; above your authority it is refused (403) with whom to
    escalate it to; the same decision sent again within two minutes is returned (200)."""
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    try:
        decision, created = services.record_decision(
            user, case, payload.remedy, payload.amount, payload.note
        )
    except services.AboveAuthority as exc:
        approver = exc.approver.value if exc.approver is not None else None
        return Status(
            403,
            AboveAuthorityOut(
                detail=str(exc),
                approver=approver,
                escalate=f"/api/cases/{case.reference}/escalations",
            ),
        )
    except services.BadInput as exc:
        raise HttpError(400, str(exc)) from None
    except (services.Refused, NoPolicy) as exc:
        raise _conflict(exc) from None
    return Status(201 if created else 200, DecisionOut.of(decision))


@router.post(
    "/cases/{reference}/escalations",
    response={201: EscalationOut, 200: EscalationOut, **WRITE_ERRORS},
)
def raise_escalation(request: HttpRequest, reference: str, payload: EscalationIn) -> Status:
    """Escalate a way forward above your authority, with a generated handover summary."""
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    try:
        escalation, created = services.escalate(
            user, case, payload.remedy, payload.amount, payload.note, to=payload.to
        )
    except services.BadInput as exc:
        raise HttpError(400, str(exc)) from None
    except (services.Refused, NoPolicy) as exc:
        raise _conflict(exc) from None
    return Status(201 if created else 200, EscalationOut.of(escalation))


@router.get("/escalations", response={200: list[EscalationOut], **READ_ERRORS})
def list_escalations(request: HttpRequest) -> list[EscalationOut]:
    """The open escalations you may act on (team leaders and managers), oldest first."""
    user = caller(request)
    rows = (
        services.escalations_for(user)
        .select_related("to_user", "decision__case", "decision__decided_by")
        .order_by("raised_at", "id")
    )
    return [EscalationOut.of(escalation) for escalation in rows[:500]]


def _escalation(request: HttpRequest, escalation_id: int) -> Escalation:
    try:
        return services.visible_escalation(caller(request), escalation_id)
    except Escalation.DoesNotExist:
        raise Http404("No such escalation.") from None


def _acting(request: HttpRequest, escalation_id: int, act: object) -> EscalationOut:
    escalation = _escalation(request, escalation_id)
    try:
        act(caller(request), escalation)  # type: ignore[operator]
    except services.BadInput as exc:
        raise HttpError(400, str(exc)) from None
    except (services.Refused, NoPolicy) as exc:
        raise _conflict(exc) from None
    escalation.refresh_from_db()
    return EscalationOut.of(escalation)


@router.get("/escalations/{escalation_id}", response={200: EscalationOut, **READ_ERRORS})
def get_escalation(request: HttpRequest, escalation_id: int) -> EscalationOut:
    return EscalationOut.of(_escalation(request, escalation_id))


@router.post("/escalations/{escalation_id}/accept", response={200: EscalationOut, **WRITE_ERRORS})
def accept(request: HttpRequest, escalation_id: int) -> EscalationOut:
    """Take the escalation on; someone else's already decided escalation is a 409."""
    return _acting(request, escalation_id, services.accept)


@router.post("/escalations/{escalation_id}/decide", response={200: EscalationOut, **WRITE_ERRORS})
def decide(request: HttpRequest, escalation_id: int, payload: DecideIn) -> EscalationOut:
    """Agree a remedy within YOUR authority (above it: 403), or refuse with a reason.
    A second decision on the same escalation is a 409 and changes nothing."""
    return _acting(
        request,
        escalation_id,
        lambda user, escalation: services.decide(
            user,
            escalation,
            payload.outcome,
            remedy=payload.remedy,
            amount=payload.amount,
            note=payload.note,
        ),
    )


@router.post(
    "/escalations/{escalation_id}/send-back", response={200: EscalationOut, **WRITE_ERRORS}
)
def send_back(request: HttpRequest, escalation_id: int, payload: SendBackIn) -> EscalationOut:
    """Return it to the raiser with a note saying what is missing."""
    return _acting(
        request,
        escalation_id,
        lambda user, escalation: services.send_back(user, escalation, payload.note),
    )
