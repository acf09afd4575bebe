"""Error pages keep the site's layout and landmarks and say what to do next, without telling
whether a case of another team exists."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.test import Client


def test_a_case_of_another_team_is_a_plain_not_found_page_with_a_way_back(
    client, alice, returns_case
):
    client.force_login(alice)
    for url in (f"/cases/{returns_case.pk}/", "/cases/999999/", "/no-such-page/"):
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert '<main id="main"' in html
        assert "<h1>Not found</h1>" in html
        assert 'href="/cases/">Back to the case queue' in html
        assert returns_case.reference not in html
        assert 'aria-label="Main"' in html  # the navigation is still there


def test_a_form_sent_without_its_csrf_token_is_refused_with_a_clear_page(alice, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(f"/cases/{case.pk}/notes/", {"note-text": "Ring her back."})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Please try again</h1>" in html
    assert "Nothing was changed." in html
    assert case.notes.count() == 0


def test_the_server_error_page_needs_nothing_from_the_request():
    html = render_to_string("500.html")
    assert '<main id="main">' in html
    assert "<h1>Something went wrong</h1>" in html
    assert 'lang="en-GB"' in html


def test_djangos_own_refusal_uses_the_refusal_page(rf, alice):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/cases/")
    request.user = alice
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Not allowed</h1>" in html
    assert "Your role does not allow this." in html
    assert "Nothing was changed." in html
