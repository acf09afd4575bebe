"""POST /api/assess: the assessment of a text, for any signed-in member of staff."""

from __future__ import annotations

import pytest
from django.test import Client

from calmdesk.cases.models import AuditEntry, Case

ANGRY = "This is the THIRD time the courier has lost my parcel. I am furious and I want a refund!"


def test_it_returns_the_assessment_with_evidence_that_quotes_the_text(api, alice):
    response = api(alice).post("/api/assess", {"text": ANGRY, "channel": "email"})
    assert response.status_code == 200
    body = response.json()
    assert body["issue"] in {"delivery", "billing", "service_complaint"}
    assert body["channel"] == "email"
    assert body["model_version"]
    assert 0 <= body["challenge_level"] <= 3
    assert body["indicators"], "an angry, repeated complaint shows at least one indicator"
    for finding in body["indicators"] + body["risks"]:
        for span in finding["evidence"]:
            assert ANGRY[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize("role_user", ["dan", "carol", "bob"])
def test_every_role_may_assess_because_nothing_is_read_or_stored(api, request, role_user):
    user = request.getfixturevalue(role_user)
    response = api(user).post("/api/assess", {"text": "Where is my order?"})
    assert response.status_code == 200
    assert Case.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="case").exists()


def test_empty_text_is_a_clear_400(api, alice):
    response = api(alice).post("/api/assess", {"text": "   "})
    assert response.status_code == 400
    assert "empty" in response.json()["detail"].lower()


def test_an_unknown_channel_is_refused(api, alice):
    response = api(alice).post("/api/assess", {"text": "Hello", "channel": "pigeon"})
    assert response.status_code == 422


def test_it_needs_credentials(db):
    response = Client().post("/api/assess", {"text": "Hello"}, content_type="application/json")
    assert response.status_code == 401


def test_the_schema_documents_it(client):
    schema = client.get("/api/openapi.json").json()
    assert "post" in schema["paths"]["/api/assess"]


NAMED = "I rang twice and {name} promised a refund. Three weeks on, nothing, and I am so angry."


def test_known_names_are_not_read(api, alice):
    """Names given in `known_names` change no score; the evidence still quotes the text."""
    bodies = []
    for name in ("Nadia", "Wojciech"):
        text = NAMED.format(name=name)
        response = api(alice).post("/api/assess", {"text": text, "known_names": [f"{name} Ali"]})
        assert response.status_code == 200
        body = response.json()
        for finding in body["indicators"] + body["risks"]:
            for span in finding["evidence"]:
                assert text[span["start"] : span["end"]] == span["text"]
        bodies.append(body)
    assert bodies[0]["indicators"]
    scores = [
        [(f["name"], f["score"]) for f in body["indicators"] + body["risks"]] for body in bodies
    ]
    assert scores[0] == scores[1]


@pytest.mark.parametrize(
    ("names", "field"),
    [(["Ann"] * 51, "known_names"), (["x" * 101], "known_names.0"), ("Ann", "known_names")],
)
def test_too_many_or_too_long_names_are_refused_by_name(api, alice, names, field):
    response = api(alice).post("/api/assess", {"text": "Hello", "known_names": names})
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
