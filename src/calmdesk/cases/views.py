"""The case desk's web pages: the queue, a case, and the small forms that act on a case.

Each view parses, fetches through `access.py`, calls one service and renders. An HTMX request
gets the region it asked for from the same view; everything also works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from calmdesk.cases import services
from calmdesk.cases.access import assignable_users_for, cases_visible_to, get_case_for
from calmdesk.cases.forms import (
    AssignForm,
    AttachmentForm,
    MessageForm,
    NeedsForm,
    NewCaseForm,
    NoteForm,
    QueueFilterForm,
    StatusForm,
)
from calmdesk.cases.models import Case
from calmdesk.cases.panels import panels_for
from calmdesk.cases.queries import BadFilter, filter_queue, search_limit
from calmdesk.cases.refusals import refused
from calmdesk.cases.situation import situation_card, timeline_entries
from calmdesk.core.intake import IntakeError
from calmdesk.core.lifecycle import TransitionNotAllowed
from calmdesk.core.roles import CaseScope, NotAllowed, rights_for
from calmdesk.people.models import Team, User

# Browsers show these in an <img>; anything else is downloaded, never rendered by us.
INLINE_IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


def _htmx_target(request: HttpRequest) -> str | None:
    htmx = getattr(request, "htmx", None)
    if not htmx or htmx.history_restore_request:
        return None
    return htmx.target


def _render(
    request: HttpRequest,
    page: str,
    partial: str,
    region: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """The whole page, or only `region` when HTMX asked to refresh that region."""
    as_partial = _htmx_target(request) == region
    context["as_partial"] = as_partial
    response = render(request, partial if as_partial else page, context, status=status)
    # The same URL answers with a page or a fragment; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


# The queue


def _queue_choices(user: User) -> tuple[QuerySet[Team], QuerySet[User]]:
    """The teams and people the filter bar offers: only those whose cases the user sees."""
    if user.organisation_id is None:
        return Team.objects.none(), User.objects.none()
    staff = (
        User.objects.filter(organisation_id=user.organisation_id, is_active=True)
        .exclude(role=User.RoleChoices.TRAINER)
        .order_by("first_name", "username")
    )
    if rights_for(user.role).scope is CaseScope.ORGANISATION:
        return Team.objects.filter(organisation_id=user.organisation_id), staff
    return Team.objects.none(), staff.filter(team_id=user.team_id)


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    teams, people = _queue_choices(request.user)
    form = QueueFilterForm(request.GET, teams=teams, people=people)
    error, searching = "", False
    try:
        filters = form.filters()
        searching = bool(filters.q.strip())
        cases = filter_queue(cases_visible_to(request.user), filters, request.user)
    except BadFilter as exc:
        cases, error = Case.objects.none(), str(exc)
    rows = cases.select_related(
        "customer", "team", "assignee", "latest_assessment", "issue_assessment"
    )
    page = Paginator(rows, settings.CALMDESK_QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "error": error,
        "show_team": teams.exists(),
        # A search keeps each way of matching to its most recent matches; say so when it did.
        "search_limited": searching and page.paginator.count >= search_limit(),
    }
    return _render(
        request,
        "cases/queue.html",
        "cases/partials/queue_results.html",
        "queue-results",
        context,
        status=400 if error else 200,
    )


# One case


def _case_page(
    request: HttpRequest,
    case: Case,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_write = rights_for(user.role).can_write
    context: dict[str, Any] = {
        "case": case,
        "customer": case.customer,
        "contacts": case.customer.contacts.order_by("kind", "value"),
        "situation": situation_card(
            case.latest_assessment, case.issue_assessment, case.viewpoint_assessment
        ),
        "panels": panels_for(request, case, can_write),
        "timeline": timeline_entries(case.messages.select_related("author", "assessment")),
        "notes": case.notes.select_related("author"),
        "attachments": case.attachments.select_related("uploaded_by"),
        "history": case.audit_entries.select_related("actor"),
        "can_write": can_write,
        "inline_image_types": INLINE_IMAGE_TYPES,
    }
    if can_write:
        context |= {
            "message_form": MessageForm(),
            "note_form": NoteForm(),
            "upload_form": AttachmentForm(),
            "assign_form": AssignForm(
                people=assignable_users_for(user, case), current=case.assignee
            ),
            "status_form": StatusForm(current=case.status),
            "needs_form": NeedsForm.for_customer(case.customer),
        }
        context |= bound or {}
    return _render(
        request,
        "cases/case_detail.html",
        "cases/partials/case_body.html",
        "case",
        context,
        status=status,
    )


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_page(request, get_case_for(request.user, case_id))


def _act_on_case(
    request: HttpRequest,
    case_id: int,
    name: str,
    make_form: Callable[[Case], forms.Form],
    act: Callable[[Case, forms.Form], object],
    done: str,
    *,
    intake_field: str | None = None,
) -> HttpResponse:
    """Run one form of the case page: check, call the service, answer.

    A refusal is shown on the form that caused it and changes nothing: 400 for input the
    service will not keep, 403 for an action the user may not take.
    """
    try:
        case = get_case_for(request.user, case_id, write=True)
    except NotAllowed as exc:
        return refused(request, str(exc))
    form = make_form(case)
    status = 400
    if form.is_valid():
        try:
            result = act(case, form)
        except IntakeError as exc:
            form.add_error(intake_field, str(exc))
        except TransitionNotAllowed as exc:
            form.add_error(None, str(exc))
        except NotAllowed as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            # A message past the re-open window lands on a new case linked to this one: go
            # where it was recorded.
            landed = getattr(result, "case_id", case.pk)
            if landed != case.pk:
                done = f"{done[:-1]} on a new case, linked to {case.reference}."
            messages.success(request, done)
            if _htmx_target(request) != "case" or landed != case.pk:
                return redirect(reverse("cases:detail", args=[landed]))
            return _case_page(request, get_case_for(request.user, case.pk))
    return _case_page(request, case, {name: form}, status=status)


@login_required
@require_POST
def add_message(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, form: forms.Form) -> object:
        return services.record_message(request.user, case, **form.cleaned_data)

    return _act_on_case(
        request,
        case_id,
        "message_form",
        lambda case: MessageForm(request.POST),
        act,
        "Message recorded.",
        intake_field="text",
    )


@login_required
@require_POST
def add_note(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, form: forms.Form) -> object:
        return services.add_note(request.user, case, form.cleaned_data["text"])

    return _act_on_case(
        request,
        case_id,
        "note_form",
        lambda case: NoteForm(request.POST),
        act,
        "Note added.",
        intake_field="text",
    )


@login_required
@require_POST
def add_attachment(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, form: forms.Form) -> object:
        upload = form.cleaned_data["file"]
        return services.add_attachment(request.user, case, upload.name, upload.read())

    return _act_on_case(
        request,
        case_id,
        "upload_form",
        lambda case: AttachmentForm(request.POST, request.FILES),
        act,
        "File attached.",
        intake_field="file",
    )


@login_required
@require_POST
def assign(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, form: forms.Form) -> object:
        return services.assign_case(request.user, case, form.cleaned_data["assignee"])

    return _act_on_case(
        request,
        case_id,
        "assign_form",
        lambda case: AssignForm(
            request.POST, people=assignable_users_for(request.user, case), current=case.assignee
        ),
        act,
        "Assignment changed.",
    )


@login_required
@require_POST
def change_status(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, form: forms.Form) -> object:
        return services.change_status(
            request.user, case, form.cleaned_data["status"], reason=form.cleaned_data["reason"]
        )

    return _act_on_case(
        request,
        case_id,
        "status_form",
        lambda case: StatusForm(request.POST),
        act,
        "Status changed.",
    )


@login_required
@require_POST
def update_needs(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case, form: forms.Form) -> object:
        return services.update_customer_needs(request.user, case.customer, **form.needs())

    return _act_on_case(
        request,
        case_id,
        "needs_form",
        lambda case: NeedsForm(request.POST, prefix="needs"),
        act,
        "Stated needs saved.",
    )


@login_required
@require_GET
def attachment(request: HttpRequest, case_id: int, attachment_id: int) -> FileResponse:
    """Stream a file kept on a case, only to someone who may see the case."""
    case = get_case_for(request.user, case_id)
    kept = get_object_or_404(case.attachments, pk=attachment_id)
    try:
        handle = kept.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    inline = kept.content_type in INLINE_IMAGE_TYPES
    response = FileResponse(
        handle, content_type=kept.content_type, as_attachment=not inline, filename=kept.name
    )
    # Even a file that slipped past the type checks can run nothing in our origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=300"
    return response


# A new contact


@login_required
@require_http_methods(["GET", "POST"])
def new_case(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.can_write_cases:
        return refused(request, "Your role can read cases but not record new contacts.")
    form = NewCaseForm(request.POST or None)
    status = 200 if request.method == "GET" else 400
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.open_case_for_contact(
                user,
                user.organisation,
                form.contact_details(),
                channel=data["channel"],
                text=data["text"],
                subject=data["subject"],
                needs=form.stated_needs(),
            )
        except IntakeError as exc:
            form.add_error(None, str(exc))
        except NotAllowed as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(request, f"Recorded as {case.reference}.")
            return redirect(reverse("cases:detail", args=[case.pk]))
    return render(request, "cases/new_case.html", {"form": form}, status=status)
