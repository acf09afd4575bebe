"""Every inbound message is assessed as it arrives, and again after a model update."""

from __future__ import annotations

import pytest

from calmdesk.cases import assessing
from calmdesk.cases.assessing import assess_messages, pending_messages, reassess_pending
from calmdesk.cases.imports import import_csv_text
from calmdesk.cases.models import AssessmentSignal, Case, Message, MessageAssessment
from calmdesk.cases.services import (
    ContactDetails,
    find_or_create_customer,
    open_case,
    record_message,
)
from calmdesk.core.assessment import ModelFileError, engine_version, load_model

CALM = "Thanks, could you tell me your opening hours on Saturday?"
FURIOUS = (
    "This is the THIRD time my parcel has not arrived. You are useless idiots and I am "
    "contacting my lawyer."
)


def test_a_new_case_carries_the_situation_of_its_first_message(alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=FURIOUS)
    stored = MessageAssessment.objects.get(case=case)
    assert stored.message == case.messages.get()
    assert (stored.issue, stored.challenge_level, stored.trend) == ("delivery", 3, "")
    assert stored.model_version == engine_version()
    assert {"angry", "abusive", "threat_legal"} <= set(
        AssessmentSignal.objects.filter(assessment=stored).values_list("name", flat=True)
    )
    assert (case.latest_assessment_id, case.challenge_level) == (stored.pk, 3)
    assert stored.result["channel"] == "email"
    evidence = stored.result["risks"][0]["evidence"][0]
    assert FURIOUS[evidence["start"] : evidence["end"]] == evidence["text"]


def test_a_reply_moves_the_case_to_its_newest_situation_with_a_trend(alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=CALM)
    assert Case.objects.get(pk=case.pk).challenge_level == 0
    message = record_message(None, case, channel="email", text=FURIOUS)
    case.refresh_from_db()
    assert case.latest_assessment_id == message.pk
    assert (case.challenge_level, message.assessment.trend) == (3, "escalating")


def test_what_staff_send_is_not_assessed(alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=CALM)
    reply = record_message(alice, case, channel="email", text=FURIOUS, direction="outbound")
    assert not MessageAssessment.objects.filter(message=reply).exists()
    case.refresh_from_db()
    assert case.challenge_level == 0


def test_an_import_assesses_every_inbound_row(org, care_team):
    rows = (
        "external_id,customer_name,customer_email,channel,received_at,text\n"
        f'A-1,Ann Lee,ann@example.com,email,2024-03-04T09:30:00,"{CALM}"\n'
        f'A-2,Tom Reid,tom@example.com,email,2024-03-04T10:00:00,"{FURIOUS}"\n'
    )
    import_csv_text(org, rows)
    levels = dict(Case.objects.values_list("customer__name", "challenge_level"))
    assert levels == {"Ann Lee": 0, "Tom Reid": 3}
    assert MessageAssessment.objects.count() == 2


