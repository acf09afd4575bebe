from calmdesk.cases.models import Customer
from calmdesk.cases.services import add_note


def test_agent_reads_a_case_with_its_customer_messages_and_notes(api, alice, case):
    Customer.objects.filter(pk=case.customer_id).update(
        preferred_language="Welsh", needs_large_print=True
    )
    add_note(alice, case, "Offered a replacement.")
    response = api(alice).get(f"/api/cases/{case.reference}")
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == case.reference
    assert body["customer"]["stated_needs"] == ["Prefers Welsh", "Large print"]
    assert {"kind": "email", "value": "priya@example.com"} in body["customer"]["contacts"]
    [message] = body["messages"]
    assert message["direction"] == "inbound"
    assert message["channel"] == "telephone"
    assert message["author"]["username"] == "alice"
    assert "switches itself off" in message["text"]
    assert [note["text"] for note in body["notes"]] == ["Offered a replacement."]


def test_reference_is_matched_whatever_its_case(api, alice, case):
    assert api(alice).get("/api/cases/cd-000001").json()["reference"] == "CD-000001"


def test_agent_cannot_see_another_teams_case(api, alice, returns_case):
    response = api(alice).get(f"/api/cases/{returns_case.reference}")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such case."}


def test_manager_and_trainer_read_any_team_of_their_organisation(api, carol, dan, returns_case):
    assert api(carol).get(f"/api/cases/{returns_case.reference}").status_code == 200
    assert api(dan).get(f"/api/cases/{returns_case.reference}").status_code == 200


def test_another_organisation_gets_404_for_our_case(api, eve, case):
    response = api(eve).get(f"/api/cases/{case.reference}")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such case."}


def test_unknown_reference_is_404(api, alice, case):
    assert api(alice).get("/api/cases/CD-999999").status_code == 404
