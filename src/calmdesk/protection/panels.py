"""The case page's tolerance and safety panels (C4 1.6, 2.10, 3.8, 3.10)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from calmdesk.cases.models import Case
from calmdesk.core.roles import Role
from calmdesk.core.tolerance import BEHAVIOUR_LABELS, may_decide
from calmdesk.people.models import User
from calmdesk.protection.forms import IncidentForm, ToleranceStepForm
from calmdesk.protection.models import SafetyIncident
from calmdesk.protection.services import active_restriction, tolerance_state


def named_contacts_for(user: User) -> QuerySet[User]:
    """Staff of the user's organisation who may be a restricted customer's named contact."""
    return User.objects.filter(
        organisation_id=user.organisation_id,
        is_active=True,
        role__in=[Role.AGENT, Role.TEAM_LEADER, Role.MANAGER],
    ).order_by("first_name", "username")


def restriction_panel(request: HttpRequest, case: Case, can_write: bool) -> dict[str, Any] | None:
    """On every case of a restricted customer, at the top of the side column (C4 3.8)."""
    restriction = active_restriction(case.customer_id)
    if restriction is None:
        return None
    return {"restriction": restriction, "case": case}


def tolerance_panel(request: HttpRequest, case: Case, can_write: bool) -> dict[str, Any] | None:
    """The step that applies now with the policy's guidance, and the form to record it."""
    state = tolerance_state(case)
    if not state.behaviours and not state.history:
        return None
    user = request.user
    now = state.now
    may_record = bool(can_write and now and may_decide(user.role, now.rule.decided_by))
    form = None
    default_review = None
    if may_record and now is not None:
        form = ToleranceStepForm(
            initial={
                "step": now.step.value,
                "earlier_steps": state.earlier_steps,
                "behaviour": now.behaviour.value,
            },
            people=named_contacts_for(user),
        )
        if now.rule.review_days:
            default_review = timezone.localdate() + timedelta(days=now.rule.review_days)
    return {
        "case": case,
        "state": state,
        "now": now,
        "behaviour_words": [BEHAVIOUR_LABELS[b] for b in state.behaviours],
        "uncovered_words": [BEHAVIOUR_LABELS[b] for b in state.uncovered],
        "may_record": may_record,
        "decider": now.rule.decided_by.label.lower() if now else "",
        "form": form,
        "default_review": default_review,
        "can_write": can_write,
    }


def safety_panel(request: HttpRequest, case: Case, can_write: bool) -> dict[str, Any] | None:
    """Open incidents with their checklist, and raising one by hand (C4 2.10, 3.10)."""
    incidents = list(
        case.safety_incidents.select_related("raised_by", "closed_by").prefetch_related(
            "steps__done_by"
        )
    )
    if not incidents and not can_write:
        return None
    return {
        "case": case,
        "open": [i for i in incidents if i.status == SafetyIncident.Status.OPEN],
        "closed": [i for i in incidents if i.status == SafetyIncident.Status.CLOSED],
        "form": IncidentForm() if can_write else None,
        "can_write": can_write,
        "is_manager": request.user.role == Role.MANAGER,
    }
