"""The "Reply" panel on the case page: the reply box, and replies that failed to go out
(C4 2.4, 2.8, 3.6-3.7; C1 1.4, 2.6, 3.4, 3.8)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from calmdesk.cases.models import Case
from calmdesk.cases.panels import CasePanel
from calmdesk.core.channels import Channel
from calmdesk.core.sending import public_by_default
from calmdesk.outbound import services
from calmdesk.outbound.forms import ReplyForm, new_key


def reply_panel(request: HttpRequest, case: Case, can_write: bool) -> dict[str, Any] | None:
    """Writers only: readers (a trainer) see sent replies in the timeline."""
    if not can_write:
        return None
    channel = services.default_channel(case)
    public = public_by_default(Channel(channel), None)
    form = ReplyForm(
        initial={"channel": channel, "key": new_key(), "public": public, "public_shown": public}
    )
    return {
        "case": case,
        "form": form,
        "findings": [],
        "checked": False,
        "waiting": services.unsent_replies(case),
    }


REPLY_PANEL = CasePanel("reply", "outbound/panel.html", reply_panel, "main", 25)
