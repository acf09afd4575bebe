"""Tolerance and safety in the REST API (C4 1.6, 2.10, 3.8, 3.10).

Roles are checked by the services on the server; these endpoints only parse and shape.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AwareDatetime, Field

from calmdesk.api.auth import caller
from calmdesk.cases.access import cases_visible_to, get_case_by_reference_for
from calmdesk.cases.schemas import ErrorOut, ValidationErrorOut
from calmdesk.core.channels import Channel
from calmdesk.core.policy.schema import Behaviour, ToleranceStep
from calmdesk.core.roles import NotAllowed
from calmdesk.core.tolerance import STEP_LABELS, may_decide
from calmdesk.people.models import User
from calmdesk.protection import services
from calmdesk.protection.models import (
    ContactRestriction,
    IncidentStep,
    SafetyIncident,
    ToleranceStepTaken,
)

router = Router(tags=["tolerance and safety"])

READ_ERRORS: dict[int, type] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type] = {
    **READ_ERRORS,
    400: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}


class StepNowOut(Schema):
    step: ToleranceStep
    label: str
    behaviour: Behaviour
    decided_by: str
    guidance: str
    review_days: int | None
    you_may_record: bool


class StepTakenOut(Schema):
    number: int
    step: ToleranceStep
    label: str
    behaviour: Behaviour
    case: str
    decided_by: str
    by: str
    note: str
    at: AwareDatetime

    @staticmethod
    def of(taken: ToleranceStepTaken) -> StepTakenOut:
        return StepTakenOut(
            number=taken.number,
            step=ToleranceStep(taken.step),
            label=STEP_LABELS[ToleranceStep(taken.step)],
            behaviour=Behaviour(taken.behaviour),
            case=taken.case.reference,
            decided_by=taken.decided_by,
            by=taken.actor.username,
            note=taken.note,
            at=taken.at,
        )


class RestrictionOut(Schema):
    id: int
    kind: str
    terms: str
    channel: str | None
    contact_person: str | None
    reason: str
    review_on: date
    decided_by: str
    decided_at: AwareDatetime

    @staticmethod
    def of(restriction: ContactRestriction | None) -> RestrictionOut | None:
        if restriction is None:
            return None
        return RestrictionOut(
            id=restriction.pk,
            kind=restriction.kind,
            terms=restriction.terms(),
            channel=restriction.channel or None,
            contact_person=restriction.contact_person.username
            if restriction.contact_person
            else None,
            reason=restriction.reason,
            review_on=restriction.review_on,
            decided_by=restriction.decided_by.username,
            decided_at=restriction.decided_at,
        )


class ToleranceOut(Schema):
    policy_installed: bool
    behaviours_found: list[Behaviour] = Field(
        description="Behaviours the newest assessed customer message shows."
    )
    earlier_steps: int = Field(description="Tolerance steps recorded for this customer so far.")
    step_now: StepNowOut | None = Field(
        description="The step that applies now; null when none of the policy applies."
    )
    history: list[StepTakenOut]
    restriction: RestrictionOut | None


class StepIn(Schema):
    step: ToleranceStep
    behaviour: Behaviour
    note: str = Field("", max_length=2000)
    earlier_steps: int | None = Field(
        None,
        ge=0,
        description="The record you saw; if it has changed since, nothing is recorded (409).",
    )
    reason: str = Field("", max_length=2000, description="Needed to restrict or close.")
    channel: Channel | None = None
    contact_person: str | None = Field(None, description="Username of the named contact.")
    review_on: date | None = Field(None, description="Default: review_days from the policy.")


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class IncidentIn(Schema):
    description: str = Field(..., min_length=1, max_length=4000)


class IncidentStepOut(Schema):
    position: int
    text: str
    done_by: str | None
    done_at: AwareDatetime | None


class IncidentOut(Schema):
    id: int
    case: str
    customer: str
    source: str
    description: str
    status: str
    raised_by: str | None
    raised_at: AwareDatetime
    alerted: list[str]
    steps: list[IncidentStepOut]
    closed_by: str | None
    closed_at: AwareDatetime | None
    close_note: str

    @staticmethod
    def of(incident: SafetyIncident) -> IncidentOut:
        return IncidentOut(
            id=incident.pk,
            case=incident.case.reference,
            customer=incident.customer.name,
            source=incident.source,
            description=incident.description,
            status=incident.status,
            raised_by=incident.raised_by.username if incident.raised_by else None,
            raised_at=incident.raised_at,
            alerted=list(incident.alerted),
            steps=[
                IncidentStepOut(
                    position=step.position,
                    text=step.text,
                    done_by=step.done_by.username if step.done_by else None,
                    done_at=step.done_at,
                )
                for step in incident.steps.all()
            ],
            closed_by=incident.closed_by.username if incident.closed_by else None,
            closed_at=incident.closed_at,
            close_note=incident.close_note,
        )


def _run(act: Any) -> Any:
    """Call a service; its refusals become 400 (input) or 409 (someone acted first).
    NotAllowed (403) and Http404 are turned into responses by the API's own handlers."""
    try:
        return act()
    except services.ProtectionError as exc:
        raise HttpError(400, str(exc)) from None
    except services.Conflict as exc:
        raise HttpError(409, str(exc)) from None


def _tolerance_out(user: User, reference: str) -> ToleranceOut:
    case = get_case_by_reference_for(user, reference)
    state = services.tolerance_state(case)
    now = state.now
    return ToleranceOut(
        policy_installed=not state.no_policy,
        behaviours_found=state.behaviours,
        earlier_steps=state.earlier_steps,
        step_now=StepNowOut(
            step=now.step,
            label=now.label,
            behaviour=now.behaviour,
            decided_by=now.rule.decided_by.value,
            guidance=now.rule.guidance,
            review_days=now.rule.review_days,
            you_may_record=user.can_write_cases and may_decide(user.role, now.rule.decided_by),
        )
        if now
        else None,
        history=[StepTakenOut.of(taken) for taken in state.history],
        restriction=RestrictionOut.of(state.restriction),
    )


