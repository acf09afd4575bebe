"""The follow-up pages and the forms of its case-page panels.

Each form posts here; on success the browser (or HTMX, which follows redirects) goes back to
the case with a message. A refusal shows the form again with the reason, on a small page of
its own that links back to the case; with HTMX that page takes the case's place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from calmdesk.cases.models import Case
from calmdesk.cases.refusals import on_writable_case
from calmdesk.core.lifecycle import TransitionNotAllowed
from calmdesk.core.roles import NotAllowed
from calmdesk.followup import services
from calmdesk.followup.forms import (
    ActionForm,
    CancelForm,
    ClearWatchForm,
    FollowUpForm,
    OutcomeForm,
    SatisfactionForm,
    WatchForm,
)
from calmdesk.followup.models import FollowUp, ReopenWatch


def _is_htmx(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def _back(request: HttpRequest, case: Case, done: str) -> HttpResponse:
    messages.success(request, done)
    target = request.POST.get("next", "")
    if target == "actions":
        return redirect(reverse("followup:actions"))
    return redirect(reverse("cases:detail", args=[case.pk]))


def _refused(
    request: HttpRequest,
    case: Case | None,
    title: str,
    form: forms.Form | None,
    fields: str,
    action_url: str,
    status: int,
) -> HttpResponse:
    context = {
        "case": case,
        "title": title,
        "form": form,
        "fields": fields,
        "action_url": action_url,
    }
    page = "followup/refused_body.html" if _is_htmx(request) else "followup/refused_page.html"
    return render(request, page, context, status=status)


def _act(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    act: Callable[[dict[str, Any]], object],
    done: str,
    title: str,
    fields: str,
) -> HttpResponse:
    """Validate, call the service, answer: 400 for input it will not keep, 403 for an action
    the user may not take, 409 when someone else got there first."""
    status = 400
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except services.FollowUpError as exc:
            form.add_error(None, str(exc))
        except TransitionNotAllowed as exc:
            form.add_error(None, str(exc))
            status = 409
        except NotAllowed as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            return _back(request, case, done)
    return _refused(request, case, title, form, fields, request.path, status)


@login_required
@require_POST
@on_writable_case
def add_action(request: HttpRequest, case: Case) -> HttpResponse:
    form = ActionForm(request.POST, owners=services.owners_for(case))

    def act(data: dict[str, Any]) -> object:
        return services.create_action(
            request.user,
            case,
            kind=data["kind"],
            owner=data["owner"],
            due_at=data["due_at"],
            department=data["department"],
            note=data["note"],
        )

    return _act(
        request,
        case,
        form,
        act,
        "Action recorded.",
        "Ask another department to act",
        "followup/action_fields.html",
    )


@login_required
@require_POST
def action_done(request: HttpRequest, action_id: int) -> HttpResponse:
    action = services.action_for(request.user, action_id)
    form = OutcomeForm(request.POST)
    return _act(
        request,
        action.case,
        form,
        lambda data: services.complete_action(request.user, action, outcome=data["outcome"]),
        f"{action.get_kind_display()} marked done; a follow-up with the customer is due.",
        "Mark the action done",
        "followup/one_field.html",
    )


@login_required
@require_POST
def action_cancel(request: HttpRequest, action_id: int) -> HttpResponse:
    action = services.action_for(request.user, action_id)
    form = CancelForm(request.POST)
    return _act(
        request,
        action.case,
        form,
        lambda data: services.cancel_action(request.user, action, reason=data["reason"]),
        f"{action.get_kind_display()} cancelled.",
        "Cancel the action",
        "followup/one_field.html",
    )


@login_required
@require_POST
def follow_up_done(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    from calmdesk.cases.access import cases_visible_to

    follow_up = FollowUp.objects.filter(
        pk=follow_up_id, case__in=cases_visible_to(request.user)
    ).first()
    if follow_up is None:
        raise Http404("No such follow-up.")
    form = FollowUpForm(request.POST)
    return _act(
        request,
        follow_up.case,
        form,
        lambda data: services.complete_follow_up(request.user, follow_up, outcome=data["outcome"]),
        "Follow-up recorded.",
        "Record the follow-up",
        "followup/one_field.html",
    )


@login_required
@require_POST
@on_writable_case
def satisfaction(request: HttpRequest, case: Case) -> HttpResponse:
    form = SatisfactionForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda data: services.record_satisfaction(
            request.user, case, rating=data["rating"], comment=data["comment"]
        ),
        "Satisfaction check recorded.",
        "Record the customer's answer",
        "followup/satisfaction_fields.html",
    )


@login_required
@require_POST
@on_writable_case
def watch(request: HttpRequest, case: Case) -> HttpResponse:
    form = WatchForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda data: services.watch_customer(request.user, case, reason=data["reason"]),
        "Customer put on the re-open watch; the team leaders and managers are told.",
        "Put the customer on the re-open watch",
        "followup/one_field.html",
    )


@login_required
@require_POST
@on_writable_case
def clear_watch(request: HttpRequest, case: Case, watch_id: int) -> HttpResponse:
    found = ReopenWatch.objects.filter(pk=watch_id, customer_id=case.customer_id).first()
    if found is None:
        raise Http404("No such watch.")
    form = ClearWatchForm(request.POST)
    return _act(
        request,
        case,
        form,
        lambda data: services.clear_watch(request.user, found, note=data["note"]),
        "Re-open watch ended.",
        "End the re-open watch",
        "followup/one_field.html",
    )


@login_required
@require_GET
def actions(request: HttpRequest) -> HttpResponse:
    """Open actions, overdue first: mine, or my team's (Unit 7 P7)."""
    who = request.GET.get("who", "me")
    if who not in {"me", "team"}:
        who = "me"
    now = timezone.now()
    rows = [(a, a.due_at < now) for a in services.open_actions_for(request.user, who)]
    context = {
        "who": who,
        "rows": rows,
        "overdue": sum(late for _, late in rows),
        "can_write": request.user.can_write_cases,
    }
    return render(request, "followup/actions.html", context)
