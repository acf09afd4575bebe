"""Telling staff: one row per person, written in the transaction of what caused it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from calmdesk.cases.models import Case
from calmdesk.core.roles import Role
from calmdesk.notifications.models import Notification
from calmdesk.people.models import Organisation, User


def notify(
    recipients: Iterable[User],
    kind: str,
    text: str,
    *,
    organisation: Organisation | int,
    case: Case | None = None,
) -> list[Notification]:
    return Notification.objects.bulk_create(
        notifications(recipients, kind, text, organisation=organisation, case=case)
    )


def notifications(
    recipients: Iterable[User],
    kind: str,
    text: str,
    *,
    organisation: Organisation | int,
    case: Case | None = None,
) -> list[Notification]:
    """Notifications not yet saved, one per recipient in the organisation, for writing many
    with one bulk_create."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    unique = {user.pk: user for user in recipients if user.organisation_id == organisation_id}
    return [
        Notification(
            organisation_id=organisation_id,
            recipient=user,
            case=case,
            kind=kind,
            text=text[:300],
        )
        for user in unique.values()
    ]


def team_leaders_of(case: Case) -> QuerySet[User]:
    return User.objects.filter(
        organisation_id=case.organisation_id,
        team_id=case.team_id,
        role=Role.TEAM_LEADER,
        is_active=True,
    )


def managers_of(organisation: Organisation | int) -> QuerySet[User]:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return User.objects.filter(organisation_id=organisation_id, role=Role.MANAGER, is_active=True)


def unread_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, read_at__isnull=True)
