"""What a case is about, kept across its customer's messages (core.assessment.case_issue)."""

from __future__ import annotations

import pytest

from calmdesk.core.assessment.case_issue import IssueReading, case_issue_index, count_words


def reading(issue: str, confidence: float, words: int = 20) -> IssueReading:
    return IssueReading(issue, confidence, words)


def test_no_reading_says_nothing():
    assert case_issue_index([]) is None


def test_a_single_message_says_what_its_case_is_about():
    assert case_issue_index([reading("faulty", 0.3, words=2)]) == 0


def test_a_short_answer_does_not_turn_a_missed_delivery_into_a_fault():
    # The demo's fridge customer: "Thursday is fine. It had better turn up this time."
    readings = [reading("delivery", 0.93, 80), reading("faulty", 0.63, 10)]
    assert case_issue_index(readings) == 0


def test_a_few_words_never_change_the_issue_however_sure():
    readings = [reading("billing", 0.85), reading("delivery", 0.99, words=5)]
    assert case_issue_index(readings) == 0


def test_a_later_message_that_reads_its_issue_surely_takes_over():
    readings = [reading("delivery", 0.93), reading("faulty", 0.8, words=14)]
    assert case_issue_index(readings) == 1


def test_an_unsure_later_reading_never_takes_over_however_unsure_the_first():
    # On real conversations this lost more than it won: both readings are guesses.
    assert case_issue_index([reading("faulty", 0.30), reading("billing", 0.55)]) == 0


def test_thanks_read_as_other_never_replaces_a_specific_issue():
    readings = [reading("faulty", 0.4), reading("other", 0.95, words=12)]
    assert case_issue_index(readings) == 0


def test_a_specific_issue_replaces_other():
    readings = [reading("other", 0.9), reading("account_access", 0.3, words=8)]
    assert case_issue_index(readings) == 1


def test_the_newest_message_that_may_take_over_does():
    readings = [
        reading("delivery", 0.9),
        reading("faulty", 0.8),
        reading("faulty", 0.2, words=3),
        reading("billing", 0.5),
        reading("billing", 0.76),
    ]
    assert case_issue_index(readings) == 4


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Thursday is fine. It had better turn up this time.", 10),
        ("@BrightsideHE yes please, DM'd you #thanks https://t.co/x1", 4),
        ("Order 4471203 arrived on 12/05", 3),
        ("", 0),
        ("Ça marche, merci beaucoup", 4),
    ],
)
def test_words_are_what_the_customer_wrote(text, words):
    assert count_words(text) == words
