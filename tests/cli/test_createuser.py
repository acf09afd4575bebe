import pytest
from django.contrib.auth import authenticate

from calmdesk.people.models import User

from .conftest import words

GOOD_PASSWORD = "kettle-descaler-42"


@pytest.fixture
def create_agent(calmdesk, care_team):
    def run(*extra: str, input: str = GOOD_PASSWORD + "\n"):
        args = ["createuser", "gwen", "--org", "brightside", "--role", "agent", "--team", "care"]
        return calmdesk(*args, "--password-stdin", *extra, input=input)

    return run


def test_createuser_reads_the_password_from_stdin_for_scripts(create_agent, care_team):
    result = create_agent("--first-name", "Gwen", "--last-name", "Jones")
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="gwen")
    assert (user.role, user.team, user.get_full_name()) == ("agent", care_team, "Gwen Jones")
    assert authenticate(username="gwen", password=GOOD_PASSWORD) == user
    assert "Created agent gwen in Brightside Electricals on Care." in words(result.stdout)


def test_createuser_asks_for_the_password_twice(calmdesk, org):
    result = calmdesk(
        "createuser", "maya", "--org", "brightside", "--role", "manager",
        input=f"{GOOD_PASSWORD}\n{GOOD_PASSWORD}\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert GOOD_PASSWORD not in result.output
    assert authenticate(username="maya", password=GOOD_PASSWORD).role == "manager"


def test_createuser_stops_when_the_two_passwords_differ(calmdesk, org):
    result = calmdesk(
        "createuser", "maya", "--org", "brightside", "--role", "manager",
        input=f"{GOOD_PASSWORD}\nsomething-else-entirely\n",
    )  # fmt: skip
    assert result.exit_code != 0
    assert not User.objects.filter(username="maya").exists()


def test_createuser_refuses_a_password_the_validators_reject(create_agent):
    result = create_agent(input="password\n")
    assert result.exit_code == 1
    assert "too common" in result.stderr
    assert not User.objects.filter(username="gwen").exists()


def test_createuser_refuses_an_unknown_role(calmdesk, org):
    result = calmdesk("createuser", "gwen", "--org", "brightside", "--role", "boss")
    assert result.exit_code == 1
    assert "Unknown role 'boss'; use one of: agent, team_leader, manager, trainer." in words(
        result.stderr
    )
    assert not User.objects.filter(username="gwen").exists()


def test_createuser_refuses_an_unknown_organisation(calmdesk, org):
    result = calmdesk("createuser", "gwen", "--org", "nowhere", "--role", "agent")
    assert result.exit_code == 1
    assert "There is no organisation with the slug 'nowhere'." in words(result.stderr)


def test_createuser_names_the_teams_when_the_team_is_unknown(calmdesk, care_team, returns_team):
    result = calmdesk(
        "createuser", "gwen", "--org", "brightside", "--role", "agent", "--team", "Sales",
        "--password-stdin", input=GOOD_PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "has no team called 'Sales'; its teams are: Care, Returns." in words(result.stderr)
    assert not User.objects.filter(username="gwen").exists()


def test_createuser_needs_a_team_for_an_agent(calmdesk, care_team):
    result = calmdesk(
        "createuser", "gwen", "--org", "brightside", "--role", "agent",
        "--password-stdin", input=GOOD_PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "The agent role works within one team; name it with --team." in words(result.stderr)


def test_createuser_refuses_a_username_already_taken(create_agent, alice):
    result = create_agent()
    assert result.exit_code == 0
    again = create_agent()
    assert again.exit_code == 1
    assert "The username 'gwen' is taken." in again.stderr
    assert User.objects.filter(username="gwen").count() == 1
