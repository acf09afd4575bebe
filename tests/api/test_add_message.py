import pytest

from calmdesk.cases.models import AuditEntry, Case, Message

REPLY = {
    "direction": "outbound",
    "channel": "email",
    "subject": "Your kettle",
    "text": "I am sorry the kettle keeps switching off. A replacement is on its way.",
    "sent_at": "2026-03-02T10:15:00+00:00",
}


def _unchanged(case):
    case.refresh_from_db()
    return case.message_count == 1 and Message.objects.filter(case=case).count() == 1


def test_agent_records_a_reply_on_their_case(api, alice, case):
    response = api(alice).post(f"/api/cases/{case.reference}/messages", REPLY)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["direction"] == "outbound"
    assert body["author"]["username"] == "alice"
    assert body["sent_at"] == "2026-03-02T10:15:00Z"
    case.refresh_from_db()
    assert case.message_count == 2
    assert AuditEntry.objects.filter(case=case, action="message.recorded", actor=alice).exists()


def test_a_customer_writing_to_a_resolved_case_reopens_it(api, alice, case):
    Case.objects.filter(pk=case.pk).update(status="resolved")
    body = {"channel": "email", "text": "It has stopped working again."}
    assert api(alice).post(f"/api/cases/{case.reference}/messages", body).status_code == 201
    case.refresh_from_db()
    assert case.status == "reopened"


def test_posting_the_same_external_id_again_returns_the_first_message(api, alice, case):
    caller = api(alice)
    body = {**REPLY, "external_id": "<reply-1@brightside.example>"}
    first = caller.post(f"/api/cases/{case.reference}/messages", body)
    again = caller.post(f"/api/cases/{case.reference}/messages", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    case.refresh_from_db()
    assert case.message_count == 2


def test_an_external_id_already_on_another_case_is_a_conflict(api, carol, case, returns_case):
    Message.objects.filter(case=returns_case).update(external_id="m-1")
    body = {**REPLY, "external_id": "m-1"}
    response = api(carol).post(f"/api/cases/{case.reference}/messages", body)
    assert response.status_code == 409
    assert _unchanged(case)


def test_trainer_cannot_add_a_message(api, dan, case):
    response = api(dan).post(f"/api/cases/{case.reference}/messages", REPLY)
    assert response.status_code == 403
    assert "can read cases but not change them" in response.json()["detail"]
    assert _unchanged(case)


def test_agent_cannot_write_to_another_teams_case(api, alice, returns_case):
    response = api(alice).post(f"/api/cases/{returns_case.reference}/messages", REPLY)
    assert response.status_code == 404
    assert _unchanged(returns_case)


def test_manager_writes_to_any_team(api, carol, returns_case):
    response = api(carol).post(f"/api/cases/{returns_case.reference}/messages", REPLY)
    assert response.status_code == 201


def test_another_organisation_cannot_add_a_message(api, eve, case):
    response = api(eve).post(f"/api/cases/{case.reference}/messages", REPLY)
    assert response.status_code == 404
    assert _unchanged(case)


@pytest.mark.parametrize(
    ("change", "status", "detail"),
    [
        ({"text": ""}, 400, "The message is empty."),
        ({"text": "é" * 600_000}, 400, "the largest calmdesk keeps is 1 MB"),
        ({"channel": "carrier_pigeon"}, 422, "channel: Input should be"),
        ({"direction": "sideways"}, 422, "direction: Input should be"),
        ({"sent_at": "yesterday"}, 422, "sent_at:"),
    ],
)
def test_bad_message_is_refused_and_changes_nothing(api, alice, case, change, status, detail):
    response = api(alice).post(f"/api/cases/{case.reference}/messages", {**REPLY, **change})
    assert response.status_code == status, response.content
    assert detail in response.json()["detail"]
    assert _unchanged(case)
