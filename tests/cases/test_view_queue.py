"""The case queue at /cases/: who sees what, filters, search, paging, HTMX and query count."""

from __future__ import annotations

import pytest

from calmdesk.cases.models import Case
from calmdesk.cases.services import (
    ContactDetails,
    find_or_create_customer,
    open_case,
    record_message,
)

QUEUE = "/cases/"
HTMX = {"HX-Request": "true", "HX-Target": "queue-results"}


def references(response) -> list[str]:
    return [case.reference for case in response.context["page"].object_list]


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    ("who", "sees_care", "sees_returns"),
    [
        ("alice", True, False),
        ("bob", True, False),
        ("frank", False, True),
        ("carol", True, True),
        ("dan", True, True),
        ("eve", False, False),
    ],
)
def test_queue_shows_each_role_only_the_cases_it_may_see(
    request, client, case, returns_case, who, sees_care, sees_returns
):
    """Agents and team leaders see their team, managers and trainers the organisation, and
    someone from another organisation nothing at all."""
    client.force_login(request.getfixturevalue(who))
    response = client.get(QUEUE)
    assert response.status_code == 200
    shown = references(response)
    assert (case.reference in shown) is sees_care
    assert (returns_case.reference in shown) is sees_returns


def test_queue_table_has_header_cells_with_scope(client, alice, case):
    client.force_login(alice)
    html = client.get(QUEUE).content.decode()
    assert '<th scope="col">Reference</th>' in html
    assert f'<th scope="row"><a href="/cases/{case.pk}/">{case.reference}</a></th>' in html


def test_search_finds_a_case_by_words_the_customer_said(client, alice, case, customer):
    other = open_case(
        alice, alice.organisation, customer=customer, channel="sms", text="My toaster smokes."
    )
    client.force_login(alice)
    response = client.get(QUEUE, {"q": "kettle"})
    assert references(response) == [case.reference]
    assert references(client.get(QUEUE, {"q": other.reference.lower()})) == [other.reference]


def test_open_status_filter_leaves_out_resolved_and_closed_cases(client, alice, case, customer):
    done = open_case(alice, alice.organisation, customer=customer, channel="sms", text="Thanks")
    Case.objects.filter(pk=done.pk).update(status="closed")
    client.force_login(alice)
    assert references(client.get(QUEUE, {"status": "open"})) == [case.reference]
    assert references(client.get(QUEUE, {"status": "closed"})) == [done.reference]


def test_channel_and_assignee_filters_narrow_the_queue(client, alice, bob, case, customer):
    unassigned = open_case(None, alice.organisation, customer=customer, channel="email", text="Hi")
    client.force_login(bob)
    assert references(client.get(QUEUE, {"channel": "email"})) == [unassigned.reference]
    assert references(client.get(QUEUE, {"assignee": "none"})) == [unassigned.reference]
    assert references(client.get(QUEUE, {"assignee": str(alice.pk)})) == [case.reference]
    assert references(client.get(QUEUE, {"assignee": "me"})) == []


def test_team_filter_is_offered_to_a_manager_and_narrows_to_one_team(
    client, carol, case, returns_case
):
    client.force_login(carol)
    response = client.get(QUEUE, {"team": str(returns_case.team_id)})
    assert references(response) == [returns_case.reference]
    assert 'name="team"' in response.content.decode()


def test_team_filter_is_not_offered_to_an_agent_who_sees_one_team(client, alice, case):
    client.force_login(alice)
    assert 'name="team"' not in client.get(QUEUE).content.decode()


FURIOUS = (
    "This is the THIRD time my parcel has not arrived. You are useless idiots and I am "
    "contacting my lawyer."
)
WORRIED = "I'm really worried, I have not received my order and I'm not sure what to do?"


CALM = "Thanks, could you tell me your opening hours on Saturday?"


@pytest.fixture
def assessed_cases(alice, customer):
    """A calm case, a furious one and a worried one, as assessed on arrival."""
    org = alice.organisation
    case = open_case(alice, org, customer=customer, channel="email", text=CALM)
    furious = open_case(alice, org, customer=customer, channel="email", text=FURIOUS)
    worried = open_case(alice, org, customer=customer, channel="email", text=WORRIED)
    return case, furious, worried


def test_queue_sorts_most_challenging_first(client, alice, assessed_cases):
    calm, furious, worried = assessed_cases
    Case.objects.filter(pk=calm.pk).update(challenge_level=None)  # not assessed: last
    client.force_login(alice)
    order = references(client.get(QUEUE, {"sort": "challenge"}))
    assert order == [furious.reference, worried.reference, calm.reference]


