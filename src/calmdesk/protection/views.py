"""Pages and small forms of tolerance and safety (C4 1.6, 2.10, 3.8, 3.10).

Forms on the case page post here; a success goes back to the case page with a message, a
refusal shows the form again on a small page of its own with the reason tied to the field
(400 input, 403 not allowed, 409 someone acted first). Nothing needs JavaScript.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from calmdesk.cases.access import cases_visible_to, get_customer_for
from calmdesk.cases.models import Case
from calmdesk.cases.refusals import on_writable_case, refused
from calmdesk.core.roles import NotAllowed, Role
from calmdesk.protection import services
from calmdesk.protection.forms import IncidentForm, ReasonForm, ToleranceStepForm
from calmdesk.protection.models import ContactRestriction, IncidentStep, SafetyIncident
from calmdesk.protection.panels import named_contacts_for


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    action: str,
    back: str,
    back_label: str,
    status: int,
) -> HttpResponse:
    return render(
        request,
        "protection/form_page.html",
        {"form": form, "title": title, "action": action, "back": back, "back_label": back_label},
        status=status,
    )


def _act(form: forms.Form, act: Any) -> int | None:
    """Run the service; None on success, else the status, with the refusal on the form."""
    try:
        act()
    except services.ProtectionError as exc:
        visible = {f.name for f in form.visible_fields()}
        form.add_error(exc.field if exc.field in visible else None, str(exc))
        return 400
    except NotAllowed as exc:
        form.add_error(None, str(exc))
        return 403
    except services.Conflict as exc:
        form.add_error(None, str(exc))
        return 409
    return None


def _submit(
    request: HttpRequest,
    form: forms.Form,
    act: Any,
    *,
    done: str,
    done_url: str,
    title: str,
    action: str,
    back: str,
    back_label: str,
) -> HttpResponse:
    """Run the service on a valid form: on success say `done` and go to `done_url`; else the
    form again, with the refusal and its status."""
    status = 400
    if form.is_valid():
        status = _act(form, act)
        if status is None:
            messages.success(request, done)
            return redirect(done_url)
    return _form_page(
        request,
        form,
        title=title,
        action=action,
        back=back,
        back_label=back_label,
        status=status,
    )


# Tolerance


@login_required
@require_POST
@on_writable_case
def record_step(request: HttpRequest, case: Case) -> HttpResponse:
    form = ToleranceStepForm(request.POST, people=named_contacts_for(request.user))

    def act() -> None:
        data = form.cleaned_data
        services.record_step(
            request.user,
            case,
            step=data["step"],
            behaviour=data["behaviour"],
            note=data["note"],
            earlier_steps=data["earlier_steps"],
            channel=data["channel"],
            contact_person=data["contact_person"],
            reason=data["reason"],
            review_on=data["review_on"],
        )

    return _submit(
        request,
        form,
        act,
        done="Tolerance step recorded.",
        done_url=reverse("cases:detail", args=[case.pk]),
        title="Record a tolerance step",
        action=reverse("protection:record_step", args=[case.pk]),
        back=reverse("cases:detail", args=[case.pk]),
        back_label=f"Back to {case.reference}",
    )


@login_required
@require_GET
def customer(request: HttpRequest, customer_id: int) -> HttpResponse:
    """The customer's tolerance record, restriction and cases, visible to the organisation's
    staff; a manager lifts a restriction here (C4 3.8)."""
    found = get_customer_for(request.user, customer_id)
    restriction = services.active_restriction(found.pk)
    return render(
        request,
        "protection/customer.html",
        {
            "customer": found,
            "restriction": restriction,
            "past_restrictions": ContactRestriction.objects.filter(
                customer=found, lifted_at__isnull=False
            ).select_related("decided_by", "lifted_by", "contact_person"),
            "history": found.tolerance_steps.select_related("actor", "case"),
            "cases": cases_visible_to(request.user)
            .filter(customer=found)
            .select_related("team", "assignee")
            .order_by("-opened_at"),
            "lift_form": ReasonForm(prefix="lift")
            if restriction and request.user.role == Role.MANAGER
            else None,
        },
    )


@login_required
@require_POST
def lift_restriction(request: HttpRequest, restriction_id: int) -> HttpResponse:
    restriction = get_object_or_404(
        ContactRestriction.objects.select_related("customer"),
        pk=restriction_id,
        organisation_id=request.user.organisation_id,
    )
    back = reverse("protection:customer", args=[restriction.customer_id])
    form = ReasonForm(request.POST, prefix="lift")
    return _submit(
        request,
        form,
        lambda: services.lift_restriction(request.user, restriction, form.cleaned_data["reason"]),
        done="Restriction lifted.",
        done_url=back,
        title="Lift a restriction",
        action=reverse("protection:lift_restriction", args=[restriction.pk]),
        back=back,
        back_label=f"Back to {restriction.customer.name}",
    )


# Safety


@login_required
@require_POST
@on_writable_case
def raise_incident(request: HttpRequest, case: Case) -> HttpResponse:
    form = IncidentForm(request.POST)
    return _submit(
        request,
        form,
        lambda: services.raise_incident(request.user, case, form.cleaned_data["description"]),
        done="Safety incident raised; the people named are alerted.",
        done_url=reverse("cases:detail", args=[case.pk]),
        title="Raise a safety incident",
        action=reverse("protection:raise_incident", args=[case.pk]),
        back=reverse("cases:detail", args=[case.pk]),
        back_label=f"Back to {case.reference}",
    )


def _incident_for_work(request: HttpRequest, incident_id: int) -> SafetyIncident:
    """An incident the user may work on: a manager's, or one on a case they may see."""
    incident = (
        services.incidents_visible_to(request.user).filter(pk=incident_id).first()
        or SafetyIncident.objects.filter(
            pk=incident_id, case__in=cases_visible_to(request.user)
        ).first()
    )
    if incident is None:
        raise Http404("No such incident.")
    return incident


