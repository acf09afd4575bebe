from calmdesk.people.models import Organisation, Team

from .conftest import words


def test_createorg_makes_the_first_team_the_intake_team(calmdesk):
    result = calmdesk(
        "createorg", "Northgate Audio", "--slug", "northgate", "--team", "Help", "--team", "Repairs"
    )
    assert result.exit_code == 0, result.output
    organisation = Organisation.objects.get(slug="northgate")
    assert organisation.name == "Northgate Audio"
    teams = {team.name: team.is_intake for team in Team.objects.filter(organisation=organisation)}
    assert teams == {"Help": True, "Repairs": False}
    assert "new cases go to Help" in words(result.stdout)


def test_createorg_refuses_a_slug_already_in_use_and_changes_nothing(calmdesk, org):
    result = calmdesk("createorg", "Another", "--slug", org.slug, "--team", "Help")
    assert result.exit_code == 1
    assert f"An organisation with the slug '{org.slug}' already exists." in words(result.stderr)
    assert Organisation.objects.count() == 1
    assert not Team.objects.filter(name="Help").exists()


def test_createorg_refuses_a_slug_with_spaces(calmdesk):
    result = calmdesk("createorg", "Northgate", "--slug", "north gate", "--team", "Help")
    assert result.exit_code == 1
    assert "not a valid slug" in result.stderr
    assert not Organisation.objects.exists()


def test_createorg_refuses_two_teams_with_the_same_name(calmdesk):
    result = calmdesk("createorg", "Northgate", "--slug", "ng", "--team", "Help", "--team", "help")
    assert result.exit_code == 1
    assert "Each team needs a name of its own." in result.stderr
    assert not Organisation.objects.exists()


def test_createorg_needs_at_least_one_team(calmdesk):
    result = calmdesk("createorg", "Northgate", "--slug", "ng")
    assert result.exit_code != 0
    assert not Organisation.objects.exists()
