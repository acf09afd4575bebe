"""Points where other apps take part in what happens to a case, without the cases app
knowing them: resolution, follow-up and protection register here in AppConfig.ready().

Every hook runs inside the transaction of the change that calls it, so what a hook writes
is kept or rolled back with the change itself; a hook that raises refuses the change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calmdesk.cases.models import Case, Message
    from calmdesk.people.models import User

# (messages) -> None: after inbound messages are stored and assessed (any channel, imports).
InboundHook = Callable[[Sequence["Message"]], None]
# (actor, case, old status, new status, reason) -> None; raise NotAllowed or
# TransitionNotAllowed to refuse the move, with a message that says why.
StatusHook = Callable[["User", "Case", str, str, str], None]

_inbound: list[InboundHook] = []
_before_status: list[StatusHook] = []
_after_status: list[StatusHook] = []


def on_inbound(hook: InboundHook) -> InboundHook:
    if hook not in _inbound:
        _inbound.append(hook)
    return hook


def before_status_change(hook: StatusHook) -> StatusHook:
    if hook not in _before_status:
        _before_status.append(hook)
    return hook


def after_status_change(hook: StatusHook) -> StatusHook:
    if hook not in _after_status:
        _after_status.append(hook)
    return hook


def run_inbound(messages: Sequence[Message]) -> None:
    inbound = [m for m in messages if m.direction == "inbound"]
    if inbound:
        for hook in _inbound:
            hook(inbound)


def run_before_status(actor: User, case: Case, old: str, new: str, reason: str) -> None:
    for hook in _before_status:
        hook(actor, case, old, new, reason)


def run_after_status(actor: User, case: Case, old: str, new: str, reason: str) -> None:
    for hook in _after_status:
        hook(actor, case, old, new, reason)