@login_required
@require_POST
def tick_step(request: HttpRequest, incident_id: int, step_id: int) -> HttpResponse:
    incident = _incident_for_work(request, incident_id)
    step = get_object_or_404(IncidentStep, pk=step_id, incident=incident)
    to_incident = request.POST.get("back") == "incident" and request.user.role == Role.MANAGER
    back = (
        reverse("protection:incident", args=[incident.pk])
        if to_incident
        else reverse("cases:detail", args=[incident.case_id])
    )
    try:
        services.tick_step(request.user, step)
    except NotAllowed as exc:
        return refused(request, str(exc))
    except services.Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Step {step.position} recorded as done.")
    return redirect(back)


@login_required
@require_GET
def incident_log(request: HttpRequest) -> HttpResponse:
    """The managers' log of safety incidents (C4 3.10)."""
    if request.user.role != Role.MANAGER:
        return refused(request, "The incident log is for managers.")
    show = request.GET.get("status", "open")
    incidents = (
        services.incidents_visible_to(request.user)
        .select_related("case", "customer", "raised_by", "closed_by")
        .annotate(
            steps_total=Count("steps"),
            steps_done=Count("steps", filter=Q(steps__done_at__isnull=False)),
        )
    )
    if show in (SafetyIncident.Status.OPEN, SafetyIncident.Status.CLOSED):
        incidents = incidents.filter(status=show)
    else:
        show = "all"
    return render(
        request,
        "protection/incident_log.html",
        {"incidents": incidents[:500], "show": show},
    )


@login_required
@require_GET
def incident_detail(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = get_object_or_404(
        services.incidents_visible_to(request.user).select_related(
            "case", "customer", "raised_by", "closed_by"
        ),
        pk=incident_id,
    )
    return render(
        request,
        "protection/incident_detail.html",
        {
            "incident": incident,
            "steps": incident.steps.select_related("done_by"),
            "close_form": ReasonForm(prefix="close")
            if incident.status == SafetyIncident.Status.OPEN
            else None,
        },
    )


@login_required
@require_POST
def close_incident(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = get_object_or_404(services.incidents_visible_to(request.user), pk=incident_id)
    form = ReasonForm(request.POST, prefix="close")
    back = reverse("protection:incident", args=[incident.pk])
    return _submit(
        request,
        form,
        lambda: services.close_incident(request.user, incident, form.cleaned_data["reason"]),
        done="Incident closed.",
        done_url=back,
        title="Close the incident",
        action=reverse("protection:close_incident", args=[incident.pk]),
        back=back,
        back_label="Back to the incident",
    )
