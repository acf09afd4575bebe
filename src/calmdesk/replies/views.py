"""The "Reply help" panel (issue 5): thin; the work is in services and the core."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from calmdesk.cases.access import get_case_for
from calmdesk.cases.models import Case
from calmdesk.core.channels import CHANNEL_LABELS
from calmdesk.core.replies.gathering import FACT_WORDS
from calmdesk.core.roles import rights_for
from calmdesk.replies import services

CHANNEL_PARAM = "reply_channel"


def panel_context(request: HttpRequest, case: Case, can_write: bool) -> dict[str, Any]:
    """Questions to ask, the repeat-back and the draft for the chosen channel (Unit 7 2.2,
    3.1-3.2, P2, P5, P6, M2; C4 2.1-2.5, 2.8; C1 1.4, 2.2, 2.6, 3.3). Agents, team leaders
    and managers get each part in its own text box to edit; trainers read."""
    found = services.reply_help(request.user, case, channel=request.GET.get(CHANNEL_PARAM))
    return {
        "case": case,
        "help": found,
        "draft": found.draft,
        "channel": found.draft.channel,
        "channels": [(c.value, CHANNEL_LABELS[c]) for c in services.DRAFT_CHANNELS],
        "fact_words": FACT_WORDS,
        "can_write": can_write,
        "param": CHANNEL_PARAM,
        "public_parts": [p for p in found.draft.parts if not p.private],
        "private_parts": [p for p in found.draft.parts if p.private],
    }


@login_required
@require_GET
def panel(request: HttpRequest, case_id: int) -> HttpResponse:
    """The panel alone, for HTMX when the agent picks another channel; the same page view
    (case detail with ?reply_channel=) serves it without JavaScript."""
    case = get_case_for(request.user, case_id)
    can_write = rights_for(request.user.role).can_write
    context = panel_context(request, case, can_write)
    return render(request, "replies/panel.html", {"panel": context, "case": case})
