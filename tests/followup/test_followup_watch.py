"""The re-open watch: customers likely to come back (C4 2.9, 3.9)."""

from __future__ import annotations

import pytest

from calmdesk.cases.models import AuditEntry
from calmdesk.cases.services import open_case, record_message
from calmdesk.core.roles import NotAllowed
from calmdesk.followup import services
from calmdesk.followup.models import ReopenWatch
from calmdesk.notifications.models import Notification

LEAVING = (
    "This is the third time I have had to chase you. I am taking my business elsewhere and "
    "I will never shop with you again."
)


def test_an_agent_marks_a_customer_and_the_team_leaders_and_managers_are_told(
    alice, bob, carol, frank, case
):
    watch = services.watch_customer(alice, case, reason="Unhappy with the repair times")
    assert (watch.customer, watch.trigger, watch.active) == (case.customer, "agent", True)
    told = set(
        Notification.objects.filter(kind="reopen_watch").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"bob", "carol"}  # not Alice herself, not another team's agent
    assert AuditEntry.objects.filter(action="watch.raised").count() == 1


def test_a_second_reason_keeps_one_watch_and_is_audited(alice, case):
    first = services.watch_customer(alice, case, reason="Angry about delays")
    second = services.watch_customer(alice, case, reason="Mentioned a newspaper")
    assert first == second
    assert ReopenWatch.objects.count() == 1
    assert AuditEntry.objects.filter(action="watch.reason_added").count() == 1


def test_a_reason_is_required_and_a_trainer_cannot_mark(alice, dan, case):
    with pytest.raises(services.FollowUpError):
        services.watch_customer(alice, case, reason=" ")
    with pytest.raises(NotAllowed):
        services.watch_customer(dan, case, reason="x")


def test_a_refused_remedy_is_a_trigger_other_apps_can_use(alice, bob, case):
    watch = services.watch_customer(
        None, case, reason="Refused the repair we offered", trigger="refused_remedy"
    )
    assert watch.trigger == "refused_remedy"
    assert watch.created_by is None


def test_the_engine_watches_a_customer_who_threatens_to_leave(bob, carol, case):
    record_message(None, case, channel="email", text=LEAVING)
    assessment = case.messages.last().assessment
    # "never shop with you again" is a plain-words threat to leave (a cue rule), whatever the
    # model reads: if this stops holding the test must fail, not skip.
    assert "threat_leave" in assessment.risk_names
    watch = ReopenWatch.objects.get(customer=case.customer)
    assert watch.created_by is None
    assert watch.trigger in {"threat_leave", "escalating"}
    assert Notification.objects.filter(kind="reopen_watch", recipient=bob).exists()


def test_a_calm_message_raises_no_watch(case):
    record_message(None, case, channel="email", text="Thanks, that is all sorted now.")
    assert not ReopenWatch.objects.exists()


def test_the_next_contact_shows_the_warning_and_history_first(alice, bob, case, client):
    services.watch_customer(alice, case, reason="Threatened to complain to the press")
    Notification.objects.all().delete()
    again = open_case(
        None, alice.organisation, customer=case.customer, channel="email", text="Me again."
    )
    watch = ReopenWatch.objects.get()
    assert watch.returned_case == again
    assert watch.returned_at is not None
    assert Notification.objects.filter(kind="reopen_watch", recipient=bob, case=again).exists()
    client.force_login(alice)
    page = client.get(f"/cases/{again.pk}/").content.decode()
    warning = page.index("Likely to come back: read this first")
    assert warning < page.index("Timeline")
    assert f'href="/cases/{case.pk}/"' in page
    assert "Threatened to complain" in page


def test_a_reader_sees_the_warning_but_no_forms(alice, dan, case, client):
    services.watch_customer(alice, case, reason="Might go to the ombudsman")
    client.force_login(dan)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Likely to come back" in page
    assert "End the watch" not in page


def test_clearing_the_watch_needs_a_note_and_happens_once(alice, bob, case):
    watch = services.watch_customer(alice, case, reason="Angry")
    with pytest.raises(services.FollowUpError):
        services.clear_watch(bob, watch, note="")
    services.clear_watch(bob, watch, note="Called and reassured them")
    watch.refresh_from_db()
    assert not watch.active
    assert watch.cleared_by == bob
    with pytest.raises(Exception, match="already cleared"):
        services.clear_watch(alice, watch, note="again")
    # A new watch can be raised once the old one is cleared.
    assert services.watch_customer(alice, case, reason="Angry again") != watch


def test_the_engine_watches_an_escalating_customer(bob, case):
    """Deterministic: an assessment with an escalating trend, whatever the model reads."""
    message = _flagged(case, "escalating", ["threat_public"])
    services.on_inbound([message])
    watch = ReopenWatch.objects.get(customer=case.customer)
    assert watch.trigger == "threat_public"
    assert "more upset" in watch.reason
    assert "go public" in watch.reason


