"""Searching the queue by reference, customer, subject and message text."""

from __future__ import annotations

import pytest
from django.db import connection

from calmdesk.cases.access import cases_visible_to
from calmdesk.cases.queries import BadFilter, QueueFilters, filter_queue
from calmdesk.cases.services import record_message


def _search(user, term: str) -> list[str]:
    return list(
        filter_queue(cases_visible_to(user), QueueFilters(q=term), user).values_list(
            "reference", flat=True
        )
    )


def test_search_finds_a_case_by_words_in_any_of_its_messages(alice, case):
    record_message(alice, case, channel="email", text="The replacement fuse did not help at all.")
    assert _search(alice, "replacement FUSE") == [case.reference]
    assert _search(alice, "toaster") == []


def test_search_finds_a_case_by_customer_name_and_reference(alice, case):
    assert _search(alice, "priya") == [case.reference]
    assert _search(alice, case.reference.lower()) == [case.reference]


def test_search_never_reaches_past_what_the_user_may_see(alice, returns_case):
    """Alice searching for words in the Returns team's case finds nothing."""
    assert _search(alice, "refund") == []


def test_unknown_filter_values_are_refused_with_their_name():
    with pytest.raises(BadFilter, match="status 'lost'"):
        QueueFilters(status="lost")
    with pytest.raises(BadFilter, match="sort"):
        QueueFilters(sort="random")


def test_search_matches_words_by_their_stem_across_all_messages(alice, case):
    """Every word must be in the case's messages, in any form: "fuses replaced" finds both."""
    record_message(alice, case, channel="email", text="I replaced the plug yesterday.")
    record_message(alice, case, channel="email", text="The new fuse did not help at all.")
    assert _search(alice, "fuses replaced") == [case.reference]
    assert _search(alice, "fuses toaster") == []
    assert _search(alice, "eplace") == []


@pytest.mark.parametrize("term", ['"', "kettle:*", "a & b | !c", "it's (broken)", "*", "NEAR(x y)"])
def test_search_terms_with_query_syntax_are_taken_as_plain_words(alice, case, term):
    """Quotes, operators and brackets never break the search or change what it means."""
    _search(alice, term)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: set DATABASE_URL")
def test_postgres_has_the_search_indexes(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname IN "
            "('case_search_document', 'customer_name_trgm', 'case_subject_trgm', "
            "'message_text_trgm')"
        )
        assert {row[0] for row in cursor.fetchall()} == {
            "case_search_document",
            "customer_name_trgm",
            "case_subject_trgm",
        }


def test_a_search_says_when_it_shows_only_the_most_recent_matches(client, alice, case, settings):
    """When a way of matching reaches its limit, the queue tells the agent to narrow it."""
    settings.CALMDESK_SEARCH_LIMIT = 1
    client.force_login(alice)
    response = client.get("/cases/", {"q": "kettle"})
    assert case.reference in response.text
    assert "add words to narrow the search" in response.text
    response = client.get("/cases/", {"q": "toaster"})
    assert "add words to narrow the search" not in response.text
