from calmdesk.cases.models import AuditEntry, Case


def _assignee(case):
    case.refresh_from_db()
    return case.assignee


def test_team_leader_gives_a_case_to_someone_on_the_team(api, bob, alice, case):
    Case.objects.filter(pk=case.pk).update(assignee=None)
    response = api(bob).post(f"/api/cases/{case.reference}/assign", {"assignee": "alice"})
    assert response.status_code == 200
    assert response.json()["assignee"]["username"] == "alice"
    assert _assignee(case) == alice
    assert AuditEntry.objects.filter(case=case, action="case.assigned", actor=bob).exists()


def test_agent_takes_a_case_but_cannot_give_it_away(api, alice, bob, case):
    Case.objects.filter(pk=case.pk).update(assignee=None)
    caller = api(alice)
    refused = caller.post(f"/api/cases/{case.reference}/assign", {"assignee": "bob"})
    assert refused.status_code == 403
    assert refused.json() == {"detail": "An agent can take a case but not give it to someone else."}
    assert _assignee(case) is None
    taken = caller.post(f"/api/cases/{case.reference}/assign", {"assignee": "alice"})
    assert taken.status_code == 200
    assert _assignee(case) == alice


def test_null_unassigns_the_case(api, bob, case):
    response = api(bob).post(f"/api/cases/{case.reference}/assign", {"assignee": None})
    assert response.status_code == 200
    assert response.json()["assignee"] is None
    assert _assignee(case) is None


def test_team_leader_cannot_give_a_case_to_another_team(api, bob, frank, alice, case):
    response = api(bob).post(f"/api/cases/{case.reference}/assign", {"assignee": "frank"})
    assert response.status_code == 403
    assert "Frank Fisher cannot take cases of this team" in response.json()["detail"]
    assert _assignee(case) == alice


def test_manager_assigns_across_teams(api, carol, frank, case):
    response = api(carol).post(f"/api/cases/{case.reference}/assign", {"assignee": "frank"})
    assert response.status_code == 200
    assert _assignee(case) == frank


def test_nobody_outside_the_organisation_can_be_assigned(api, carol, eve, alice, case):
    response = api(carol).post(f"/api/cases/{case.reference}/assign", {"assignee": "eve"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Nobody called 'eve' works in your organisation."}
    assert _assignee(case) == alice


def test_trainer_cannot_assign(api, dan, bob, alice, case):
    response = api(dan).post(f"/api/cases/{case.reference}/assign", {"assignee": "bob"})
    assert response.status_code == 403
    assert _assignee(case) == alice


def test_agent_cannot_assign_another_teams_case(api, alice, frank, returns_case):
    response = api(alice).post(f"/api/cases/{returns_case.reference}/assign", {"assignee": "alice"})
    assert response.status_code == 404
    assert _assignee(returns_case) == frank


def test_another_organisation_cannot_assign(api, eve, alice, case):
    response = api(eve).post(f"/api/cases/{case.reference}/assign", {"assignee": "eve"})
    assert response.status_code == 404
    assert _assignee(case) == alice


def test_assignee_must_be_given(api, bob, alice, case):
    response = api(bob).post(f"/api/cases/{case.reference}/assign", {})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "assignee"
    assert _assignee(case) == alice


def test_agent_cannot_take_a_case_off_a_colleague(api, alice, bob, case):
    Case.objects.filter(pk=case.pk).update(assignee=bob)
    refused = api(alice).post(f"/api/cases/{case.reference}/assign", {"assignee": None})
    assert refused.status_code == 403
    assert "not take one off a colleague" in refused.json()["detail"]
    assert _assignee(case) == bob
    assert not AuditEntry.objects.filter(case=case, action="case.assigned").exists()
