import io

import pytest
from rich.console import Console

from calmdesk import cli
from calmdesk.cases.models import Case, Message

from .conftest import words

CSV = (
    "customer_name,customer_email,channel,text,external_id\n"
    "Ruth Ames,ruth@example.com,web_form,My toaster burns one side only.,row-1\n"
    "Kofi Boateng,kofi@example.com,sms,Is my oven still coming on Tuesday?,row-2\n"
)
EMAIL = (
    "From: Ruth Ames <ruth@example.com>\r\n"
    "To: care@brightside.example\r\n"
    "Subject: Toaster\r\n"
    "Message-ID: <toaster-1@example.com>\r\n"
    "Date: Mon, 02 Mar 2026 09:15:00 +0000\r\n"
    "\r\n"
    "The toaster I bought on Saturday burns one side of the bread.\r\n"
)


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(CSV)
    return path


@pytest.fixture
def eml_file(tmp_path):
    path = tmp_path / "toaster.eml"
    path.write_bytes(EMAIL.encode())
    return path


def test_import_csv_reports_what_it_created_and_skips_it_the_second_time(
    calmdesk, care_team, csv_file
):
    """With one organisation, --org may be left out."""
    first = calmdesk("import-csv", str(csv_file))
    assert first.exit_code == 0, first.output
    assert "Cases created 2" in words(first.stdout)
    assert Case.objects.count() == 2
    second = calmdesk("import-csv", str(csv_file))
    assert second.exit_code == 0, second.output
    assert "Cases created 0" in words(second.stdout)
    assert "Already imported, skipped 2" in words(second.stdout)
    assert Case.objects.count() == 2


def test_import_email_as_a_team_leader_puts_the_case_on_their_team(calmdesk, bob, eml_file):
    result = calmdesk("import-email", str(eml_file), "--org", "brightside", "--as", "bob")
    assert result.exit_code == 0, result.output
    assert "Cases created 1" in words(result.stdout)
    case = Case.objects.get()
    assert case.team == bob.team
    assert Message.objects.get().external_id.strip("<>") == "toaster-1@example.com"


def test_import_as_a_trainer_is_refused_and_changes_nothing(calmdesk, dan, csv_file):
    result = calmdesk("import-csv", str(csv_file), "--as", "dan")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not Case.objects.exists()


def test_import_refuses_a_file_calmdesk_cannot_read_and_changes_nothing(
    calmdesk, care_team, tmp_path
):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,text\nRuth,Hello\n")
    result = calmdesk("import-csv", str(bad))
    assert result.exit_code == 1
    assert "customer_name" in result.stderr
    assert not Case.objects.exists()


def test_import_names_a_missing_file(calmdesk, care_team, tmp_path):
    result = calmdesk("import-email", str(tmp_path / "nowhere.mbox"))
    assert result.exit_code == 1
    assert f"There is no file or folder at {tmp_path / 'nowhere.mbox'}." in words(result.stderr)


def test_import_refuses_an_unknown_organisation(calmdesk, care_team, csv_file):
    result = calmdesk("import-csv", str(csv_file), "--org", "nowhere")
    assert result.exit_code == 1
    assert "There is no organisation with the slug 'nowhere'." in words(result.stderr)
    assert not Case.objects.exists()


def test_import_needs_org_when_there_are_several(calmdesk, care_team, eve, csv_file):
    result = calmdesk("import-csv", str(csv_file))
    assert result.exit_code == 1
    assert "Name the organisation with --org; there are several (brightside, elsewhere)." in words(
        result.stderr
    )
    assert not Case.objects.exists()


def test_import_refuses_a_user_of_another_organisation(calmdesk, care_team, eve, csv_file):
    result = calmdesk("import-csv", str(csv_file), "--org", "brightside", "--as", "eve")
    assert result.exit_code == 1
    assert "Brightside Electricals has no user called 'eve'." in words(result.stderr)
    assert not Case.objects.exists()


def test_progress_bar_follows_the_import_on_a_terminal(monkeypatch):
    terminal = Console(file=io.StringIO(), force_terminal=True, width=80)
    monkeypatch.setattr(cli, "err", terminal)
    with cli.progress_bar("Importing mail.mbox") as progress:
        assert progress is not None
        progress(3, 10)
    assert "3/10" in terminal.file.getvalue()


def test_no_progress_bar_is_drawn_for_scripts(monkeypatch):
    monkeypatch.setattr(cli, "err", Console(file=io.StringIO(), force_terminal=False))
    with cli.progress_bar("Importing mail.mbox") as progress:
        assert progress is None
