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
    from calmdesk.cases.models import Message, MessageAssessment

    message = Message.objects.create(
        organisation=case.organisation, case=case, direction="inbound", channel="email", text="!"
    )
    MessageAssessment.objects.create(
        message=message,
        case=case,
        model_version="test",
        issue="faulty",
        issue_confidence=0.9,
        challenge_level=3,
        trend="escalating",
        result={"indicators": [], "risks": [{"name": "threat_public"}]},
    )
    services.on_inbound([message])
    watch = ReopenWatch.objects.get(customer=case.customer)
    assert watch.trigger == "threat_public"
    assert "more upset" in watch.reason
    assert "go public" in watch.reason
