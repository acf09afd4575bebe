"""When the customer must next hear from us, from the organisation's service promises
(C1 1.4, 2.6: keep the customer informed; Unit 7 3.3). Pure: no Django.

The rules, in order:

- a finished case (resolved or closed) owes the customer nothing more;
- a case waiting on the customer owes them nothing until they write (their message moves the
  case back to in progress);
- a case nobody has answered yet must get its first reply within `first_reply_hours` of
  opening;
- a customer's message that came after our latest reply must be answered within
  `first_reply_hours` of arriving;
- while the case waits on us (new, in progress, waiting on a department, re-opened) the
  customer hears from us at least every `update_every_hours` since our latest message.

The earliest promise that applies is the one shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from calmdesk.core.lifecycle import CaseStatus

# Statuses in which the customer is waiting on us (C1 2.6).
WAITING_ON_US = frozenset(
    {
        CaseStatus.NEW,
        CaseStatus.IN_PROGRESS,
        CaseStatus.WAITING_DEPARTMENT,
        CaseStatus.REOPENED,
    }
)


class PromiseBasis(StrEnum):
    FIRST_REPLY = "first_reply"
    ANSWER = "answer"
    UPDATE = "update"

    @property
    def label(self) -> str:
        return BASIS_LABELS[self]


BASIS_LABELS = {
    PromiseBasis.FIRST_REPLY: "first reply to a new contact",
    PromiseBasis.ANSWER: "answer to the customer's latest message",
    PromiseBasis.UPDATE: "regular update while the customer waits",
}


@dataclass(frozen=True)
class NextContact:
    due_at: datetime
    basis: PromiseBasis

    def is_late(self, now: datetime) -> bool:
        return now > self.due_at


def next_contact_due(
    status: CaseStatus | str,
    *,
    opened_at: datetime,
    last_outbound_at: datetime | None,
    last_inbound_at: datetime | None,
    first_reply_hours: int,
    update_every_hours: int,
) -> NextContact | None:
    """The time by which the customer must next hear from us, or None when nothing is owed.

    >>> from datetime import datetime
    >>> opened = datetime(2026, 3, 2, 9, 0)
    >>> next_contact_due("new", opened_at=opened, last_outbound_at=None,
    ...     last_inbound_at=opened, first_reply_hours=24, update_every_hours=48).due_at
    datetime.datetime(2026, 3, 3, 9, 0)
    >>> next_contact_due("closed", opened_at=opened, last_outbound_at=None,
    ...     last_inbound_at=opened, first_reply_hours=24, update_every_hours=48) is None
    True
    """
    status = CaseStatus(status)
    if not status.is_open or status is CaseStatus.WAITING_CUSTOMER:
        return None
    first_reply = timedelta(hours=first_reply_hours)
    if last_outbound_at is None:
        return NextContact(opened_at + first_reply, PromiseBasis.FIRST_REPLY)
    candidates = []
    if status in WAITING_ON_US:
        candidates.append(
            NextContact(last_outbound_at + timedelta(hours=update_every_hours), PromiseBasis.UPDATE)
        )
    if last_inbound_at is not None and last_inbound_at > last_outbound_at:
        candidates.append(NextContact(last_inbound_at + first_reply, PromiseBasis.ANSWER))
    if not candidates:
        return None
    return min(candidates, key=lambda contact: contact.due_at)


def follow_up_due(done_at: datetime, *, update_every_hours: int | None) -> datetime:
    """When the follow-up after a finished action falls due (Unit 7 D2; C4 2.9): within the
    promised update interval, or a day when no policy says otherwise.

    >>> from datetime import datetime
    >>> follow_up_due(datetime(2026, 3, 2, 9, 0), update_every_hours=48)
    datetime.datetime(2026, 3, 4, 9, 0)
    >>> follow_up_due(datetime(2026, 3, 2, 9, 0), update_every_hours=None)
    datetime.datetime(2026, 3, 3, 9, 0)
    """
    return done_at + timedelta(hours=update_every_hours or 24)


# The engine's reasons to expect a customer back (C4 2.9, 3.9): what an inbound message's
# assessment shows.
WATCHED_RISKS = {
    "threat_leave": "The customer threatened to take their custom elsewhere.",
    "threat_public": "The customer threatened to go public.",
}
ESCALATING = "escalating"


def reasons_to_watch(trend: str, risk_names: list[str]) -> list[str]:
    """Why an assessed message suggests the customer is likely to come back, if it does.

    >>> reasons_to_watch("escalating", ["threat_leave"])
    ['The customer is getting more upset from message to message.', 'The customer threatened to take their custom elsewhere.']
    >>> reasons_to_watch("steady", ["abusive"])
    []
    """  # noqa: E501
    reasons = []
    if trend == ESCALATING:
        reasons.append("The customer is getting more upset from message to message.")
    reasons.extend(WATCHED_RISKS[name] for name in risk_names if name in WATCHED_RISKS)
    return reasons
