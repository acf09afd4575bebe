"""Where follow-up joins in what happens to a case: the case hooks, and one signal for the
messages we send (the cases app has no outbound hook; an outbound message moves the promise
to the customer on, C1 2.6)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from calmdesk.cases import hooks
from calmdesk.cases.models import Message


def _outbound_saved(sender: type, instance: Message, created: bool, **kwargs: Any) -> None:
    if created and instance.direction == Message.Direction.OUTBOUND:
        from calmdesk.followup.services import recompute_promises

        recompute_promises([instance.case_id])


def connect() -> None:
    from calmdesk.cases.panels import register_panel
    from calmdesk.followup import panels, services

    hooks.on_inbound(services.on_inbound)
    hooks.before_status_change(services.check_before_close)
    hooks.after_status_change(services.after_status_change)
    post_save.connect(_outbound_saved, sender=Message, dispatch_uid="followup_outbound")
    for panel in panels.PANELS:
        register_panel(panel)
