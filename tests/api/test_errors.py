import doctest
import logging

import calmdesk.api.errors
from calmdesk.cases import services
from calmdesk.cases.models import Note


def test_error_helpers_behave_as_their_docstrings_show():
    assert doctest.testmod(calmdesk.api.errors).failed == 0


def test_an_unexpected_failure_is_logged_and_answered_in_json(
    api, alice, case, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "add_note", broken)
    with caplog.at_level(logging.ERROR, logger="calmdesk.api"):
        response = api(alice).post(f"/api/cases/{case.reference}/notes", {"text": "Hi"})
    assert response.status_code == 500
    assert response.json() == {"detail": "Something went wrong on our side; it has been logged."}
    assert "disk on fire" in caplog.text
    assert not Note.objects.exists()


def test_a_method_an_endpoint_does_not_have_is_refused(api, alice, case):
    assert api(alice).client.delete(f"/api/cases/{case.reference}").status_code == 405
