"""The only way to fetch cases and customers for a user: every rule of who sees what is here.

The rules themselves (scope, read or write) come from `calmdesk.core.roles`.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from calmdesk.cases.models import Case, Customer
from calmdesk.core.roles import CaseScope, NotAllowed, rights_for
from calmdesk.people.models import Organisation, User


def cases_visible_to(user: User) -> QuerySet[Case]:
    if not user.is_authenticated or user.organisation_id is None or not user.is_active:
        return Case.objects.none()
    cases = Case.objects.filter(organisation_id=user.organisation_id)
    if rights_for(user.role).scope is CaseScope.OWN_TEAM:
        cases = cases.filter(team_id=user.team_id) if user.team_id else cases.none()
    return cases


def check_can_write(user: User, case: Case) -> None:
    """Raise `NotAllowed` unless the user may change this case."""
    if not cases_visible_to(user).filter(pk=case.pk).exists():
        raise NotAllowed("You can only work on cases of your own team.")
    if not rights_for(user.role).can_write:
        raise NotAllowed(f"A {user.role_enum.label.lower()} can read cases but not change them.")


def get_case_for(user: User, case_id: int, *, write: bool = False) -> Case:
    """The case if the user may see it (and change it, with write=True).

    A case the user may not see is reported as missing, so ids of other teams and other
    organisations reveal nothing.
    """
    try:
        case = cases_visible_to(user).select_related("customer", "team", "assignee").get(pk=case_id)
    except Case.DoesNotExist:
        raise Http404("No such case.") from None
    if write and not rights_for(user.role).can_write:
        raise NotAllowed(f"A {user.role_enum.label.lower()} can read cases but not change them.")
    return case


def get_case_by_reference_for(user: User, reference: str, *, write: bool = False) -> Case:
    case_id = (
        cases_visible_to(user)
        .filter(reference=reference.strip().upper())
        .values_list("pk", flat=True)
        .first()
    )
    if case_id is None:
        raise Http404("No such case.")
    return get_case_for(user, case_id, write=write)


def customers_visible_to(user: User) -> QuerySet[Customer]:
    if not user.is_authenticated or user.organisation_id is None or not user.is_active:
        return Customer.objects.none()
    return Customer.objects.filter(organisation_id=user.organisation_id)


def get_customer_for(user: User, customer_id: int) -> Customer:
    try:
        return customers_visible_to(user).get(pk=customer_id)
    except Customer.DoesNotExist:
        raise Http404("No such customer.") from None


def assignable_users_for(user: User, case: Case) -> QuerySet[User]:
    """Whom this user may put a case with: themselves, or their team, or anyone (managers)."""
    staff = User.objects.filter(
        organisation_id=user.organisation_id,
        is_active=True,
        role__in=["agent", "team_leader", "manager"],
    )
    rights = rights_for(user.role)
    if not rights.can_write:
        return staff.none()
    if not rights.can_assign_to_others:
        return staff.filter(pk=user.pk)
    if rights.scope is CaseScope.OWN_TEAM:
        return staff.filter(team_id=case.team_id)
    return staff


def check_can_import(user: User, organisation: Organisation) -> None:
    """Raise `NotAllowed` unless the user may import contacts into this organisation."""
    if not user.is_active or user.organisation_id != organisation.pk:
        raise NotAllowed("You can only import into your own organisation.")
    if not rights_for(user.role).can_import:
        raise NotAllowed(
            f"A {user.role_enum.label.lower()} cannot import contacts; "
            "ask a team leader or a manager."
        )
