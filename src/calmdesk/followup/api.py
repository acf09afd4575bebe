"""Follow-up in the REST API: actions, follow-ups, the satisfaction check, the promise to the
customer and the re-open watch (Unit 7 3.3, P7, D2; C4 2.9, 3.9; C1 1.4, 2.6)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import AwareDatetime

from calmdesk.api.auth import caller
from calmdesk.cases.access import get_case_by_reference_for
from calmdesk.cases.api import READ_ERRORS, WRITE_ERRORS
from calmdesk.cases.models import Case
from calmdesk.followup import services
from calmdesk.followup.models import ActionRequest, FollowUp, ReopenWatch, SatisfactionCheck
from calmdesk.people.models import User

router = Router(tags=["follow-up"])


class ActionOut(Schema):
    id: int
    case: str
    kind: str
    kind_label: str
    department: str
    owner: str = Field(description="The owner's username.")
    due_at: AwareDatetime
    status: str
    overdue: bool
    note: str
    outcome: str
    done_at: AwareDatetime | None

    @staticmethod
    def of(action: ActionRequest) -> ActionOut:
        return ActionOut(
            id=action.pk,
            case=action.case.reference,
            kind=action.kind,
            kind_label=action.get_kind_display(),
            department=action.department,
            owner=action.owner.username,
            due_at=action.due_at,
            status=action.status,
            overdue=action.is_overdue(),
            note=action.note,
            outcome=action.outcome,
            done_at=action.done_at,
        )


class FollowUpOut(Schema):
    id: int
    task: str
    due_at: AwareDatetime
    status: str
    outcome: str
    action: int | None

    @staticmethod
    def of(follow_up: FollowUp) -> FollowUpOut:
        return FollowUpOut(
            id=follow_up.pk,
            task=follow_up.task,
            due_at=follow_up.due_at,
            status=follow_up.status,
            outcome=follow_up.outcome,
            action=follow_up.action_id,
        )


class SatisfactionOut(Schema):
    rating: int
    comment: str
    recorded_at: AwareDatetime

    @staticmethod
    def of(check: SatisfactionCheck) -> SatisfactionOut:
        return SatisfactionOut(
            rating=check.rating, comment=check.comment, recorded_at=check.recorded_at
        )


class WatchOut(Schema):
    id: int
    customer: int
    case: str
    trigger: str
    reason: str
    created_at: AwareDatetime
    returned_at: AwareDatetime | None

    @staticmethod
    def of(watch: ReopenWatch) -> WatchOut:
        return WatchOut(
            id=watch.pk,
            customer=watch.customer_id,
            case=watch.case.reference,
            trigger=watch.trigger,
            reason=watch.reason,
            created_at=watch.created_at,
            returned_at=watch.returned_at,
        )


class FollowUpStateOut(Schema):
    next_contact_due: AwareDatetime | None = Field(
        description="When the customer must next hear from us; null when nothing is owed "
        "or no policy is installed."
    )
    next_contact_late: bool
    actions: list[ActionOut]
    follow_ups: list[FollowUpOut]
    satisfaction: list[SatisfactionOut]
    watch: WatchOut | None


class ActionIn(Schema):
    kind: Literal["repair", "service_visit", "call_back", "technical_support", "refund_payment"]
    owner: str = Field(description="The owner's username, in your organisation.")
    due_at: AwareDatetime
    department: str = Field("", max_length=60)
    note: str = Field("", max_length=500)


class OutcomeIn(Schema):
    outcome: str = Field("", max_length=500)


class CancelIn(Schema):
    reason: str = Field(min_length=1, max_length=500)


class SatisfactionIn(Schema):
    rating: int = Field(ge=1, le=5)
    comment: str = Field(min_length=1, max_length=1000)


class WatchIn(Schema):
    reason: str = Field(min_length=1, max_length=500)


class ActionListQuery(Schema):
    who: Literal["me", "team"] = "me"


def _state(case: Case) -> FollowUpStateOut:
    promise = services.promise_for(case)
    watch = services.active_watch_for(case)
    return FollowUpStateOut(
        next_contact_due=promise.due_at if promise else None,
        next_contact_late=bool(promise and promise.late),
        actions=[ActionOut.of(a) for a in case.action_requests.select_related("owner", "case")],
        follow_ups=[FollowUpOut.of(f) for f in case.follow_ups.all()],
        satisfaction=[SatisfactionOut.of(c) for c in case.satisfaction_checks.all()],
        watch=WatchOut.of(watch) if watch else None,
    )


@router.get("/actions", response={200: list[ActionOut], **READ_ERRORS}, summary="Open actions")
def list_actions(request: HttpRequest, params: Query[ActionListQuery]) -> list[ActionOut]:
    """Open actions you own (`who=me`) or on your team's cases (`who=team`), earliest due
    first, so the overdue ones lead."""
    return [ActionOut.of(a) for a in services.open_actions_for(caller(request), params.who)]


@router.get(
    "/cases/{reference}", response={200: FollowUpStateOut, **READ_ERRORS}, summary="Follow-up"
)
def case_state(request: HttpRequest, reference: str) -> FollowUpStateOut:
    """A case's actions, follow-ups, satisfaction checks, promise and re-open watch."""
    return _state(get_case_by_reference_for(caller(request), reference))


@router.post(
    "/cases/{reference}/actions",
    response={201: ActionOut, **WRITE_ERRORS},
    summary="Request an action",
)
def create_action(request: HttpRequest, reference: str, payload: ActionIn) -> Status[ActionOut]:
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    owner = User.objects.filter(
        organisation_id=user.organisation_id, username=payload.owner
    ).first()
    if owner is None:
        raise services.FollowUpError(f"No one called {payload.owner!r} in your organisation.")
    action = services.create_action(
        user,
        case,
        kind=payload.kind,
        owner=owner,
        due_at=payload.due_at,
        department=payload.department,
        note=payload.note,
    )
    return Status(201, ActionOut.of(action))


@router.post(
    "/actions/{action_id}/done",
    response={200: FollowUpOut, **WRITE_ERRORS},
    summary="Mark an action done",
)
def action_done(request: HttpRequest, action_id: int, payload: OutcomeIn) -> FollowUpOut:
    """Mark the action done; answers with the follow-up created for it. Done twice is a 409."""
    user = caller(request)
    return FollowUpOut.of(
        services.complete_action(
            user, services.action_for(user, action_id), outcome=payload.outcome
        )
    )


@router.post(
    "/actions/{action_id}/cancel",
    response={200: ActionOut, **WRITE_ERRORS},
    summary="Cancel an action",
)
def action_cancel(request: HttpRequest, action_id: int, payload: CancelIn) -> ActionOut:
    user = caller(request)
    return ActionOut.of(
        services.cancel_action(user, services.action_for(user, action_id), reason=payload.reason)
    )


@router.post(
    "/cases/{reference}/satisfaction",
    response={201: SatisfactionOut, **WRITE_ERRORS},
    summary="Record the satisfaction check",
)
def satisfaction(
    request: HttpRequest, reference: str, payload: SatisfactionIn
) -> Status[SatisfactionOut]:
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    check = services.record_satisfaction(user, case, rating=payload.rating, comment=payload.comment)
    return Status(201, SatisfactionOut.of(check))


@router.post(
    "/cases/{reference}/watch",
    response={201: WatchOut, **WRITE_ERRORS},
    summary="Put the customer on the re-open watch",
)
def watch(request: HttpRequest, reference: str, payload: WatchIn) -> Status[WatchOut]:
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    return Status(201, WatchOut.of(services.watch_customer(user, case, reason=payload.reason)))
