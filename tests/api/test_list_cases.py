from datetime import timedelta

import pytest
from django.utils import timezone

from calmdesk.cases.models import Case
from calmdesk.cases.services import ContactDetails, find_or_create_customer, open_case


def _references(response):
    assert response.status_code == 200, response.content
    return [item["reference"] for item in response.json()["items"]]


def test_agent_sees_only_their_own_teams_cases(api, alice, case, returns_case):
    assert _references(api(alice).get("/api/cases")) == [case.reference]


def test_manager_sees_every_team_newest_activity_first(api, carol, case, returns_case):
    Case.objects.filter(pk=case.pk).update(last_activity_at=timezone.now() + timedelta(hours=1))
    response = api(carol).get("/api/cases")
    assert _references(response) == [case.reference, returns_case.reference]
    assert response.json()["count"] == 2


def test_trainer_can_read_the_whole_queue(api, dan, case, returns_case):
    assert set(_references(api(dan).get("/api/cases"))) == {case.reference, returns_case.reference}


def test_another_organisation_sees_no_cases(api, eve, case, returns_case):
    response = api(eve).get("/api/cases")
    assert response.json() == {"count": 0, "limit": 25, "offset": 0, "items": []}


def test_a_listed_case_names_its_team_assignee_and_customer(api, alice, case):
    item = api(alice).get("/api/cases").json()["items"][0]
    assert item["status"] == "new"
    assert item["first_channel"] == "telephone"
    assert item["team"] == {"id": alice.team_id, "name": "Care"}
    assert item["assignee"] == {"id": alice.pk, "username": "alice", "name": "Alice Archer"}
    assert item["customer"] == {"id": case.customer_id, "name": "Priya Shah"}
    assert item["message_count"] == 1


def test_queue_filters_narrow_the_list(api, carol, case, returns_case):
    caller = api(carol)
    assert _references(caller.get("/api/cases", channel="email")) == [returns_case.reference]
    assert _references(caller.get("/api/cases", team=case.team_id)) == [case.reference]
    assert _references(caller.get("/api/cases", q="kettle")) == [case.reference]
    assert _references(caller.get("/api/cases", assignee="none")) == []
    assert _references(caller.get("/api/cases", status="resolved")) == []
    assert _references(caller.get("/api/cases", sort="reference")) == [
        case.reference,
        returns_case.reference,
    ]


def test_pages_through_the_list_with_limit_and_offset(api, carol, customer):
    for n in range(5):
        open_case(carol, carol.organisation, customer=customer, channel="sms", text=f"Text {n}")
    caller = api(carol)
    first = caller.get("/api/cases", limit=2, sort="reference").json()
    second = caller.get("/api/cases", limit=2, offset=2, sort="reference").json()
    assert first["count"] == second["count"] == 5
    assert [i["reference"] for i in first["items"]] == ["CD-000001", "CD-000002"]
    assert [i["reference"] for i in second["items"]] == ["CD-000003", "CD-000004"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": 101}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
    ],
)
def test_page_size_outside_1_to_100_is_refused(api, alice, params, message):
    response = api(alice).get("/api/cases", **params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == message


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "lost"}, "Unknown status 'lost'."),
        ({"channel": "pigeon"}, "Unknown channel 'pigeon'."),
        ({"assignee": "someone"}, "Unknown assignee 'someone'."),
        ({"sort": "size"}, "Unknown sort 'size'"),
    ],
)
def test_unknown_filter_values_are_a_clear_400(api, alice, params, message):
    response = api(alice).get("/api/cases", **params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(message)


def test_listing_a_full_page_takes_a_fixed_number_of_queries(
    api, carol, org, django_assert_num_queries
):
    caller = api(carol)
    caller.get("/api/me")  # the token's first use is written down; later calls only read
    for n in range(30):
        other = find_or_create_customer(org, ContactDetails(name=f"Customer {n}"))
        open_case(carol, org, customer=other, channel="sms", text=f"Text {n}")
    # token and user, the count, the page with its team, assignee and customer
    with django_assert_num_queries(3):
        response = caller.get("/api/cases", limit=30)
    assert len(response.json()["items"]) == 30