def _flagged(case, trend, risks, text="!"):
    """An inbound message with a fixed assessment, whatever the model would read."""
    from calmdesk.cases.models import AssessmentSignal, Message, MessageAssessment

    message = Message.objects.create(
        organisation=case.organisation, case=case, direction="inbound", channel="email", text=text
    )
    MessageAssessment.objects.create(
        message=message,
        case=case,
        model_version="test",
        issue="faulty",
        issue_confidence=0.9,
        challenge_level=3 if trend == "escalating" or risks else 0,
        trend=trend,
        result={"indicators": [], "risks": [{"name": name} for name in risks]},
    )
    AssessmentSignal.objects.bulk_create(
        AssessmentSignal(assessment_id=message.pk, name=name) for name in risks
    )
    return message


@pytest.fixture
def second_case(alice, org):
    from calmdesk.cases.models import Customer

    other = Customer.objects.create(organisation=org, name="Gwen Green")
    return open_case(alice, org, customer=other, channel="email", text="Where is my order?")


def test_a_batch_raises_one_watch_per_customer_in_message_order(
    alice, bob, carol, frank, case, second_case
):
    """An import's batch: the first flagged message of a customer raises the watch (its
    trigger and reason), later ones add their reason, an already watched customer only gets
    the reason added, a calm message nothing; each new watch is told to the team leaders
    and managers once."""
    earlier = services.watch_customer(alice, second_case, reason="Unhappy with the repair")
    Notification.objects.all().delete()
    batch = [
        _flagged(case, "steady", ["threat_leave"]),
        _flagged(case, "calming", []),
        _flagged(case, "escalating", ["threat_public"]),
        _flagged(second_case, "steady", ["threat_public"]),
    ]
    services.on_inbound(batch)

    watch = ReopenWatch.objects.get(customer=case.customer, active=True)
    assert (watch.trigger, watch.case, watch.created_by) == ("threat_leave", case, None)
    assert watch.created_at == batch[0].recorded_at
    assert "elsewhere" in watch.reason
    assert "go public" not in watch.reason
    assert ReopenWatch.objects.get(customer=second_case.customer, active=True) == earlier
    assert ReopenWatch.objects.count() == 2

    trail = list(
        AuditEntry.objects.filter(action__startswith="watch.", actor=None)
        .order_by("id")
        .values_list("action", "case_id", "detail")
    )
    assert [(action, case_id) for action, case_id, _ in trail] == [
        ("watch.raised", case.pk),
        ("watch.reason_added", case.pk),
        ("watch.reason_added", second_case.pk),
    ]
    assert [detail["watch_id"] for *_, detail in trail] == [watch.pk, watch.pk, earlier.pk]
    assert [detail["trigger"] for *_, detail in trail] == [
        "threat_leave",
        "threat_public",
        "threat_public",
    ]
    raised = Notification.objects.filter(kind="reopen_watch", text__contains="likely to come back")
    assert sorted(raised.values_list("recipient__username", flat=True)) == ["bob", "carol"]
    assert {n.case_id for n in raised} == {case.pk}
    # The watched customer's new contact is noted as a return, not as a second watch.
    assert Notification.objects.filter(case=second_case, text__contains="contacted us again")


def test_a_batch_writes_its_watches_in_a_fixed_number_of_queries(
    alice, bob, carol, org, django_assert_max_num_queries
):
    from calmdesk.cases.models import Customer

    def batch(size):
        cases = [
            open_case(
                alice,
                org,
                customer=Customer.objects.create(organisation=org, name=f"Customer {size}-{n}"),
                channel="email",
                text="Hello",
            )
            for n in range(size)
        ]
        return [_flagged(c, "steady", ["threat_leave"]) for c in cases]

    small, large = batch(2), batch(30)
    with django_assert_max_num_queries(40) as small_queries:
        services.on_inbound(small)
    with django_assert_max_num_queries(len(small_queries.captured_queries)):
        services.on_inbound(large)
    assert ReopenWatch.objects.filter(created_by=None).count() == 32


def test_a_watch_raised_elsewhere_at_the_same_moment_loses_no_reason(alice, bob, case, monkeypatch):
    """If another process watched the customer between our read and our write, the batch
    falls back to one watch at a time, which settles that race."""
    from django.db import IntegrityError

    real_bulk_create = ReopenWatch.objects.bulk_create
    calls = []

    def clash(rows, *args, **kwargs):
        calls.append(len(rows))
        if len(calls) == 1:
            raise IntegrityError("one_active_watch")
        return real_bulk_create(rows, *args, **kwargs)

    monkeypatch.setattr(ReopenWatch.objects, "bulk_create", clash)
    services.on_inbound(
        [_flagged(case, "steady", ["threat_leave"]), _flagged(case, "steady", ["threat_public"])]
    )
    assert calls == [1]
    watch = ReopenWatch.objects.get(customer=case.customer)
    assert watch.trigger == "threat_leave"
    assert list(
        AuditEntry.objects.filter(action__startswith="watch.").values_list("action", flat=True)
    ) == ["watch.raised", "watch.reason_added"]
