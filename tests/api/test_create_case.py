import pytest

from calmdesk.cases.models import AuditEntry, Case, ContactPoint, Customer, Message

NEW_CASE = {
    "customer": {"name": "Sam Okoro", "email": "sam@example.com", "handle": "@samokoro"},
    "channel": "social_media",
    "subject": "Toaster sparks",
    "text": "My new toaster sparked when I switched it on. I want my money back.",
}


def _nothing_written():
    return Case.objects.count() == 0 and Customer.objects.count() == 0


def test_agent_opens_a_case_for_a_new_customer_on_their_team(api, alice):
    response = api(alice).post("/api/cases", NEW_CASE)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"] == "CD-000001"
    assert body["team"]["name"] == "Care"
    assert body["assignee"]["username"] == "alice"
    assert body["first_channel"] == "social_media"
    assert body["customer"]["name"] == "Sam Okoro"
    assert [m["text"] for m in body["messages"]] == [NEW_CASE["text"]]
    case = Case.objects.get(reference="CD-000001")
    assert case.subject == "Toaster sparks"
    assert AuditEntry.objects.filter(case=case, action="case.opened", actor=alice).exists()


def test_a_known_contact_point_finds_the_existing_customer(api, alice, customer):
    body = {**NEW_CASE, "customer": {"name": "P. Shah", "phone": "07700-900-123"}}
    response = api(alice).post("/api/cases", body)
    assert response.status_code == 201
    assert response.json()["customer"]["id"] == customer.pk
    assert Customer.objects.count() == 1


def test_channel_defaults_to_api(api, alice):
    body = {key: value for key, value in NEW_CASE.items() if key != "channel"}
    assert api(alice).post("/api/cases", body).json()["first_channel"] == "api"


def test_posting_the_same_external_id_again_returns_the_existing_case(api, alice):
    caller = api(alice)
    body = {**NEW_CASE, "external_id": "crm-4411"}
    first = caller.post("/api/cases", body)
    again = caller.post("/api/cases", body)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["reference"] == first.json()["reference"]
    assert Case.objects.count() == 1
    assert Message.objects.count() == 1


def test_a_replay_that_loses_the_race_returns_the_winners_case(api, alice, monkeypatch):
    """Two requests with one external_id at once: the second insert fails, and is answered as
    a replay rather than a 500."""
    from calmdesk.cases import api as cases_api

    caller = api(alice)
    first = caller.post("/api/cases", {**NEW_CASE, "external_id": "crm-race"})
    real_lookup = cases_api._case_with_external_id
    calls = []

    def lookup_missing_the_first_time(user, external_id):
        calls.append(external_id)
        # The first lookup misses, as if the other request had not committed yet.
        return None if len(calls) == 1 else real_lookup(user, external_id)

    monkeypatch.setattr(cases_api, "_case_with_external_id", lookup_missing_the_first_time)
    again = caller.post("/api/cases", {**NEW_CASE, "external_id": "crm-race"})
    assert len(calls) == 2
    assert again.status_code == 200
    assert again.json()["reference"] == first.json()["reference"]
    assert Case.objects.count() == 1


def test_an_external_id_on_a_case_the_caller_cannot_see_is_a_conflict(api, alice, returns_case):
    Message.objects.filter(case=returns_case).update(external_id="crm-9")
    response = api(alice).post("/api/cases", {**NEW_CASE, "external_id": "crm-9"})
    assert response.status_code == 409
    assert returns_case.reference not in response.json()["detail"]
    assert Case.objects.count() == 1


def test_manager_opens_a_case_on_a_named_team(api, carol, returns_team):
    response = api(carol).post("/api/cases", {**NEW_CASE, "team": returns_team.pk})
    assert response.status_code == 201
    assert response.json()["team"]["name"] == "Returns"


def test_agent_cannot_open_a_case_for_another_team(api, alice, returns_team):
    response = api(alice).post("/api/cases", {**NEW_CASE, "team": returns_team.pk})
    assert response.status_code == 403
    assert response.json()["detail"] == "You can only open cases for your own team."
    assert _nothing_written()


def test_a_team_of_another_organisation_is_unknown(api, alice, eve):
    response = api(alice).post("/api/cases", {**NEW_CASE, "team": eve.team_id})
    assert response.status_code == 400
    assert _nothing_written()


def test_trainer_cannot_open_a_case_and_nothing_is_written(api, dan):
    response = api(dan).post("/api/cases", NEW_CASE)
    assert response.status_code == 403
    assert "can read cases but not change them" in response.json()["detail"]
    assert _nothing_written()
    assert not ContactPoint.objects.exists()


def test_trainer_replaying_an_external_id_is_still_refused(api, dan, case):
    Message.objects.filter(case=case).update(external_id="crm-1")
    response = api(dan).post("/api/cases", {**NEW_CASE, "external_id": "crm-1"})
    assert response.status_code == 403


def test_another_organisation_opens_its_own_case_and_never_touches_ours(api, eve, case):
    """Eve's external id and contact details match ours, yet she gets a case of her own."""
    Message.objects.filter(case=case).update(external_id="crm-1")
    body = {**NEW_CASE, "customer": {"email": "priya@example.com"}, "external_id": "crm-1"}
    response = api(eve).post("/api/cases", body)
    assert response.status_code == 201
    assert response.json()["reference"] == "CD-000001"
    created = Case.objects.get(organisation=eve.organisation)
    assert created.customer.organisation == eve.organisation
    assert created.customer != case.customer


@pytest.mark.parametrize(
    ("change", "status", "detail"),
    [
        ({"text": "   "}, 400, "The message is empty."),
        ({"text": "x" * 1_048_577}, 400, "the largest calmdesk keeps is 1 MB"),
        ({"text": "a\x00b"}, 400, "NUL character"),
        ({"customer": {}}, 400, "A customer needs a name or a way to contact them."),
        ({"channel": "pigeon"}, 422, "channel: Input should be"),
        ({"text": None}, 422, "text:"),
        ({"sent_at": "2026-01-01T09:00:00"}, 422, "sent_at: Input should have timezone info"),
        ({"external_id": "x" * 501}, 422, "external_id:"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_is_written(
    api, alice, change, status, detail
):
    response = api(alice).post("/api/cases", {**NEW_CASE, **change})
    assert response.status_code == status, response.content
    assert detail in response.json()["detail"]
    assert _nothing_written()
    assert not AuditEntry.objects.filter(action="case.opened").exists()


def test_a_body_that_is_not_json_is_a_clear_400(api, alice):
    response = api(alice).post("/api/cases", '{"customer": {"name": "Sam"')
    assert response.status_code == 400
    assert response.json() == {"detail": "The request body is not valid JSON."}
    assert _nothing_written()


def test_a_body_larger_than_uploads_may_be_is_refused_before_it_is_read(api, alice, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api(alice).post("/api/cases", {**NEW_CASE, "text": "y" * 2000})
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert _nothing_written()
