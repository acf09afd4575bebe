"""Gathering (issue 5): questions for missing facts only, worded for the customer; the
repeat-back from what the case holds (Unit 7 2.2, M2; C4 2.1, 2.3)."""

from __future__ import annotations

from datetime import date

import pytest

from calmdesk.core.replies.gathering import (
    DraftContext,
    Fact,
    KnownFacts,
    QuestionKind,
    repeat_back,
    suggest_questions,
    tried_from_text,
    what_happened_from_text,
    when_from_text,
)

ALL_KNOWN = KnownFacts(
    product="washing machine",
    purchase_date=date(2026, 5, 3),
    reference="A12345",
    what_happened="Stopped draining",
    when="last week",
    tried="I tried cleaning the filter",
    wants="a repair before Friday",
    contact=("email",),
)


def _asked(context: DraftContext) -> set[Fact]:
    return {question.fact for question in suggest_questions(context)}


def test_nothing_known_asks_for_every_fact_in_order():
    questions = suggest_questions(DraftContext(issue="faulty"))
    assert [q.fact for q in questions] == list(Fact)
    kinds = {q.fact: q.kind for q in questions}
    assert kinds[Fact.WHAT_HAPPENED] == QuestionKind.OPEN
    assert kinds[Fact.REFERENCE] == QuestionKind.CLOSED
    assert kinds[Fact.TRIED] == QuestionKind.PROBING
    assert kinds[Fact.WANTS] == QuestionKind.OPEN
    assert kinds[Fact.CONTACT] == QuestionKind.CLOSED


def test_everything_known_asks_nothing():
    assert suggest_questions(DraftContext(issue="faulty", facts=ALL_KNOWN)) == []


@pytest.mark.parametrize("fact", list(Fact))
def test_never_asks_for_a_fact_the_case_holds(fact):
    """Each fact in turn is the only one missing: only it is asked for."""
    values = {
        Fact.WHAT_HAPPENED: {"what_happened": None},
        Fact.WHEN: {"when": None},
        Fact.REFERENCE: {"reference": None},
        Fact.TRIED: {"tried": None},
        Fact.WANTS: {"wants": None},
        Fact.CONTACT: {"contact": ()},
    }[fact]
    facts = KnownFacts(**{**ALL_KNOWN.__dict__, **values})
    assert _asked(DraftContext(issue="faulty", facts=facts)) == {fact}


def test_when_is_probed_for_a_fault_they_described_without_quoting_them():
    context = DraftContext(
        issue="faulty",
        facts=KnownFacts(product="kettle", what_happened="Kettle switches itself off"),
    )
    when = next(q for q in suggest_questions(context) if q.fact == Fact.WHEN)
    assert when.kind == QuestionKind.PROBING
    assert when.text == "When did you first notice the problem with the kettle?"


def test_plain_words_for_non_specialist_precise_terms_for_specialist():
    plain = suggest_questions(DraftContext(issue="faulty", terminology="plain"))
    expert = suggest_questions(DraftContext(issue="faulty", terminology="specialist"))
    plain_text = next(q.text for q in plain if q.fact == Fact.WHAT_HAPPENED)
    expert_text = next(q.text for q in expert if q.fact == Fact.WHAT_HAPPENED)
    assert "error code" in expert_text
    assert "fault" in expert_text
    assert "error code" not in plain_text
    assert "fault" not in plain_text
    billing = suggest_questions(DraftContext(issue="billing", terminology="specialist"))
    assert "invoice number" in next(q.text for q in billing if q.fact == Fact.REFERENCE)


def test_customer_words_give_when_and_tried():
    text = "My washer stopped draining last week. I've already tried cleaning the filter."
    assert when_from_text(text) == "last week"
    assert tried_from_text(text) == "I've already tried cleaning the filter"
    assert when_from_text("It does not work") is None
    assert tried_from_text("It does not work") is None


def test_repeat_back_uses_what_the_case_holds():
    context = DraftContext(
        facts=KnownFacts(
            product="washing machine",
            purchase_date=date(2026, 5, 3),
            what_happened="Stopped draining",
            when="last week",
            wants="it working before Friday",
        )
    )
    summary = repeat_back(context)
    assert summary.startswith("So")
    assert summary.endswith("Is that right?")
    for words in ("washing machine", "3 May", "stopped draining", "last week", "before Friday"):
        assert words in summary


def test_repeat_back_says_each_thing_once_and_reads_as_a_sentence():
    tried = "I've cleaned the filter and checked the drain hose"
    summary = repeat_back(
        DraftContext(facts=KnownFacts(what_happened=tried, when="Last Sunday", tried=tried))
    )
    assert summary.count("cleaned the filter") == 1
    assert "you've cleaned the filter and checked the drain hose, last Sunday" in summary
    assert repeat_back(DraftContext(facts=KnownFacts(when="two weeks"))) == (
        "So, to check I have this right: this has gone on for two weeks. Is that right?"
    )


