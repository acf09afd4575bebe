"""The cases part of the REST API (Unit 7 2.1; C1 1.1: intake from any system).

Each endpoint fetches through `access.py`, calls one service and returns a schema; errors are
raised as domain exceptions and turned into HTTP statuses by `calmdesk.api.errors`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status
from ninja.errors import HttpError

from calmdesk.api.auth import caller
from calmdesk.cases import services
from calmdesk.cases.access import cases_visible_to, get_case_by_reference_for, get_case_for
from calmdesk.cases.models import Case, Message
from calmdesk.cases.queries import QueueFilters, filter_queue
from calmdesk.cases.schemas import (
    AssignIn,
    CaseIn,
    CaseListQuery,
    CaseOut,
    CasePageOut,
    CaseSummaryOut,
    ErrorOut,
    MessageIn,
    MessageOut,
    NoteIn,
    NoteOut,
    StatusIn,
    ValidationErrorOut,
)
from calmdesk.core.roles import NotAllowed
from calmdesk.people.models import Organisation, Team, User

router = Router(tags=["cases"])
_Row = TypeVar("_Row", Case, Message)

READ_ERRORS: dict[int, type] = {
    400: ErrorOut,
    401: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}
WRITE_ERRORS: dict[int, type] = {**READ_ERRORS, 403: ErrorOut, 409: ErrorOut, 413: ErrorOut}


@router.get("", response={200: CasePageOut, **READ_ERRORS}, summary="List cases")
def list_cases(request: HttpRequest, params: Query[CaseListQuery]) -> CasePageOut:
    """The cases you may see, filtered like the queue, newest activity first."""
    user = caller(request)
    filters = QueueFilters(
        status=params.status,
        channel=params.channel,
        team_id=params.team,
        assignee=params.assignee,
        q=params.q,
        sort=params.sort,
        min_challenge=params.min_challenge,
        indicator=params.indicator,
        risk=params.risk,
        issue=params.issue,
    )
    cases = filter_queue(cases_visible_to(user), filters, user)
    page = cases.select_related(
        "team", "assignee", "customer", "latest_assessment", "issue_assessment"
    )[params.offset : params.offset + params.limit]
    return CasePageOut(
        count=cases.count(),
        limit=params.limit,
        offset=params.offset,
        items=[CaseSummaryOut.of(case) for case in page],
    )


@router.post("", response={201: CaseOut, 200: CaseOut, **WRITE_ERRORS}, summary="Open a case")
def create_case(request: HttpRequest, payload: CaseIn) -> Status[CaseOut]:
    """Open a case with its first message; an `external_id` seen before returns that case (200)."""
    user = caller(request)
    created, case = _once(
        payload.external_id,
        find=lambda key: _case_with_external_id(user, key),
        write=lambda: _open_case(user, payload),
    )
    return Status(201 if created else 200, CaseOut.of(get_case_for(user, case.pk)))


@router.get("/{reference}", response={200: CaseOut, **READ_ERRORS}, summary="One case")
def get_case(request: HttpRequest, reference: str) -> CaseOut:
    """The case with its customer's stated needs, its messages and its internal notes."""
    return CaseOut.of(get_case_by_reference_for(caller(request), reference))


@router.post(
    "/{reference}/messages",
    response={201: MessageOut, 200: MessageOut, **WRITE_ERRORS},
    summary="Add a message",
)
def add_message(request: HttpRequest, reference: str, payload: MessageIn) -> Status[MessageOut]:
    """Record a message from or to the customer; an `external_id` seen before returns it (200)."""
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    created, message = _once(
        payload.external_id,
        find=lambda key: _message_with_external_id(case, key),
        write=lambda: services.record_message(
            user,
            case,
            channel=payload.channel,
            text=payload.text,
            direction=payload.direction,
            subject=payload.subject,
            sent_at=payload.sent_at,
            external_id=payload.external_id,
        ),
    )
    return Status(201 if created else 200, MessageOut.of(message))


