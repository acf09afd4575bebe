from calmdesk.cases.models import AuditEntry, Note


def test_agent_adds_an_internal_note(api, alice, case):
    response = api(alice).post(f"/api/cases/{case.reference}/notes", {"text": "Sent a label."})
    assert response.status_code == 201
    assert response.json()["text"] == "Sent a label."
    assert response.json()["author"]["username"] == "alice"
    note = Note.objects.get(case=case)
    assert note.author == alice
    assert AuditEntry.objects.filter(case=case, action="note.added").exists()


def test_trainer_cannot_add_a_note(api, dan, case):
    response = api(dan).post(f"/api/cases/{case.reference}/notes", {"text": "Good call."})
    assert response.status_code == 403
    assert response.json()["detail"] == "A trainer / assessor can read cases but not change them."
    assert not Note.objects.exists()


def test_agent_cannot_note_another_teams_case(api, alice, returns_case):
    response = api(alice).post(f"/api/cases/{returns_case.reference}/notes", {"text": "Hi"})
    assert response.status_code == 404
    assert not Note.objects.exists()


def test_manager_notes_any_team(api, carol, returns_case):
    response = api(carol).post(f"/api/cases/{returns_case.reference}/notes", {"text": "Hi"})
    assert response.status_code == 201


def test_another_organisation_cannot_add_a_note(api, eve, case):
    response = api(eve).post(f"/api/cases/{case.reference}/notes", {"text": "Hi"})
    assert response.status_code == 404
    assert not Note.objects.exists()


def test_empty_note_is_refused(api, alice, case):
    response = api(alice).post(f"/api/cases/{case.reference}/notes", {"text": " \n "})
    assert response.status_code == 400
    assert response.json() == {"detail": "The note is empty."}
    assert not Note.objects.exists()


def test_note_without_text_names_the_missing_field(api, alice, case):
    response = api(alice).post(f"/api/cases/{case.reference}/notes", {})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "text", "message": "Field required"}]
    assert not Note.objects.exists()
