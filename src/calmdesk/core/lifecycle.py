"""The life of a case, from first contact to closed (C1 3.9: keep records up to date)."""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING_CUSTOMER = "waiting_customer"
    WAITING_DEPARTMENT = "waiting_department"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self not in {CaseStatus.RESOLVED, CaseStatus.CLOSED}


STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.NEW: "New",
    CaseStatus.IN_PROGRESS: "In progress",
    CaseStatus.WAITING_CUSTOMER: "Waiting on customer",
    CaseStatus.WAITING_DEPARTMENT: "Waiting on department",
    CaseStatus.RESOLVED: "Resolved",
    CaseStatus.CLOSED: "Closed",
    CaseStatus.REOPENED: "Re-opened",
}

_WORKING = {
    CaseStatus.IN_PROGRESS,
    CaseStatus.WAITING_CUSTOMER,
    CaseStatus.WAITING_DEPARTMENT,
    CaseStatus.RESOLVED,
}

TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.NEW: frozenset(_WORKING),
    CaseStatus.IN_PROGRESS: frozenset(_WORKING - {CaseStatus.IN_PROGRESS}),
    CaseStatus.WAITING_CUSTOMER: frozenset(_WORKING - {CaseStatus.WAITING_CUSTOMER}),
    CaseStatus.WAITING_DEPARTMENT: frozenset(_WORKING - {CaseStatus.WAITING_DEPARTMENT}),
    CaseStatus.REOPENED: frozenset(_WORKING),
    # A resolved case is closed once the customer has had time to come back; it re-opens
    # when they do.
    CaseStatus.RESOLVED: frozenset({CaseStatus.CLOSED, CaseStatus.REOPENED}),
    CaseStatus.CLOSED: frozenset({CaseStatus.REOPENED}),
}


class TransitionNotAllowed(Exception):
    pass


def check_transition(current: CaseStatus | str, target: CaseStatus | str) -> CaseStatus:
    """Return the target status if a case may move there, else raise with the reason.

    >>> check_transition("new", "in_progress")
    <CaseStatus.IN_PROGRESS: 'in_progress'>
    >>> check_transition("closed", "in_progress")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    calmdesk.core.lifecycle.TransitionNotAllowed: A closed case must be re-opened before...
    """
    current, target = CaseStatus(current), CaseStatus(target)
    if target in TRANSITIONS[current]:
        return target
    if current == target:
        raise TransitionNotAllowed(f"The case is already {target.label.lower()}.")
    if current in {CaseStatus.CLOSED, CaseStatus.RESOLVED} and target.is_open:
        raise TransitionNotAllowed(
            f"A {current.label.lower()} case must be re-opened before it can move to "
            f"{target.label.lower()}."
        )
    raise TransitionNotAllowed(
        f"A case cannot go from {current.label.lower()} to {target.label.lower()}."
    )


def status_after_inbound(current: CaseStatus | str) -> CaseStatus:
    """A customer writing again re-opens a finished case and ends any wait on them."""
    current = CaseStatus(current)
    if current in {CaseStatus.RESOLVED, CaseStatus.CLOSED}:
        return CaseStatus.REOPENED
    if current is CaseStatus.WAITING_CUSTOMER:
        return CaseStatus.IN_PROGRESS
    return current


def format_reference(number: int) -> str:
    """
    >>> format_reference(123)
    'CD-000123'
    >>> format_reference(1234567)
    'CD-1234567'
    """
    if number < 1:
        raise ValueError("case numbers start at 1")
    return f"CD-{number:06d}"