@router.post(
    "/{reference}/notes", response={201: NoteOut, **WRITE_ERRORS}, summary="Add an internal note"
)
def add_note(request: HttpRequest, reference: str, payload: NoteIn) -> Status[NoteOut]:
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    return Status(201, NoteOut.of(services.add_note(user, case, payload.text)))


@router.post(
    "/{reference}/status", response={200: CaseSummaryOut, **WRITE_ERRORS}, summary="Change status"
)
def change_status(request: HttpRequest, reference: str, payload: StatusIn) -> CaseSummaryOut:
    """Move the case to a new status; a move the case's life does not allow is a 409."""
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    services.change_status(user, case, payload.status, reason=payload.reason)
    return CaseSummaryOut.of(get_case_for(user, case.pk))


@router.post(
    "/{reference}/assign", response={200: CaseSummaryOut, **WRITE_ERRORS}, summary="Assign"
)
def assign_case(request: HttpRequest, reference: str, payload: AssignIn) -> CaseSummaryOut:
    """Give the case to someone (by username), or unassign it with null. Agents may take a
    case and let go of their own; team leaders assign within the team, managers to anyone."""
    user = caller(request)
    case = get_case_by_reference_for(user, reference, write=True)
    assignee = _colleague(user, payload.assignee) if payload.assignee is not None else None
    services.assign_case(user, case, assignee)
    return CaseSummaryOut.of(get_case_for(user, case.pk))


def _open_case(user: User, payload: CaseIn) -> Case:
    organisation = _organisation_of(user)
    team = _team_in(organisation, payload.team) if payload.team is not None else None
    details = services.ContactDetails(
        name=payload.customer.name,
        email=payload.customer.email,
        phone=payload.customer.phone,
        social=payload.customer.handle,
    )
    # One transaction, so a refused case leaves no new customer or contact point behind.
    with transaction.atomic():
        customer = services.find_or_create_customer(organisation, details)
        return services.open_case(
            user,
            organisation,
            customer=customer,
            channel=payload.channel,
            text=payload.text,
            subject=payload.subject,
            team=team,
            sent_at=payload.sent_at,
            external_id=payload.external_id,
        )


def _organisation_of(user: User) -> Organisation:
    if user.organisation is None:
        raise NotAllowed("Your account belongs to no organisation, so it cannot open cases.")
    return user.organisation


def _team_in(organisation: Organisation, team_id: int) -> Team:
    team = organisation.teams.filter(pk=team_id).first()
    if team is None:
        raise HttpError(400, f"Your organisation has no team with id {team_id}.")
    return team


def _colleague(user: User, username: str) -> User:
    colleague = User.objects.filter(
        organisation_id=user.organisation_id, username=username.strip()
    ).first()
    if colleague is None:
        raise HttpError(400, f"Nobody called {username!r} works in your organisation.")
    return colleague


def _once(
    external_id: str, *, find: Callable[[str], _Row | None], write: Callable[[], _Row]
) -> tuple[bool, _Row]:
    """Write once per `external_id`: (True, new row), or (False, the row stored before).

    A retry finds the stored row first; two requests racing with the same id are settled by
    the unique constraint, and the loser answers as a retry would.
    """
    if external_id and (existing := find(external_id)) is not None:
        return False, existing
    try:
        return True, write()
    except IntegrityError:
        existing = find(external_id) if external_id else None
        if existing is None:
            raise
        return False, existing


def _case_with_external_id(user: User, external_id: str) -> Case | None:
    """The case that already holds a message with this id, if the caller may act on it."""
    case_id = (
        Message.objects.filter(organisation_id=user.organisation_id, external_id=external_id)
        .values_list("case_id", flat=True)
        .first()
    )
    if case_id is None:
        return None
    try:
        return get_case_for(user, case_id, write=True)
    except Http404:
        raise HttpError(
            409, f"external_id {external_id!r} is already used on a case you cannot see."
        ) from None


def _message_with_external_id(case: Case, external_id: str) -> Message | None:
    message = (
        Message.objects.filter(organisation_id=case.organisation_id, external_id=external_id)
        .select_related("author")
        .first()
    )
    if message is not None and message.case_id != case.pk:
        raise HttpError(409, f"external_id {external_id!r} is already used on another case.")
    return message