def test_messages_that_repeat_a_text_are_read_once_and_each_gets_the_same_assessment(
    org, care_team, monkeypatch
):
    """Read once for the same names: the model reads a text without the names its case knows,
    so the same text on another customer's case is read again, on the same customer's not."""
    read: list[tuple[str, tuple[str, ...]]] = []
    assess_batch = assessing.assess_batch

    def counting(texts, **kwargs):
        read.extend(zip(texts, kwargs["known_names"], strict=True))
        return assess_batch(texts, **kwargs)

    monkeypatch.setattr(assessing, "assess_batch", counting)
    rows = (
        "external_id,customer_name,customer_email,channel,received_at,case_reference,text\n"
        f'A-1,Ann Lee,ann@example.com,email,2024-03-04T09:30:00,,"{FURIOUS}"\n'
        f'A-2,Tom Reid,tom@example.com,sms,2024-03-04T10:00:00,,"{CALM}"\n'
        f'A-3,Sam Hart,sam@example.com,sms,2024-03-04T10:30:00,,"{FURIOUS}"\n'
        f'A-5,Sam Hart,sam@example.com,sms,2024-03-04T10:40:00,,"{FURIOUS}"\n'
    )
    import_csv_text(org, rows)
    # Ann writes again on her case; the engine has read this text before, in another batch.
    reference = Case.objects.get(customer__name="Ann Lee").reference
    import_csv_text(
        org,
        "external_id,customer_name,channel,received_at,case_reference,text\n"
        f'A-4,Ann Lee,email,2024-03-04T11:00:00,{reference},"{FURIOUS}"\n',
    )
    assert sorted(read) == sorted(
        [
            (FURIOUS, ("Ann Lee",)),
            (CALM, ("Tom Reid",)),
            (FURIOUS, ("Sam Hart",)),
            (FURIOUS, ("Ann Lee",)),
        ]
    )
    stored = {
        m.external_id: m.assessment
        for m in Message.objects.select_related("assessment", "assessment__case")
    }
    model = load_model()
    # Sam's second message opens a case of its own: another case, the same names.
    assert stored["A-3"].case_id != stored["A-5"].case_id
    for key, channel in [("A-1", "email"), ("A-3", "sms"), ("A-5", "sms")]:
        # Every field as the engine gives it for this one message alone.
        alone = assessing.assess(FURIOUS, channel, model=model)
        row = stored[key]
        assert row.result == {**alone.as_dict(), "trend": None}
        assert (row.issue, row.issue_confidence, row.challenge_level, row.language) == (
            alone.issue,
            alone.issue_confidence,
            alone.challenge_level,
            alone.needs.language,
        )
        assert sorted(row.signals.values_list("name", flat=True)) == sorted(
            alone.indicator_names() + alone.risk_names()
        )
    # The trend still follows each case: Ann's second furious message is steady.
    assert (stored["A-1"].trend, stored["A-4"].trend) == ("", "steady")
    assert stored["A-4"].result["trend"] == "steady"


NAMED = (
    "I rang twice and {name} said the refund would be back in five days. It is three weeks "
    "now and still nothing, and {agent} told me yesterday it was sorted. I am so angry."
)


def _scores(stored: MessageAssessment) -> list[object]:
    result = stored.result
    return [
        result["issue"],
        result["issue_confidence"],
        result["challenge_level"],
        [(item["name"], item["score"]) for item in (*result["indicators"], *result["risks"])],
    ]


def test_the_names_a_case_knows_are_not_read(alice, org):
    """The model reads a message without its customer's name and its staff's names: the same
    words on the cases of Nadia Hussain and of Wojciech Nowak, naming each and the agent,
    store the same scores, and the text stored keeps the names."""
    stored = []
    for name in ("Nadia Hussain", "Wojciech Nowak", "Grace Okafor"):
        first = name.split()[0]
        customer = find_or_create_customer(org, ContactDetails(name=name))
        text = NAMED.format(name=first, agent=alice.first_name)
        case = open_case(alice, org, customer=customer, channel="email", text=text)
        row = MessageAssessment.objects.get(case=case)
        assert case.messages.get().text == text
        for item in row.result["indicators"]:
            for span in item["evidence"]:
                assert text[span["start"] : span["end"]] == span["text"]
        stored.append(row)
    assert stored[0].result["indicators"], "the message must read as challenging"
    assert _scores(stored[1]) == _scores(stored[0])
    assert _scores(stored[2]) == _scores(stored[0])
    for row in stored:
        evidence = [span["text"] for item in row.result["indicators"] for span in item["evidence"]]
        assert not {"Nadia", "Wojciech", "Grace", "Alice"} & set(" ".join(evidence).split())


def test_the_names_of_many_cases_take_two_queries(alice, bob, org, django_assert_num_queries):
    """Each case's customer and its organisation's staff, for any number of cases."""
    customers = [
        find_or_create_customer(org, ContactDetails(name=f"Customer {number}"))
        for number in range(5)
    ]
    messages = [
        open_case(alice, org, customer=customer, channel="email", text=CALM).messages.get()
        for customer in customers
    ]
    with django_assert_num_queries(2):
        names = assessing.known_names(messages)
    for number, message in enumerate(messages):
        assert names[message.case_id] == (f"Customer {number}", "Alice", "Archer", "Bob", "Baker")


