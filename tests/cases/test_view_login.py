"""Logging in and out of the web interface."""

from __future__ import annotations

from tests.conftest import PASSWORD


def test_login_page_labels_both_fields(client, db):
    html = client.get("/login/").content.decode()
    assert '<label for="id_username">Username</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


def test_wrong_password_is_announced_and_linked_to_the_fields(client, alice):
    response = client.post("/login/", {"username": "alice", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert" id="login-error"' in html
    assert html.count('aria-describedby="login-error"') == 2
    assert "_auth_user_id" not in client.session


def test_login_leads_to_the_case_queue(client, alice):
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/cases/"
    assert "Alice Archer" in client.get("/cases/").content.decode()


def test_login_returns_to_the_page_asked_for(client, alice, case):
    target = f"/cases/{case.pk}/"
    response = client.post("/login/", {"username": "alice", "password": PASSWORD, "next": target})
    assert response["Location"] == target


def test_logout_ends_the_session(client, alice):
    client.force_login(alice)
    response = client.post("/logout/")
    assert response.status_code == 302
    assert client.get("/cases/").status_code == 302


def test_navigation_marks_the_current_page(client, alice):
    client.force_login(alice)
    html = client.get("/cases/").content.decode()
    assert '<nav aria-label="Main">' in html
    assert 'href="/cases/" aria-current="page">Case queue</a>' in html
