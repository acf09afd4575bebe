"""Action requests to other departments and the follow-ups after them (Unit 7 3.3, P7, D2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from calmdesk.cases.models import AuditEntry
from calmdesk.cases.services import record_message
from calmdesk.core.lifecycle import TransitionNotAllowed
from calmdesk.core.roles import NotAllowed
from calmdesk.followup import services
from calmdesk.followup.models import ActionRequest, FollowUp, Timer


def test_an_action_gets_the_policys_department_an_owner_and_a_timer(
    policy, alice, bob, case, tomorrow
):
    action = services.create_action(alice, case, kind="repair", owner=bob, due_at=tomorrow)
    assert (action.department, action.owner, action.status) == ("Repairs", bob, "open")
    timer = Timer.objects.get(key=f"action:{action.pk}")
    assert (timer.kind, timer.due_at, timer.fired_at) == ("action_overdue", tomorrow, None)
    entry = AuditEntry.objects.get(action="action.requested")
    assert entry.detail["action_id"] == action.pk
    assert "Repairs" in entry.summary


def test_without_a_policy_the_department_falls_back_to_a_plain_name(alice, case, tomorrow):
    action = services.create_action(
        alice, case, kind="refund_payment", owner=alice, due_at=tomorrow
    )
    assert action.department == "Finance"


def test_a_named_department_wins(alice, case, tomorrow, policy):
    action = services.create_action(
        alice, case, kind="call_back", owner=alice, due_at=tomorrow, department="Night shift"
    )
    assert action.department == "Night shift"


def test_a_due_time_in_the_past_is_refused(alice, case):
    with pytest.raises(services.FollowUpError, match="future"):
        services.create_action(
            alice, case, kind="repair", owner=alice, due_at=timezone.now() - timedelta(hours=1)
        )
    assert not ActionRequest.objects.exists()


def test_an_owner_from_another_organisation_is_refused(alice, eve, case, tomorrow):
    with pytest.raises(services.FollowUpError, match="cannot own"):
        services.create_action(alice, case, kind="repair", owner=eve, due_at=tomorrow)


def test_a_trainer_cannot_own_or_request(alice, dan, case, tomorrow):
    with pytest.raises(services.FollowUpError):
        services.create_action(alice, case, kind="repair", owner=dan, due_at=tomorrow)
    with pytest.raises(NotAllowed):
        services.create_action(dan, case, kind="repair", owner=alice, due_at=tomorrow)


def test_another_team_cannot_request_on_the_case(frank, alice, case, tomorrow):
    with pytest.raises(NotAllowed):
        services.create_action(frank, case, kind="repair", owner=alice, due_at=tomorrow)


def test_the_same_request_twice_is_kept_once(alice, case, tomorrow):
    services.create_action(alice, case, kind="repair", owner=alice, due_at=tomorrow, note="x")
    with pytest.raises(TransitionNotAllowed, match="already recorded"):
        services.create_action(alice, case, kind="repair", owner=alice, due_at=tomorrow, note="x")
    assert ActionRequest.objects.count() == 1


def test_done_creates_the_follow_up_and_swaps_the_timer(policy, alice, case, tomorrow):
    action = services.create_action(alice, case, kind="repair", owner=alice, due_at=tomorrow)
    now = timezone.now()
    follow_up = services.complete_action(alice, action, outcome="Fixed the thermostat", now=now)
    action.refresh_from_db()
    assert (action.status, action.done_by, action.outcome) == (
        "done",
        alice,
        "Fixed the thermostat",
    )
    assert follow_up.action == action
    assert follow_up.is_open
    assert "confirm" in follow_up.task.lower()
    assert "satisfied" in follow_up.task
    assert follow_up.due_at == now + timedelta(hours=48)  # the policy's update interval
    assert not Timer.objects.filter(key=f"action:{action.pk}").exists()
    assert Timer.objects.get(key=f"followup:{follow_up.pk}").due_at == follow_up.due_at
    assert AuditEntry.objects.filter(action="action.done").count() == 1


def test_done_twice_one_wins_and_the_other_is_told(alice, bob, case, tomorrow):
    action = services.create_action(alice, case, kind="repair", owner=alice, due_at=tomorrow)
    services.complete_action(alice, action)
    with pytest.raises(TransitionNotAllowed, match="already marked done by Alice"):
        services.complete_action(bob, action)
    assert FollowUp.objects.count() == 1


def test_cancel_needs_a_reason_and_is_audited(alice, case, tomorrow):
    action = services.create_action(alice, case, kind="call_back", owner=alice, due_at=tomorrow)
    with pytest.raises(services.FollowUpError):
        services.cancel_action(alice, action, reason="  ")
    services.cancel_action(alice, action, reason="Customer rang us instead")
    action.refresh_from_db()
    assert (action.status, action.outcome) == ("cancelled", "Customer rang us instead")
    assert not FollowUp.objects.exists()
    assert AuditEntry.objects.filter(action="action.cancelled").count() == 1
    with pytest.raises(TransitionNotAllowed):
        services.complete_action(alice, action)


def test_an_owner_in_another_department_may_settle_their_action(alice, frank, case, tomorrow):
    action = services.create_action(alice, case, kind="repair", owner=frank, due_at=tomorrow)
    services.complete_action(frank, action, outcome="Repaired in the workshop")
    action.refresh_from_db()
    assert action.done_by == frank


def test_someone_else_in_another_team_may_not(alice, frank, bob, case, tomorrow):
    action = services.create_action(alice, case, kind="repair", owner=bob, due_at=tomorrow)
    with pytest.raises(NotAllowed):
        services.complete_action(frank, action)


def test_a_reply_never_cancels_a_promised_call_back(alice, case, tomorrow):
    """Follow-ups and timers survive a customer's reply (issue 4)."""
    action = services.create_action(alice, case, kind="call_back", owner=alice, due_at=tomorrow)
    record_message(None, case, channel="email", text="Any news? I am still waiting.")
    action.refresh_from_db()
    assert action.status == "open"
    timer = Timer.objects.get(key=f"action:{action.pk}")
    assert timer.fired_at is None
    assert timer.due_at == tomorrow
    report = services.fire_due_timers(now=tomorrow + timedelta(minutes=1))
    assert report.notified >= 1


