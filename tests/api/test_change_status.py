from calmdesk.cases.models import AuditEntry, Case


def _status(case):
    case.refresh_from_db()
    return case.status


def test_agent_moves_their_case_on(api, alice, case):
    response = api(alice).post(f"/api/cases/{case.reference}/status", {"status": "in_progress"})
    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    assert _status(case) == "in_progress"
    entry = AuditEntry.objects.get(case=case, action="case.status_changed")
    assert entry.detail == {"old": "new", "new": "in_progress"}


def test_a_move_the_lifecycle_forbids_is_a_409_with_the_reason(api, alice, case):
    Case.objects.filter(pk=case.pk).update(status="closed")
    response = api(alice).post(f"/api/cases/{case.reference}/status", {"status": "in_progress"})
    assert response.status_code == 409
    assert response.json() == {
        "detail": "A closed case must be re-opened before it can move to in progress."
    }
    assert _status(case) == "closed"


def test_unknown_status_is_refused(api, alice, case):
    response = api(alice).post(f"/api/cases/{case.reference}/status", {"status": "done"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"
    assert _status(case) == "new"


def test_trainer_cannot_change_status(api, dan, case):
    response = api(dan).post(f"/api/cases/{case.reference}/status", {"status": "resolved"})
    assert response.status_code == 403
    assert _status(case) == "new"
    assert not AuditEntry.objects.filter(action="case.status_changed").exists()


def test_agent_cannot_change_another_teams_case(api, alice, returns_case):
    response = api(alice).post(
        f"/api/cases/{returns_case.reference}/status", {"status": "resolved"}
    )
    assert response.status_code == 404
    assert _status(returns_case) == "new"


def test_manager_changes_any_teams_case(api, carol, returns_case):
    response = api(carol).post(
        f"/api/cases/{returns_case.reference}/status", {"status": "resolved"}
    )
    assert response.status_code == 200
    assert _status(returns_case) == "resolved"


def test_another_organisation_cannot_change_status(api, eve, case):
    response = api(eve).post(f"/api/cases/{case.reference}/status", {"status": "resolved"})
    assert response.status_code == 404
    assert _status(case) == "new"