def test_a_message_the_engine_cannot_read_is_kept_unassessed(alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=CALM)
    markup_only = record_message(None, case, channel="email", text="<div><br></div>")
    assert Message.objects.filter(pk=markup_only.pk).exists()
    assert not MessageAssessment.objects.filter(message=markup_only).exists()
    case.refresh_from_db()
    assert case.challenge_level == 0


def test_a_broken_model_never_loses_a_contact(alice, customer, monkeypatch):
    def broken() -> None:
        raise ModelFileError("weights missing")

    monkeypatch.setattr(assessing, "load_model", broken)
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=FURIOUS)
    assert case.messages.count() == 1
    assert case.challenge_level is None
    assert not MessageAssessment.objects.exists()


@pytest.fixture
def three_cases(alice, customer):
    cases = [
        open_case(alice, alice.organisation, customer=customer, channel="email", text=text)
        for text in (CALM, FURIOUS, CALM)
    ]
    MessageAssessment.objects.update(model_version="text-linear-old", challenge_level=1)
    Case.objects.update(challenge_level=1)
    return cases


def test_reassessment_replaces_what_an_older_model_read(three_cases):
    version = engine_version()
    assert pending_messages(version).count() == 3
    progress = [(step.done, step.pending) for step in reassess_pending(chunk_size=2)]
    assert progress == [(2, 1), (3, 0)]
    assert set(MessageAssessment.objects.values_list("model_version", flat=True)) == {version}
    levels = [Case.objects.get(pk=case.pk).challenge_level for case in three_cases]
    assert levels == [0, 3, 0]
    # Signals are replaced, not doubled.
    assert AssessmentSignal.objects.filter(name="abusive").count() == 1


def test_a_change_of_the_rules_alone_makes_stored_messages_pending(three_cases):
    """The cue rules change results as the weights do: an assessment by the same model under
    an older rules revision is read again."""
    MessageAssessment.objects.update(model_version=f"{load_model().version}+rules-older")
    assert pending_messages(engine_version()).count() == 3
    list(reassess_pending())
    assert pending_messages(engine_version()).count() == 0


def test_reassessment_stopped_midway_resumes_where_it_stopped(three_cases):
    version = engine_version()
    [step] = reassess_pending(chunk_size=1, limit=1)
    assert (step.done, step.pending) == (1, 2)
    assert pending_messages(version).count() == 2
    [step] = reassess_pending(chunk_size=5, after=step.cursor)
    assert (step.done, step.pending) == (2, 0)
    assert pending_messages(version).count() == 0


def test_reassessing_an_older_message_keeps_the_case_on_its_newest(alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=FURIOUS)
    first = case.messages.get()
    newest = record_message(None, case, channel="email", text=CALM)
    assess_messages([first])
    case.refresh_from_db()
    assert (case.latest_assessment_id, case.challenge_level) == (newest.pk, 0)


DELIVERY = "The parcel still has not arrived and the tracking has not moved since Monday."


def test_a_short_answer_keeps_what_the_case_is_about(alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=DELIVERY)
    first = case.messages.get()
    answer = record_message(
        None, case, channel="email", text="Thursday is fine. It had better turn up this time."
    )
    case.refresh_from_db()
    assert case.latest_assessment_id == answer.pk
    assert answer.assessment.issue != "delivery"  # what the model reads in the answer alone
    assert (case.issue_assessment_id, case.issue) == (first.pk, "delivery")
    assert answer.assessment.words == 10


def test_a_later_message_that_surely_raises_another_matter_changes_the_issue(alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=DELIVERY)
    later = record_message(
        None,
        case,
        channel="email",
        text="I also need a refund: you charged my card twice for the same order and I want "
        "the extra payment back.",
    )
    case.refresh_from_db()
    assert (case.issue_assessment_id, case.issue) == (later.pk, "billing")
