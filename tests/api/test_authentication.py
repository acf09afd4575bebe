import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from calmdesk.api.tokens import issue_api_token, revoke_api_token
from calmdesk.cases.models import Note
from calmdesk.people.models import ApiToken

EVERY_ENDPOINT = [
    ("get", "/api/me"),
    ("get", "/api/cases"),
    ("post", "/api/cases"),
    ("get", "/api/cases/CD-000001"),
    ("post", "/api/cases/CD-000001/messages"),
    ("post", "/api/cases/CD-000001/notes"),
    ("post", "/api/cases/CD-000001/status"),
    ("post", "/api/cases/CD-000001/assign"),
]


def _call(caller, method, path):
    if method == "get":
        return caller.get(path)
    return caller.post(path, {"text": "Hello", "status": "in_progress"})


@pytest.mark.parametrize(("method", "path"), EVERY_ENDPOINT)
def test_unknown_token_is_refused_everywhere(with_token, case, method, path):
    response = _call(with_token("cd_not-a-real-token"), method, path)
    assert response.status_code == 401
    assert "unknown, revoked" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "path"), EVERY_ENDPOINT)
def test_revoked_token_is_refused_everywhere_and_changes_nothing(api, alice, case, method, path):
    caller = api(alice)
    revoke_api_token(alice, "tests 1")
    notes_before = Note.objects.count()
    response = _call(caller, method, path)
    assert response.status_code == 401
    case.refresh_from_db()
    assert case.status == "new"
    assert case.message_count == 1
    assert Note.objects.count() == notes_before


@pytest.mark.parametrize(("method", "path"), EVERY_ENDPOINT)
def test_a_request_without_credentials_is_told_how_to_authenticate(case, method, path):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(path, content_type="application/json")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]


def test_token_of_an_inactive_user_is_refused(api, alice):
    caller = api(alice)
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert caller.get("/api/me").status_code == 401


def test_a_bearer_header_that_is_not_a_token_is_refused(with_token, alice):
    assert with_token("").get("/api/me").status_code == 401
    assert with_token("x" * 5000).get("/api/me").status_code == 401


def test_using_a_token_records_when_it_was_last_used(api, alice):
    caller = api(alice)
    token = ApiToken.objects.get(user=alice)
    assert token.last_used_at is None
    assert caller.get("/api/me").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < timedelta(minutes=1)


def test_last_used_is_written_at_most_once_a_minute(api, alice, django_assert_num_queries):
    """A busy script does not turn every read into a write."""
    caller = api(alice)
    caller.get("/api/me")
    with django_assert_num_queries(1) as queries:
        caller.get("/api/me")
    assert not queries.captured_queries[0]["sql"].startswith("UPDATE")


def test_signed_in_browser_session_can_read(client, alice, case):
    client.force_login(alice)
    response = client.get("/api/cases")
    assert response.status_code == 200
    assert [item["reference"] for item in response.json()["items"]] == [case.reference]


def test_session_write_without_csrf_token_is_refused_and_changes_nothing(alice, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(
        f"/api/cases/{case.reference}/notes",
        json.dumps({"text": "Rang back"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Note.objects.filter(case=case).exists()


def test_session_write_with_csrf_token_is_accepted(alice, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.get("/login/")  # sets the csrftoken cookie, as any calmdesk page does
    response = client.post(
        f"/api/cases/{case.reference}/notes",
        json.dumps({"text": "Rang back"}),
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )
    assert response.status_code == 201
    assert Note.objects.filter(case=case, text="Rang back").exists()


def test_token_writes_need_no_csrf_token(api, alice, case):
    response = api(alice).post(f"/api/cases/{case.reference}/notes", {"text": "Rang back"})
    assert response.status_code == 201


def test_a_bad_token_is_not_rescued_by_a_session(alice, case):
    """Someone who sends a token means to use it; a revoked one fails even when signed in."""
    secret = issue_api_token(alice, "script")
    revoke_api_token(alice, "script")
    client = Client()
    client.force_login(alice)
    response = client.get("/api/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
