def test_me_names_the_tokens_user_role_and_team(api, alice):
    response = api(alice).get("/api/me")
    assert response.status_code == 200
    assert response.json() == {
        "id": alice.pk,
        "username": "alice",
        "name": "Alice Archer",
        "role": "agent",
        "role_label": "Agent",
        "organisation": "Brightside Electricals",
        "team": {"id": alice.team_id, "name": "Care"},
        "can_write_cases": True,
        "can_assign_to_others": False,
    }


def test_trainer_is_told_they_can_only_read(api, dan):
    body = api(dan).get("/api/me").json()
    assert (body["role"], body["team"], body["can_write_cases"]) == ("trainer", None, False)


def test_manager_may_assign_to_others(api, carol):
    assert api(carol).get("/api/me").json()["can_assign_to_others"] is True


def test_another_organisations_user_sees_only_themselves(api, eve, case):
    body = api(eve).get("/api/me").json()
    assert body["username"] == "eve"
    assert body["organisation"] == "Elsewhere Ltd"
