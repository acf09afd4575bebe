"""Reply help fitted to the case (issue 5 audit): the repeat-back is a summary in the agent's
voice, questions skip what the message already says, drafts address the customer as a
professional would, promise a time a person would, name the product and split texts between
sentences."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from calmdesk.core.replies.drafting import draft_reply, promise_time, split_sms
from calmdesk.core.replies.gathering import (
    AgreedAction,
    DraftContext,
    Fact,
    KnownFacts,
    repeat_back,
    suggest_questions,
    tried_from_text,
    when_from_text,
)
from calmdesk.core.replies.wording import (
    product_from_text,
    salutation,
    second_person,
    title_from,
    wants_from_text,
)

# --- 1. The repeat-back summarises; it never quotes -------------------------------------------


def test_a_public_post_is_summarised_without_its_handle_or_a_quotation():
    post = "@CornerShopHelp I have rung four times about my blender and NOBODY calls back"
    summary = repeat_back(
        DraftContext(
            issue="service_complaint",
            facts=KnownFacts(product="blender", what_happened=post, tried=tried_from_text(post)),
        )
    )
    assert "@" not in summary
    assert "“" not in summary
    assert "…" not in summary
    assert "you have rung four times about your blender" in summary
    assert "NOBODY" not in summary


def test_what_they_tried_is_said_back_in_the_second_person():
    summary = repeat_back(
        DraftContext(facts=KnownFacts(product="flask", tried="I tried tightening the lid"))
    )
    assert "you tried tightening the lid" in summary
    assert "I tried" not in summary
    assert ":" not in summary.split("right:", 1)[1]  # no "you have already tried: I ..."


def test_a_clause_cut_short_is_said_back_only_up_to_a_whole_clause():
    # What key_clauses gives for a long sentence: its opening and an ellipsis.
    cut = "the toaster burns one side of the bread so I have to turn every slice by…"
    summary = repeat_back(DraftContext(facts=KnownFacts(what_happened=cut)))
    assert "…" not in summary
    assert "the toaster burns one side of the bread" in summary
    assert "turn every slice by" not in summary


def test_thin_facts_give_a_short_honest_summary():
    assert repeat_back(DraftContext(issue="faulty", facts=KnownFacts(product="hairdryer"))) == (
        "So the problem is with your hairdryer — is that right?"
    )


def test_the_customer_speaking_of_us_becomes_we():
    assert second_person("you promised me a call and I bought it from you") == (
        "we promised you a call and you bought it from us"
    )


# --- 2. Facts the message states, and questions only for the rest ----------------------------


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("The hinge snapped. I would like a replacement.", "a replacement"),
        ("I want a full refund for this rubbish", "a full refund for this rubbish"),
        ("Please send me a new charger and I will stop complaining", "a new charger"),
        ("I need an engineer to look at it before the weekend", "an engineer to look at it"),
    ],
)
def test_what_the_customer_wants(text, wanted):
    assert (wants_from_text(text) or "").startswith(wanted)


@pytest.mark.parametrize(
    ("text", "tried"),
    [
        ("I've sent the form back already", "I've sent the form back already"),
        ("We've swapped the fuse, no change", "We've swapped the fuse, no change"),
        ("Four messages over two weeks, nothing!", "I have sent you four messages over two weeks"),
    ],
)
def test_what_the_customer_tried(text, tried):
    assert tried_from_text(text) == tried


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("The screen has flickered for 3 days now", "for 3 days now"),
        ("Two letters in 10 days and no answer", "in 10 days"),
        ("It has not charged since the update", "since the update"),
        ("It was delivered on 14/11 with a dent", "14/11"),
    ],
)
def test_when_it_happened(text, when):
    assert when_from_text(text) == when


def test_no_when_question_for_something_that_has_no_start():
    for issue in ("query_request", "lack_of_understanding", "out_of_stock"):
        facts = KnownFacts(what_happened="I bought a care plan with my freezer")
        asked = {q.fact for q in suggest_questions(DraftContext(issue=issue, facts=facts))}
        assert Fact.WHEN not in asked, issue
    fault = suggest_questions(DraftContext(issue="faulty", facts=KnownFacts(product="hob")))
    when = next(q for q in fault if q.fact == Fact.WHEN)
    assert when.text == "When did you first notice the problem with the hob?"


def test_no_have_you_tried_anything_for_a_question():
    asked = {q.fact for q in suggest_questions(DraftContext(issue="query_request"))}
    assert Fact.TRIED not in asked


def test_the_product_the_customer_names():
    assert product_from_text("my Vortex 9 air fryer keeps tripping the fuse") == (
        "Vortex 9 air fryer"
    )
    assert product_from_text("the new dishwasher leaks") == "dishwasher"
    assert product_from_text("a bed frame", ["bed frame"]) == "bed frame"
    assert product_from_text("my order is late") is None


# --- 3. Drafts: how the customer is addressed, steps, promises, product, texts ----------------

BASE = DraftContext(
    customer_name="Joan Whitfield",
    agent_name="Sam Reed",
    organisation="Hearth & Home",
    issue="faulty",
    facts=KnownFacts(product="slow cooker"),
    next_contact=datetime(2026, 12, 2, 23, 51),
    now=datetime(2026, 12, 1, 16, 20),
)


def _ctx(**changes) -> DraftContext:
    return DraftContext(**{**BASE.__dict__, **changes})


def _part(draft, name: str) -> str:
    return next(p.text for p in draft.parts if p.name == name)


def test_title_and_surname_when_the_customer_gives_a_title():
    title = title_from("Joan Whitfield", ["Thank you.\nJ Whitfield (Ms)"])
    assert title == "Ms"
    for channel in ("email", "letter"):
        draft = draft_reply(_ctx(channel=channel, customer_title=title))
        assert _part(draft, "greeting") == "Dear Ms Whitfield,"
    assert _part(draft_reply(_ctx(channel="email")), "greeting") == "Dear Joan,"
    assert salutation("Dr Ola Bankole", "Dr") == "Dr Bankole"


def test_spoken_scripts_use_the_first_name_and_face_to_face_is_not_a_call():
    call = draft_reply(_ctx(channel="telephone", customer_title="Ms"))
    visit = draft_reply(_ctx(channel="face_to_face", customer_title="Ms"))
    assert _part(call, "closing") == "Thank you for your time today, Joan."
    assert "Whitfield" not in _part(call, "opening")
    assert "this is Sam Reed" in _part(call, "opening")
    assert "this is" not in _part(visit, "opening")
    assert "Sam Reed" in _part(visit, "opening")


def test_steps_are_announced_only_when_there_are_steps():
    confused = _ctx(channel="sms", indicators=("confused",))
    assert "step" not in draft_reply(confused).text()
    actions = (
        AgreedAction("Our repairs team", "collect the slow cooker"),
        AgreedAction("We", "send you a replacement"),
    )
    email = draft_reply(_ctx(indicators=("confused",), actions=actions))
    assert "one step at a time" in email.text()
    assert "1. Our repairs team will collect the slow cooker." in _part(email, "actions")


def test_texts_split_between_sentences_never_inside_one():
    long_actions = tuple(
        AgreedAction("Our repairs team", f"call you about the slow cooker part number {n}")
        for n in range(1, 5)
    )
    draft = draft_reply(_ctx(channel="sms", actions=long_actions, indicators=("angry",)))
    assert len(draft.segments) > 1
    for segment in draft.segments:
        body = re.sub(r"^\(\d+/\d+\) ", "", segment)
        assert body.rstrip().endswith((".", "?", "!", ",")) or body.endswith("Sam Reed"), segment
    assert split_sms("Hello there. We'll call you by 5pm Wed 2 Dec.", 40) == [
        "(1/2) Hello there.",
        "(2/2) We'll call you by 5pm Wed 2 Dec.",
    ]


@pytest.mark.parametrize(
    ("due", "now", "promised"),
    [
        # Late evening: by the close of that working day.
        (datetime(2026, 12, 2, 23, 51), datetime(2026, 12, 1, 16, 0), datetime(2026, 12, 2, 17)),
        # In the working day: the whole hour before it.
        (datetime(2026, 12, 2, 11, 51), datetime(2026, 12, 1, 16, 0), datetime(2026, 12, 2, 11)),
        # That hour already passed: the next whole hour.
        (datetime(2026, 12, 2, 11, 51), datetime(2026, 12, 2, 11, 20), datetime(2026, 12, 2, 12)),
        # Due in the small hours, 5pm the day before has passed: by the end of that day.
        (datetime(2026, 12, 3, 0, 10), datetime(2026, 12, 2, 19, 0), date(2026, 12, 2)),
    ],
)
def test_a_promise_is_a_time_a_person_would_give(due, now, promised):
    assert promise_time(due, now) == promised


def test_the_draft_never_promises_a_time_to_the_minute():
    for channel in ("email", "sms", "telephone"):
        text = draft_reply(_ctx(channel=channel)).text()
        assert "11:51" not in text
        assert not re.search(r"\d:\d\d\s?[ap]m", text), channel
    assert "by 5pm on Wednesday 2 December" in draft_reply(_ctx()).text()


@pytest.mark.parametrize("issue", ["out_of_stock", "query_request", "delivery"])
def test_a_known_product_is_named_in_the_draft(issue):
    text = draft_reply(_ctx(issue=issue)).text()
    assert "slow cooker" in text
    assert "your purchase" not in text