def test_queue_filters_by_challenge_level_indicator_and_risk(client, alice, assessed_cases):
    calm, furious, worried = assessed_cases
    client.force_login(alice)
    assert references(client.get(QUEUE, {"challenge": "3"})) == [furious.reference]
    assert calm.reference not in references(client.get(QUEUE, {"challenge": "1"}))
    assert references(client.get(QUEUE, {"risk": "threat_legal"})) == [furious.reference]
    assert references(client.get(QUEUE, {"indicator": "anxious"})) == [worried.reference]


def test_queue_filters_by_what_the_case_is_about_and_shows_it(client, alice, assessed_cases):
    calm, furious, worried = assessed_cases
    client.force_login(alice)
    response = client.get(QUEUE, {"issue": "delivery"})
    assert set(references(response)) == {furious.reference, worried.reference}
    assert "Delivery: late, missing or wrong" in response.content.decode()
    # A short answer does not move a case out of its issue.
    record_message(None, furious, channel="email", text="Thursday is fine. It had better turn up.")
    assert furious.reference in references(client.get(QUEUE, {"issue": "delivery"}))
    assert references(client.get(QUEUE, {"issue": "query_request"})) == [calm.reference]


def test_queue_rows_show_the_level_and_signals(client, alice, assessed_cases):
    client.force_login(alice)
    html = client.get(QUEUE, {"risk": "abusive"}).content.decode()
    assert '<th scope="col">Challenge</th>' in html
    assert "Abuse aimed at staff" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "lost"}, "Unknown status &#x27;lost&#x27;"),
        ({"channel": "pigeon"}, "Unknown channel &#x27;pigeon&#x27;"),
        ({"sort": "loudest"}, "Unknown sort &#x27;loudest&#x27;"),
        ({"assignee": "someone"}, "Unknown assignee &#x27;someone&#x27;"),
        ({"team": "care"}, "Unknown team &#x27;care&#x27;"),
        ({"q": "x" * 201}, "Search for at most 200 characters."),
        ({"challenge": "9"}, "Unknown challenge level 9; use 0 to 3."),
        ({"challenge": "high"}, "Unknown challenge level &#x27;high&#x27;"),
        ({"indicator": "grumpy"}, "Unknown indicator &#x27;grumpy&#x27;"),
        ({"risk": "angry"}, "Unknown risk &#x27;angry&#x27;"),
        ({"issue": "broken"}, "Unknown issue &#x27;broken&#x27;"),
    ],
)
def test_bad_filter_value_is_named_in_a_clear_message(client, alice, case, params, message):
    """A filter the queue cannot use is named in an alert; no cases are listed, nothing fails."""
    client.force_login(alice)
    response = client.get(QUEUE, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert references(response) == []


def test_queue_pages_by_the_configured_size_and_marks_the_current_page(
    client, alice, customer, settings
):
    settings.CALMDESK_QUEUE_PAGE_SIZE = 2
    for n in range(5):
        open_case(alice, alice.organisation, customer=customer, channel="sms", text=f"Text {n}")
    client.force_login(alice)
    response = client.get(QUEUE, {"page": "2", "sort": "reference"})
    assert references(response) == ["CD-000003", "CD-000004"]
    html = response.content.decode()
    assert '<nav class="pagination" aria-label="Pages of cases">' in html
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</a>' in html
    # Page links keep the filters they were reached with.
    assert "?page=3&amp;sort=reference" in html


def test_page_number_that_is_not_a_number_shows_the_first_page(client, alice, case):
    client.force_login(alice)
    response = client.get(QUEUE, {"page": "last-but-one"})
    assert response.status_code == 200
    assert references(response) == [case.reference]


def test_htmx_request_gets_only_the_results_region(client, alice, case):
    client.force_login(alice)
    response = client.get(QUEUE, {"q": "kettle"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="queue-results"')
    assert "<html" not in html
    assert case.reference in html
    assert 'id="result-count" hx-swap-oob="innerHTML"' in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, alice, case):
    client.force_login(alice)
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    assert "<html" in client.get(QUEUE, headers=headers).content.decode()


def test_filter_form_submits_by_get_and_updates_results_with_htmx(client, alice):
    client.force_login(alice)
    html = client.get(QUEUE).content.decode()
    assert 'method="get"' in html
    assert 'hx-target="#queue-results"' in html
    assert 'hx-push-url="true"' in html


def test_queue_needs_the_same_few_queries_for_many_cases(
    client, alice, bob, org, django_assert_max_num_queries
):
    """Rows show customer, team and assignee without a query per row."""
    for n in range(30):
        someone = find_or_create_customer(org, ContactDetails(name=f"Customer {n}"))
        open_case(alice if n % 2 else bob, org, customer=someone, channel="sms", text="Hi")
    client.force_login(alice)
    # session, user, teams, people, count, rows
    with django_assert_max_num_queries(6):
        response = client.get(QUEUE, {"status": "open"})
    assert len(references(response)) == 25
