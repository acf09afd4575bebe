"""The cast every test shares, as in healthchecks' hc/test.py.

Alice is a frontline agent on the Care team; Bob is her team leader; Carol manages the whole
organisation; Dan trains and assesses; Frank is an agent on another team (Returns) of the same
organisation; Eve works for another organisation altogether and must see nothing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from calmdesk.cases.models import Case, Customer
from calmdesk.cases.services import ContactDetails, find_or_create_customer, open_case
from calmdesk.people.models import AuthorityLimit, Organisation, Team, User

PASSWORD = "calm-desk-test-password"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def org(db) -> Organisation:
    return Organisation.objects.create(name="Brightside Electricals", slug="brightside")


@pytest.fixture
def care_team(org) -> Team:
    return Team.objects.create(organisation=org, name="Care", is_intake=True)


@pytest.fixture
def returns_team(org) -> Team:
    return Team.objects.create(organisation=org, name="Returns")


def _user(username: str, org: Organisation, team: Team | None, role: str) -> User:
    first, _, last = username.partition("_")
    return User.objects.create_user(
        username=first,
        password=PASSWORD,
        first_name=first.capitalize(),
        last_name=last.capitalize(),
        organisation=org,
        team=team,
        role=role,
    )


@pytest.fixture
def alice(org, care_team) -> User:
    user = _user("alice_archer", org, care_team, "agent")
    AuthorityLimit.objects.create(user=user, remedy="refund", max_amount=Decimal("50.00"))
    AuthorityLimit.objects.create(user=user, remedy="replacement", allowed=True)
    return user


@pytest.fixture
def bob(org, care_team) -> User:
    return _user("bob_baker", org, care_team, "team_leader")


@pytest.fixture
def carol(org, care_team) -> User:
    return _user("carol_carter", org, None, "manager")


@pytest.fixture
def dan(org) -> User:
    return _user("dan_dixon", org, None, "trainer")


@pytest.fixture
def frank(org, returns_team) -> User:
    return _user("frank_fisher", org, returns_team, "agent")


@pytest.fixture
def other_org(db) -> Organisation:
    return Organisation.objects.create(name="Elsewhere Ltd", slug="elsewhere")


@pytest.fixture
def eve(other_org) -> User:
    team = Team.objects.create(organisation=other_org, name="Support", is_intake=True)
    return _user("eve_evans", other_org, team, "manager")


@pytest.fixture
def customer(org) -> Customer:
    return find_or_create_customer(
        org, ContactDetails(name="Priya Shah", email="priya@example.com", phone="07700 900123")
    )


@pytest.fixture
def case(alice, customer) -> Case:
    """A telephone case on Alice's team, opened by Alice."""
    return open_case(
        alice,
        alice.organisation,
        customer=customer,
        channel="telephone",
        text="Customer rang: the kettle she bought last week switches itself off after a minute.",
    )


@pytest.fixture
def returns_case(frank, org) -> Case:
    """A case on the Returns team, which Alice and Bob must not see."""
    other = find_or_create_customer(org, ContactDetails(name="Tom Reid", email="tom@example.com"))
    return open_case(frank, org, customer=other, channel="email", text="Where is my refund?")
