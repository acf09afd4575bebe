"""Who may see and change what (Unit 7 2.4: levels of authority; C1 3.1-3.2).

The rules are decided here once; `access.py` in each Django app turns them into queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    TEAM_LEADER = "team_leader"
    MANAGER = "manager"
    TRAINER = "trainer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.AGENT: "Agent",
    Role.TEAM_LEADER: "Team leader",
    Role.MANAGER: "Manager",
    Role.TRAINER: "Trainer / assessor",
}


class CaseScope(StrEnum):
    OWN_TEAM = "own_team"
    ORGANISATION = "organisation"


@dataclass(frozen=True)
class CaseRights:
    """What one role may do with the cases of its organisation."""

    scope: CaseScope
    can_write: bool
    can_assign_to_others: bool
    can_import: bool


CASE_RIGHTS: dict[Role, CaseRights] = {
    Role.AGENT: CaseRights(CaseScope.OWN_TEAM, True, False, False),
    Role.TEAM_LEADER: CaseRights(CaseScope.OWN_TEAM, True, True, True),
    Role.MANAGER: CaseRights(CaseScope.ORGANISATION, True, True, True),
    # Trainers and assessors read real cases to coach from them; they never act on them.
    Role.TRAINER: CaseRights(CaseScope.ORGANISATION, False, False, False),
}


def rights_for(role: Role | str) -> CaseRights:
    return CASE_RIGHTS[Role(role)]


class NotAllowed(Exception):
    """The acting user's role does not allow this; the message says why in plain words."""
