"""The forms on the case page: add a message, a note or a file, assign, change status, and
change the customer's stated needs. Each is refused with nothing changed when it must be."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from calmdesk.cases.models import Attachment, AuditEntry, Case, Message, Note
from calmdesk.cases.services import change_status
from calmdesk.policy.services import install_policy

# A real PNG signature and header: enough for the type check, which reads the content.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def valid_post(action: str, alice) -> dict:
    """A post each action accepts from Alice, so a refusal cannot be for a bad post."""
    return {
        "messages": {
            "message-direction": "outbound",
            "message-channel": "telephone",
            "message-text": "Rang her back: a replacement is on its way.",
        },
        "notes": {"note-text": "Offer a replacement if she rings again."},
        "attachments": {"upload-file": SimpleUploadedFile("kettle.png", PNG)},
        "assign": {"assign-assignee": ""},
        "status": {"status-status": "in_progress"},
        "customer-needs": {
            "needs-preferred_language": "Welsh",
            "needs-terminology": "plain",
            "needs-kind": "external",
            "needs-needs_large_print": "on",
        },
    }[action]


ACTIONS = ["messages", "notes", "attachments", "assign", "status", "customer-needs"]


def state(case: Case) -> tuple:
    """Everything a case action could change, to compare before and after a refusal."""
    case = Case.objects.select_related("customer").get(pk=case.pk)
    customer = case.customer
    return (
        Message.objects.filter(case=case).count(),
        Note.objects.filter(case=case).count(),
        Attachment.objects.filter(case=case).count(),
        AuditEntry.objects.count(),
        case.status,
        case.assignee_id,
        tuple(customer.stated_needs()),
        customer.kind,
    )


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def post(client, case, action: str, data: dict, **kwargs):
    return client.post(f"/cases/{case.pk}/{action}/", data, **kwargs)


@pytest.mark.parametrize("action", ACTIONS)
def test_agent_acts_on_her_own_teams_case_and_returns_to_it(client, alice, case, action):
    before = state(case)
    client.force_login(alice)
    response = post(client, case, action, valid_post(action, alice))
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    after = state(case)
    assert after != before
    assert after[3] > before[3], "every change leaves an audit entry"


@pytest.mark.parametrize("action", ACTIONS)
def test_trainer_cannot_act_on_a_case(client, dan, alice, case, action, settings):
    """A trainer reads cases but every post is refused with 403 and nothing changed."""
    before = state(case)
    client.force_login(dan)
    response = post(client, case, action, valid_post(action, alice))
    assert response.status_code == 403
    assert "can read cases but not change them" in response.content.decode()
    assert state(case) == before
    assert stored_files(settings) == []


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("who", ["eve", "alice", "bob"])
def test_case_out_of_sight_is_not_found_for_any_action(
    request, client, returns_case, action, who, settings
):
    """Eve's organisation and Care's agents cannot even tell that a Returns case exists."""
    user = request.getfixturevalue(who)
    before = state(returns_case)
    client.force_login(user)
    assert post(client, returns_case, action, valid_post(action, user)).status_code == 404
    assert state(returns_case) == before
    assert stored_files(settings) == []


@pytest.mark.parametrize("action", ACTIONS)
def test_unknown_case_id_is_not_found_for_any_action(client, alice, case, action):
    client.force_login(alice)
    response = client.post(f"/cases/999999/{action}/", valid_post(action, alice))
    assert response.status_code == 404


def test_action_urls_only_accept_posts(client, alice, case):
    client.force_login(alice)
    assert client.get(f"/cases/{case.pk}/notes/").status_code == 405


@pytest.mark.parametrize(
    ("action", "data", "field", "message"),
    [
        ("messages", {"message-text": "   "}, "message-text", "The message is empty."),
        (
            "messages",
            {"message-text": "x" * (1_048_576 + 10)},
            "message-text",
            "the largest calmdesk keeps is 1 MB",
        ),
        ("notes", {"note-text": ""}, "note-text", "The note is empty."),
        (
            "attachments",
            {"upload-file": SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\x00" * 200)},
            "upload-file",
            "not a type calmdesk keeps",
        ),
        (
            "attachments",
            {"upload-file": SimpleUploadedFile("page.html", b"<script>alert(1)</script>")},
            "upload-file",
            "not a type calmdesk keeps",
        ),
        (
            "attachments",
            {"upload-file": SimpleUploadedFile("empty.txt", b"")},
            "upload-file",
            "empty.txt is empty.",
        ),
        ("assign", {"assign-assignee": "bob"}, "assign-assignee", "Select a valid choice"),
        (
            "status",
            {"status-status": "closed"},
            None,
            "A case cannot go from new to closed.",
        ),
        ("status", {"status-status": "lost"}, "status-status", "Select a valid choice"),
        ("customer-needs", {"needs-terminology": "loud"}, "needs-terminology", "valid choice"),
    ],
)
def test_bad_input_is_shown_on_its_form_and_changes_nothing(
    client, alice, bob, case, settings, action, data, field, message
):
    if data.get("assign-assignee") == "bob":
        data = {"assign-assignee": str(bob.pk)}  # an agent may not give a case to someone else
    before = state(case)
    client.force_login(alice)
    response = post(client, case, action, {**valid_post(action, alice), **data})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    if field:
        assert f'id="id_{field}_error"' in html
        assert f'aria-describedby="id_{field}_error' in html or (
            f'aria-describedby="id_{field}_helptext id_{field}_error"' in html
        )
    assert state(case) == before
    assert stored_files(settings) == []


def test_file_over_the_size_limit_is_refused_before_it_is_kept(client, alice, case, settings):
    settings.CALMDESK_MAX_ATTACHMENT_BYTES = 1_048_576
    before = state(case)
    client.force_login(alice)
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * 1_200_000)
    response = post(client, case, "attachments", {"upload-file": big})
    assert response.status_code == 400
    assert "scan.pdf is 1.1 MB; files may be at most 1 MB." in response.content.decode()
    assert state(case) == before
    assert stored_files(settings) == []


def test_team_leader_may_not_give_a_case_to_another_teams_agent(client, bob, frank, case):
    before = state(case)
    client.force_login(bob)
    response = post(client, case, "assign", {"assign-assignee": str(frank.pk)})
    assert response.status_code == 400
    assert state(case) == before


def test_team_leader_gives_a_case_to_an_agent_of_his_team(client, alice, bob, case):
    Case.objects.filter(pk=case.pk).update(assignee=None)
    client.force_login(bob)
    post(client, case, "assign", {"assign-assignee": str(alice.pk)})
    case.refresh_from_db()
    assert case.assignee == alice
    assert AuditEntry.objects.filter(case=case, action="case.assigned", actor=bob).exists()


def test_an_agent_sees_who_has_a_colleagues_case_and_cannot_take_it_off_them(
    client, alice, bob, case
):
    Case.objects.filter(pk=case.pk).update(assignee=bob)
    client.force_login(alice)
    form = client.get(f"/cases/{case.pk}/").context["assign_form"]
    assert form.initial["assignee"] == bob.pk  # not "Nobody"
    assert set(form.fields["assignee"].queryset) == {alice, bob}
    before = state(case)
    response = post(client, case, "assign", {"assign-assignee": ""})
    assert response.status_code == 403
    assert "not take one off a colleague" in response.content.decode()
    assert state(case) == before
    # pressing Assign with the case's own assignee still chosen changes and records nothing
    response = post(client, case, "assign", {"assign-assignee": str(bob.pk)})
    assert response.status_code == 302
    assert state(case) == before


def test_an_agent_may_take_a_colleagues_case_or_let_go_of_her_own(client, alice, bob, case):
    Case.objects.filter(pk=case.pk).update(assignee=bob)
    client.force_login(alice)
    post(client, case, "assign", {"assign-assignee": str(alice.pk)})
    case.refresh_from_db()
    assert case.assignee == alice
    post(client, case, "assign", {"assign-assignee": ""})
    case.refresh_from_db()
    assert case.assignee is None
    assert AuditEntry.objects.filter(case=case, action="case.assigned", actor=alice).count() == 2


def test_a_team_leader_may_take_a_case_off_an_agent(client, alice, bob, case):
    client.force_login(bob)
    post(client, case, "assign", {"assign-assignee": ""})
    case.refresh_from_db()
    assert case.assignee is None


def test_inbound_message_is_recorded_with_its_channel_and_author(client, alice, case):
    client.force_login(alice)
    data = {
        "message-direction": "inbound",
        "message-channel": "letter",
        "message-text": "Letter received: she asks for a refund.",
    }
    post(client, case, "messages", data)
    message = case.messages.last()
    assert (message.direction, message.channel, message.author) == ("inbound", "letter", alice)
    # Words may be marked as evidence, so look for a stretch the model gives no weight.
    assert "she asks for a" in client.get(f"/cases/{case.pk}/").content.decode()


def test_stated_needs_are_saved_and_audited(client, alice, case):
    client.force_login(alice)
    post(client, case, "customer-needs", valid_post("customer-needs", alice))
    case.customer.refresh_from_db()
    assert case.customer.stated_needs() == ["Prefers Welsh", "Large print", "Plain language"]
    entry = AuditEntry.objects.get(action="customer.needs_updated")
    assert (entry.actor, entry.customer) == (alice, case.customer)


def test_htmx_post_gets_the_refreshed_case_region_with_a_notice(client, alice, case):
    client.force_login(alice)
    headers = {"HX-Request": "true", "HX-Target": "case"}
    response = post(client, case, "notes", {"note-text": "Ring on Friday."}, headers=headers)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="case"')
    assert "Ring on Friday." in html
    assert '<div id="flash" hx-swap-oob="innerHTML">' in html
    assert "Note added." in html


def test_htmx_post_with_bad_input_gets_the_case_region_with_the_error(client, alice, case):
    client.force_login(alice)
    headers = {"HX-Request": "true", "HX-Target": "case"}
    response = post(client, case, "notes", {"note-text": " "}, headers=headers)
    assert response.status_code == 400
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="case"')
    assert "The note is empty." in html
    assert Note.objects.count() == 0


def test_post_without_csrf_token_is_refused(alice, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = post(client, case, "notes", {"note-text": "Forged"})
    assert response.status_code == 403
    assert Note.objects.count() == 0


def test_post_with_csrf_token_from_the_page_is_accepted(alice, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.get(f"/cases/{case.pk}/")
    token = client.cookies["csrftoken"].value
    response = post(client, case, "notes", {"note-text": "Genuine", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Note.objects.get().text == "Genuine"


def test_a_message_past_the_reopen_window_takes_you_to_the_new_linked_case(client, alice, case):
    demo = Path(__file__).parents[2] / "src" / "calmdesk" / "demo" / "policy.yaml"
    install_policy(case.organisation, demo.read_text(), actor=None)
    long_ago = timezone.now() - timedelta(days=40)
    change_status(alice, case, "resolved", reason="Customer satisfied", now=long_ago)
    client.force_login(alice)
    data = {
        "message-direction": "inbound",
        "message-channel": "telephone",
        "message-text": "The kettle has stopped again, two months on.",
    }
    response = post(client, case, "messages", data)
    new_case = Case.objects.exclude(pk=case.pk).get()
    assert response.status_code == 302
    assert response.url == f"/cases/{new_case.pk}/"
    page = client.get(response.url).content.decode()
    assert f"Message recorded on a new case, linked to {case.reference}." in page