def test_a_reply_leaves_an_open_follow_up_open(alice, case, tomorrow):
    action = services.create_action(alice, case, kind="repair", owner=alice, due_at=tomorrow)
    follow_up = services.complete_action(alice, action)
    record_message(None, case, channel="sms", text="Thanks, it works now")
    follow_up.refresh_from_db()
    assert follow_up.is_open
    assert Timer.objects.get(key=f"followup:{follow_up.pk}").fired_at is None


def test_open_actions_list_mine_and_my_teams_earliest_due_first(
    alice, bob, frank, case, returns_case, tomorrow
):
    later = services.create_action(alice, case, kind="repair", owner=alice, due_at=tomorrow)
    sooner = services.create_action(
        alice, case, kind="call_back", owner=bob, due_at=tomorrow - timedelta(hours=20)
    )
    theirs = services.create_action(
        frank, returns_case, kind="refund_payment", owner=frank, due_at=tomorrow
    )
    overdue = ActionRequest.objects.filter(pk=later.pk)
    overdue.update(due_at=timezone.now() - timedelta(hours=1))
    assert [a.pk for a in services.open_actions_for(alice, "me")] == [later.pk]
    assert [a.pk for a in services.open_actions_for(alice, "team")] == [later.pk, sooner.pk]
    assert [a.pk for a in services.open_actions_for(frank, "team")] == [theirs.pk]
    with pytest.raises(services.FollowUpError):
        services.open_actions_for(alice, "everyone")
