"""The follow-up panels on the case page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from calmdesk.cases.models import Case
from calmdesk.cases.panels import CasePanel
from calmdesk.followup import services
from calmdesk.followup.forms import (
    ActionForm,
    CancelForm,
    ClearWatchForm,
    FollowUpForm,
    OutcomeForm,
    SatisfactionForm,
    WatchForm,
    default_due,
)
from calmdesk.followup.models import ReopenWatch
from calmdesk.policy.services import policy_or_none


def watch_panel(request: HttpRequest, case: Case, can_write: bool) -> dict[str, Any] | None:
    """A returning customer's warning and case history, first on the page (C4 2.9, 3.9)."""
    watch = services.active_watch_for(case)
    if watch is None and not can_write:
        return None
    history = services.customer_history(case) if watch is not None else []
    return {
        "case": case,
        "watch": watch,
        "history": history,
        "can_write": can_write,
        "watch_form": WatchForm(),
        "clear_form": ClearWatchForm(),
        "triggers": ReopenWatch.Trigger,
    }


def followup_panel(request: HttpRequest, case: Case, can_write: bool) -> dict[str, Any]:
    """Actions, follow-ups and the satisfaction check (Unit 7 3.3, P7, D2; C4 2.9)."""
    now = timezone.now()
    actions = list(case.action_requests.select_related("owner", "done_by").order_by("due_at"))
    open_actions = [(a, a.due_at < now) for a in actions if a.is_open]
    context: dict[str, Any] = {
        "case": case,
        "now": now,
        "open_actions": open_actions,
        "settled_actions": [a for a in actions if not a.is_open],
        "follow_ups": list(case.follow_ups.select_related("action", "done_by")),
        "checks": list(case.satisfaction_checks.select_related("recorded_by")),
        "can_write": can_write,
        "overdue": sum(late for _, late in open_actions),
    }
    if can_write:
        context |= {
            "action_form": ActionForm(
                owners=services.owners_for(case),
                initial={"owner": request.user.pk, "due_at": default_due()},
            ),
            "outcome_form": OutcomeForm(),
            "cancel_form": CancelForm(),
            "follow_up_form": FollowUpForm(),
            "satisfaction_form": SatisfactionForm(),
        }
    return context


def promise_panel(request: HttpRequest, case: Case, can_write: bool) -> dict[str, Any]:
    """When the customer must next hear from us (C1 1.4, 2.6)."""
    policy = policy_or_none(case.organisation_id)
    promise = services.promise_for(case) if policy is not None else None
    return {"case": case, "policy": policy, "promise": promise}


PANELS = [
    CasePanel("reopen_watch", "followup/watch_panel.html", watch_panel, "top", 0),
    CasePanel("followup", "followup/followup_panel.html", followup_panel, "main", 30),
    CasePanel("promise", "followup/promise_panel.html", promise_panel, "side", 5),
]
