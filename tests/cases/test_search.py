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


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: set DATABASE_URL")
def test_postgres_has_trigram_indexes_for_the_search(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname IN "
            "('message_text_trgm', 'customer_name_trgm', 'case_subject_trgm')"
        )
        assert {row[0] for row in cursor.fetchall()} == {
            "message_text_trgm",
            "customer_name_trgm",
            "case_subject_trgm",
        }
