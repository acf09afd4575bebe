"""The "Ways forward" panel of the case page, its forms, and the escalation inbox (issue 4).

Thin: every rule is in `services`. Forms post plainly and redirect back, so they work
without JavaScript; a refusal is shown on a page of its own that says why, changes nothing,
and (above the user's authority) offers the escalation instead (Unit 7 P3, P4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from calmdesk.cases.access import get_case_for
from calmdesk.cases.models import Case
from calmdesk.core.policy import Option, OptionStatus, Policy
from calmdesk.core.roles import NotAllowed, Role
from calmdesk.policy.services import NoPolicy, current_policy, policy_or_none
from calmdesk.replies.services import customer_says
from calmdesk.resolution import services
from calmdesk.resolution.forms import DecideForm, FactsForm, NoteForm, WayForwardForm
from calmdesk.resolution.models import CaseLink, Escalation


@dataclass(frozen=True)
class OptionRow:
    option: Option
    amount: str
    cost: str
    approver: str
    # People who may receive the escalation by name (empty for outside parties).
    receivers: tuple[Any, ...] = ()

    @property
    def status(self) -> str:
        return self.option.status.value


def panel_context(request: HttpRequest, case: Case, can_write: bool) -> dict[str, Any] | None:
    """Ways forward (Unit 7 2.3-2.4, 3.2, P4, M3, D1; C1 2.4-2.5): the options for the
    case as this user may take them, the facts they rest on, decisions and escalations."""
    user = request.user
    context: dict[str, Any] = {
        "can_act": can_write,
        "decisions": services.decisions_of(case),
        "escalations": case.escalations.select_related("raised_by", "receiver"),
    }
    try:
        found = services.case_options(user, case)
    except NoPolicy:
        return context | {"no_policy": True}
    policy = found.policy
    # Until the agent records them, the customer's own words may name the product (and the
    # one group that lists it) and say what they want: shown and offered, never recorded.
    said = customer_says(case, policy, found.sheet)
    context |= {
        "currency": policy.currency,
        "rows": [_row(policy, option, case) for option in found.options],
        "facts": found.sheet,
        "product_group": policy.product_groups.get(found.sheet.product_group),
        "said": said,
        "suggested_group": policy.product_groups.get(said.product_group or ""),
    }
    if can_write:
        form = FactsForm(initial=_initial(found.sheet), policy=policy)
        if said.product and said.product_group:
            form.suggest_product_group(said.product_group, said.product)
        if said.wants:
            form.suggest_wants(said.wants)
        context["facts_form"] = form
    return context


def _row(policy: Policy, option: Option, case: Case) -> OptionRow:
    needs_approval = option.status == OptionStatus.NEEDS_APPROVAL
    return OptionRow(
        option=option,
        amount=services.money(policy, option.amount),
        cost=services.money(policy, option.cost),
        approver=services.approver_words(policy, option.approver) if needs_approval else "",
        receivers=tuple(services.receivers_for(case, option.approver))
        if needs_approval and isinstance(option.approver, Role)
        else (),
    )


def _initial(sheet: Any) -> dict[str, Any]:
    return {name: getattr(sheet, name) for name in services.FACT_FIELDS}


def links_context(request: HttpRequest, case: Case, can_write: bool) -> dict[str, Any] | None:
    """The cases before and after this one on the same matter (issue 4, Re-opening)."""
    previous = services.previous_case_of(case)
    following = [
        link.case for link in CaseLink.objects.filter(previous_case=case).select_related("case")
    ]
    if previous is None and not following:
        return None
    return {"previous": previous, "following": following}


def _refusal(
    request: HttpRequest,
    case: Case | None,
    reason: str,
    status: int,
    *,
    form: Any = None,
    escalate: dict[str, Any] | None = None,
    escalation: Escalation | None = None,
    action: str = "",
) -> HttpResponse:
    return render(
        request,
        "resolution/refused.html",
        {
            "case": case,
            "reason": reason,
            "form": form,
            "escalate": escalate,
            "escalation": escalation,
            "action": action,
        },
        status=status,
    )


def _back(case: Case) -> HttpResponse:
    return redirect(reverse("cases:detail", args=[case.pk]) + "#ways-forward")


@login_required
@require_POST
def update_facts(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = get_case_for(request.user, case_id, write=True)
        policy = current_policy(case.organisation_id)
    except NotAllowed as exc:
        return _refusal(request, None, str(exc), 403)
    except NoPolicy as exc:
        return _refusal(request, None, str(exc), 409)
    form = FactsForm(request.POST, policy=policy)
    url = request.path
    if not form.is_valid():
        return _refusal(request, case, "The facts were not saved.", 400, form=form, action=url)
    try:
        services.update_facts(request.user, case, **form.cleaned_data)
    except services.BadInput as exc:
        form.add_error(exc.field, str(exc))
        return _refusal(request, case, "The facts were not saved.", 400, form=form, action=url)
    messages.success(request, "Case facts saved; the ways forward are updated.")
    return _back(case)


def _way_forward(request: HttpRequest, case_id: int, escalating: bool) -> HttpResponse:
    try:
        case = get_case_for(request.user, case_id, write=True)
    except NotAllowed as exc:
        return _refusal(request, None, str(exc), 403)
    form = WayForwardForm(request.POST)
    if not form.is_valid():
        return _refusal(request, case, "Nothing was recorded.", 400, form=form, action=request.path)
    data = form.cleaned_data
    try:
        if escalating:
            _row, created = services.escalate(
                request.user, case, data["remedy"], data["amount"], data["note"], to=data["to"]
            )
        else:
            _row, created = services.record_decision(
                request.user, case, data["remedy"], data["amount"], data["note"]
            )
    except services.AboveAuthority as exc:
        return _refusal(request, case, str(exc), 403, escalate=data)
    except NotAllowed as exc:
        return _refusal(request, case, str(exc), 403)
    except services.BadInput as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        return _refusal(request, case, "Nothing was recorded.", 400, form=form, action=request.path)
    except (services.Refused, NoPolicy) as exc:
        return _refusal(request, case, str(exc), 409)
    if escalating:
        done = "Escalated with a handover summary." if created else "Already escalated."
    else:
        done = "Decision recorded." if created else "That decision was already recorded."
    messages.success(request, done)
    return _back(case)


@login_required
@require_POST
def record_decision(request: HttpRequest, case_id: int) -> HttpResponse:
    return _way_forward(request, case_id, escalating=False)


@login_required
@require_POST
def escalate(request: HttpRequest, case_id: int) -> HttpResponse:
    return _way_forward(request, case_id, escalating=True)


# The escalation inbox


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """Open escalations this team leader or manager may act on (Unit 7 P3; C4 2.7)."""
    if request.user.role not in (Role.TEAM_LEADER, Role.MANAGER):
        return _refusal(request, None, "Only team leaders and managers receive escalations.", 403)
    rows = services.escalations_for(request.user).order_by("raised_at", "id")
    return render(request, "resolution/inbox.html", {"escalations": rows})


def _escalation_or_404(request: HttpRequest, escalation_id: int) -> Escalation:
    try:
        return services.visible_escalation(request.user, escalation_id)
    except Escalation.DoesNotExist:
        raise Http404("No such escalation.") from None


def _escalation_page(
    request: HttpRequest,
    escalation: Escalation,
    *,
    decide_form: DecideForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    may_act = escalation.is_open and services.may_act_on(request.user, escalation)
    policy = policy_or_none(escalation.organisation_id)
    context = {
        "escalation": escalation,
        "case": escalation.case,
        "may_act": may_act,
        "error": error,
        "remedy_label": policy.remedies[escalation.remedy].label
        if policy and escalation.remedy in {r.value for r in policy.remedies}
        else escalation.remedy,
        "amount": services.money(policy, escalation.amount) if policy else escalation.amount,
        "decision": getattr(escalation, "decision", None),
    }
    if may_act:
        context |= {
            "decide_form": decide_form or DecideForm(policy=policy),
            "send_back_form": NoteForm(prefix="back", required=True, label="What is missing"),
            "pass_up_form": NoteForm(prefix="up", label="Note for the next person"),
        }
    return render(request, "resolution/escalation.html", context, status=status)


@login_required
@require_GET
def escalation_detail(request: HttpRequest, escalation_id: int) -> HttpResponse:
    return _escalation_page(request, _escalation_or_404(request, escalation_id))


def _act(request: HttpRequest, escalation_id: int, what: str) -> HttpResponse:
    escalation = _escalation_or_404(request, escalation_id)
    user = request.user
    policy = policy_or_none(escalation.organisation_id)
    form = None
    try:
        if what == "accept":
            services.accept(user, escalation)
            done = "You have accepted the escalation."
        elif what == "decide":
            form = DecideForm(request.POST, policy=policy)
            if not form.is_valid():
                return _escalation_page(
                    request, escalation, decide_form=form, error="Not decided.", status=400
                )
            data = form.cleaned_data
            services.decide(
                user,
                escalation,
                data["outcome"],
                remedy=data["remedy"],
                amount=data["amount"],
                note=data["note"],
            )
            done = "Decision recorded; the agent has been told."
        elif what == "send_back":
            note = NoteForm(request.POST, prefix="back")
            note.is_valid()
            services.send_back(user, escalation, note.cleaned_data.get("note", ""))
            done = "Sent back to the agent with your note."
        else:
            note = NoteForm(request.POST, prefix="up")
            note.is_valid()
            onward = services.pass_up(user, escalation, note.cleaned_data.get("note", ""))
            done = f"Passed up the chain: escalation {onward.pk}."
    except services.BadInput as exc:
        if form is not None:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        return _escalation_page(request, escalation, decide_form=form, error=str(exc), status=400)
    except NotAllowed as exc:
        return _escalation_page(request, escalation, decide_form=form, error=str(exc), status=403)
    except (services.Refused, NoPolicy) as exc:
        escalation.refresh_from_db()
        return _escalation_page(request, escalation, error=str(exc), status=409)
    messages.success(request, done)
    return redirect("resolution:escalation", escalation.pk)


@login_required
@require_POST
def accept(request: HttpRequest, escalation_id: int) -> HttpResponse:
    return _act(request, escalation_id, "accept")


@login_required
@require_POST
def decide(request: HttpRequest, escalation_id: int) -> HttpResponse:
    return _act(request, escalation_id, "decide")


@login_required
@require_POST
def send_back(request: HttpRequest, escalation_id: int) -> HttpResponse:
    return _act(request, escalation_id, "send_back")


@login_required
@require_POST
def pass_up(request: HttpRequest, escalation_id: int) -> HttpResponse:
    return _act(request, escalation_id, "pass_up")