def test_repeat_back_invents_nothing_and_is_shorter_when_little_is_known():
    little = repeat_back(DraftContext(issue="delivery"))
    assert little == "So you are getting in touch about a delivery. Is that right?"
    full = repeat_back(DraftContext(facts=ALL_KNOWN))
    assert len(little) < len(full)
    nothing = repeat_back(DraftContext())
    assert "May" not in nothing
    assert "bought" not in nothing
    only_product = repeat_back(DraftContext(facts=KnownFacts(product="kettle")))
    assert "bought" not in only_product
    assert "kettle" in only_product


def test_repeat_back_leads_with_the_fault_not_how_they_came_to_buy_it():
    text = (
        "I fitted a soundbar (bought on the 2nd) for a client. The audio link to their TV drops "
        "every few minutes. I need a fix before Friday."
    )
    summary = repeat_back(
        DraftContext(issue="faulty", facts=KnownFacts(what_happened=what_happened_from_text(text)))
    )
    assert "the audio link to their TV drops every few minutes" in summary
    assert "fitted" not in summary


def test_a_day_or_a_deadline_is_not_said_as_when_it_went_wrong():
    # "on Tuesday" is a delivery still to come; "within 7 days" is a deadline they set us.
    for when in ("on Tuesday", "within 7 days", "by Friday"):
        summary = repeat_back(
            DraftContext(
                issue="delivery",
                facts=KnownFacts(
                    product="fridge", what_happened="the driver left it outside", when=when
                ),
            )
        )
        assert when not in summary
        assert "started" not in summary
    # A fault starts; a question or a purchase does not.
    assert "it started last week" in repeat_back(
        DraftContext(issue="faulty", facts=KnownFacts(when="last week"))
    )
    assert "this has gone on for 3 days" in repeat_back(
        DraftContext(issue="faulty", facts=KnownFacts(when="for 3 days"))
    )
    question = repeat_back(
        DraftContext(issue="query_request", facts=KnownFacts(product="fridge", when="this week"))
    )
    assert question == "So this is about your fridge — is that right?"
    # How long anything has gone on is always worth saying back.
    assert "this has gone on for 3 weeks" in repeat_back(
        DraftContext(issue="out_of_stock", facts=KnownFacts(product="ink", when="3 weeks"))
    )


def test_repeat_back_says_nothing_empty_or_shouted_and_names_the_issue_once():
    empty = repeat_back(
        DraftContext(
            issue="billing", facts=KnownFacts(reference="BHF-220417", what_happened="It will not")
        )
    )
    assert empty == (
        "So, to check I have this right: this is about a bill or payment (order BHF-220417). "
        "Is that right?"
    )
    shouted = repeat_back(
        DraftContext(facts=KnownFacts(what_happened="I PAID for delivery and installation"))
    )
    assert "you paid for delivery and installation" in shouted


def test_an_agents_note_is_said_back_to_the_customer_in_good_grammar():
    def said_back(note: str) -> str:
        return repeat_back(DraftContext(facts=KnownFacts(what_happened=note), agent_notes=True))

    assert "you don't understand why the till says no" in said_back(
        "Mr Nolan doesn't understand why the till says no"
    )
    assert "the assistant who served you spoke only to the interpreter" in said_back(
        "She says the assistant who served her spoke only to the interpreter"
    )
    assert "you've been queueing for 20 minutes" in said_back(
        "He's been queueing for 20 minutes with a kettle"
    )


def test_a_long_repeat_back_is_a_sentence_a_fact_and_a_refusal_is_not_a_threat():
    long = repeat_back(
        DraftContext(
            issue="out_of_stock",
            facts=KnownFacts(
                product="games console",
                what_happened="Today I got an email saying the order is cancelled for stock",
                wants="to know if there is any way of still getting one before the holidays",
            ),
        )
    )
    assert long == (
        "So, to check I have this right: this is about your games console. Today you got an "
        "email saying the order is cancelled for stock. And you would like to know if "
        "there is any way of still getting one before the holidays. Is that right?"
    )
    refusal = repeat_back(
        DraftContext(facts=KnownFacts(what_happened="I will not accept a repair or a voucher"))
    )
    assert "you are not willing to accept a repair or a voucher" in refusal


def test_what_they_want_is_said_back_whole_and_mid_sentence():
    summary = repeat_back(
        DraftContext(
            facts=KnownFacts(wants="A delivery that turns up, and something for two lost days")
        )
    )
    assert "you would like a delivery that turns up, and something for two lost days" in summary