@router.get(
    "/cases/{reference}/tolerance",
    response={200: ToleranceOut, **READ_ERRORS},
    summary="Tolerance step that applies now",
)
def get_tolerance(request: HttpRequest, reference: str) -> ToleranceOut:
    """The behaviours found, the step that applies now given the customer's record, the
    record itself and any restriction in force (C4 1.6, 3.8)."""
    return _tolerance_out(caller(request), reference)


@router.post(
    "/cases/{reference}/tolerance",
    response={201: StepTakenOut, **WRITE_ERRORS},
    summary="Record a tolerance step",
)
def post_tolerance(request: HttpRequest, reference: str, payload: StepIn) -> Status[StepTakenOut]:
    """Record the step that applies now (a manager may choose any step of the policy). A step
    the policy leaves to a manager is 403 for anyone else; a step that does not apply now, or
    a record that changed since `earlier_steps`, is 409."""
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    person = None
    if payload.contact_person:
        person = User.objects.filter(
            organisation_id=user.organisation_id, username=payload.contact_person
        ).first()
        if person is None:
            raise HttpError(400, f"No member of staff is called {payload.contact_person!r}.")
    taken = _run(
        lambda: services.record_step(
            user,
            case,
            step=payload.step,
            behaviour=payload.behaviour,
            note=payload.note,
            earlier_steps=payload.earlier_steps,
            channel=payload.channel or "",
            contact_person=person,
            reason=payload.reason,
            review_on=payload.review_on,
        )
    )
    return Status(201, StepTakenOut.of(taken))


@router.post(
    "/restrictions/{restriction_id}/lift",
    response={200: ToleranceOut, **WRITE_ERRORS},
    summary="Lift a restriction",
)
def lift(request: HttpRequest, restriction_id: int, payload: ReasonIn) -> ToleranceOut:
    """Reverse a restriction or closure: managers only, with a reason (C4 3.8). Answers with
    the tolerance state of the case where it was decided."""
    user = caller(request)
    restriction = (
        ContactRestriction.objects.filter(pk=restriction_id, organisation_id=user.organisation_id)
        .select_related("step_taken__case")
        .first()
    )
    if restriction is None:
        raise Http404("No such restriction.")
    _run(lambda: services.lift_restriction(user, restriction, payload.reason))
    return _tolerance_out(user, restriction.step_taken.case.reference)


@router.post(
    "/cases/{reference}/incidents",
    response={201: IncidentOut, **WRITE_ERRORS},
    summary="Raise a safety incident",
)
def post_incident(request: HttpRequest, reference: str, payload: IncidentIn) -> Status[IncidentOut]:
    """Raise a safety incident by hand; the people the policy names are alerted (C4 2.10)."""
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    incident = _run(lambda: services.raise_incident(user, case, payload.description))
    return Status(201, IncidentOut.of(incident))


def _incidents(user: User) -> Any:
    return services.incidents_visible_to(user).select_related(
        "case", "customer", "raised_by", "closed_by"
    )


@router.get("/incidents", response={200: list[IncidentOut], **READ_ERRORS}, summary="Incident log")
def list_incidents(request: HttpRequest, status: str = "") -> list[IncidentOut]:
    """The safety incident log, newest first: managers only (C4 3.10)."""
    user = caller(request)
    if user.role != "manager":
        raise NotAllowed("The incident log is for managers.")
    incidents = _incidents(user).prefetch_related("steps__done_by")
    if status:
        incidents = incidents.filter(status=status)
    return [IncidentOut.of(incident) for incident in incidents[:500]]


@router.get(
    "/incidents/{incident_id}", response={200: IncidentOut, **READ_ERRORS}, summary="One incident"
)
def get_incident(request: HttpRequest, incident_id: int) -> IncidentOut:
    incident = _incidents(caller(request)).filter(pk=incident_id).first()
    if incident is None:
        raise Http404("No such incident.")
    return IncidentOut.of(incident)


@router.post(
    "/incidents/{incident_id}/steps/{position}",
    response={200: IncidentOut, **WRITE_ERRORS},
    summary="Tick a safety step",
)
def tick(request: HttpRequest, incident_id: int, position: int) -> IncidentOut:
    """Record one safety step done, by whom and when: anyone who may work on the case."""
    user = caller(request)
    step = (
        IncidentStep.objects.filter(
            incident_id=incident_id,
            position=position,
            incident__organisation_id=user.organisation_id,
        )
        .select_related("incident__case")
        .first()
    )
    if step is None or (
        user.role != "manager"
        and not cases_visible_to(user).filter(pk=step.incident.case_id).exists()
    ):
        raise Http404("No such incident step.")
    _run(lambda: services.tick_step(user, step))
    return IncidentOut.of(SafetyIncident.objects.get(pk=incident_id))


@router.post(
    "/incidents/{incident_id}/close",
    response={200: IncidentOut, **WRITE_ERRORS},
    summary="Close an incident",
)
def close(request: HttpRequest, incident_id: int, payload: ReasonIn) -> IncidentOut:
    """Close an incident with a note of what was done: managers only."""
    user = caller(request)
    incident = _incidents(user).filter(pk=incident_id).first()
    if incident is None:
        if user.role != "manager":
            raise NotAllowed("Only a manager can close a safety incident.")
        raise Http404("No such incident.")
    _run(lambda: services.close_incident(user, incident, payload.reason))
    return IncidentOut.of(SafetyIncident.objects.get(pk=incident_id))
