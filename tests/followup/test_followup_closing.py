"""The satisfaction check and the rules for closing a case (Unit 7 D2; C4 2.9)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from calmdesk.cases.models import AuditEntry
from calmdesk.cases.services import change_status
from calmdesk.core.lifecycle import TransitionNotAllowed
from calmdesk.core.roles import NotAllowed
from calmdesk.followup import services
from calmdesk.followup.models import FollowUp, SatisfactionCheck, Timer


def test_the_rating_is_one_to_five_and_the_comment_is_required(alice, case):
    for rating in (0, 6):
        with pytest.raises(services.FollowUpError, match="1"):
            services.record_satisfaction(alice, case, rating=rating, comment="fine")
    with pytest.raises(services.FollowUpError, match="said"):
        services.record_satisfaction(alice, case, rating=4, comment="   ")
    assert not SatisfactionCheck.objects.exists()


def test_a_check_answers_every_open_follow_up_and_is_audited(alice, case, tomorrow):
    action = services.create_action(alice, case, kind="repair", owner=alice, due_at=tomorrow)
    follow_up = services.complete_action(alice, action)
    check = services.record_satisfaction(alice, case, rating=4, comment="Works, took a while")
    follow_up.refresh_from_db()
    assert (check.rating, check.comment, check.recorded_by) == (4, "Works, took a while", alice)
    assert follow_up.status == "done"
    assert follow_up.outcome.startswith("Satisfaction 4 of 5")
    assert not Timer.objects.filter(key=f"followup:{follow_up.pk}").exists()
    entry = AuditEntry.objects.get(action="satisfaction.recorded")
    assert entry.detail == {"rating": 4, "follow_ups": [follow_up.pk]}


def test_the_same_check_sent_twice_is_kept_once(alice, case):
    services.record_satisfaction(alice, case, rating=5, comment="Lovely")
    with pytest.raises(TransitionNotAllowed, match="already recorded"):
        services.record_satisfaction(alice, case, rating=5, comment="Lovely")
    assert SatisfactionCheck.objects.count() == 1


def test_a_trainer_cannot_record_a_check(dan, case):
    with pytest.raises(NotAllowed):
        services.record_satisfaction(dan, case, rating=5, comment="Lovely")


def test_closing_with_an_open_action_and_no_reason_is_refused(alice, case, tomorrow):
    services.create_action(alice, case, kind="repair", owner=alice, due_at=tomorrow)
    services.record_satisfaction(alice, case, rating=3, comment="OK")
    change_status(alice, case, "resolved")
    with pytest.raises(TransitionNotAllowed, match=r"1 action\(s\) still open: repair"):
        change_status(alice, case, "closed")
    case.refresh_from_db()
    assert case.status == "resolved"


def test_closing_without_a_satisfaction_check_and_no_reason_is_refused(alice, case):
    change_status(alice, case, "resolved")
    with pytest.raises(TransitionNotAllowed, match="whether they are satisfied"):
        change_status(alice, case, "closed")


def test_a_reason_lets_the_case_close_and_is_kept(alice, case, tomorrow):
    services.create_action(alice, case, kind="call_back", owner=alice, due_at=tomorrow)
    change_status(alice, case, "resolved")
    change_status(alice, case, "closed", reason="Customer would not answer our calls")
    case.refresh_from_db()
    assert case.status == "closed"
    entry = AuditEntry.objects.filter(action="case.status_changed").last()
    assert entry.detail["reason"] == "Customer would not answer our calls"


def test_done_actions_and_a_check_close_without_a_reason(alice, case, tomorrow):
    action = services.create_action(alice, case, kind="repair", owner=alice, due_at=tomorrow)
    services.complete_action(alice, action)
    services.record_satisfaction(alice, case, rating=5, comment="Spot on")
    change_status(alice, case, "resolved")
    change_status(alice, case, "closed")
    case.refresh_from_db()
    assert case.status == "closed"


def test_cancelled_actions_do_not_hold_the_case_open(alice, case, tomorrow):
    action = services.create_action(alice, case, kind="repair", owner=alice, due_at=tomorrow)
    services.cancel_action(alice, action, reason="Replaced instead")
    services.record_satisfaction(alice, case, rating=4, comment="Happy with the new one")
    change_status(alice, case, "resolved")
    change_status(alice, case, "closed")


def test_resolving_adds_a_follow_up_to_ask_before_closing(policy, alice, case):
    before = timezone.now()
    change_status(alice, case, "resolved")
    follow_up = FollowUp.objects.get(case=case)
    assert follow_up.action is None
    assert "Before closing" in follow_up.task
    assert follow_up.due_at >= before + timedelta(hours=48)
    assert Timer.objects.filter(key=f"followup:{follow_up.pk}", kind="follow_up_due").exists()


def test_resolving_after_a_check_adds_no_follow_up(alice, case):
    services.record_satisfaction(alice, case, rating=5, comment="All good")
    change_status(alice, case, "resolved")
    assert not FollowUp.objects.exists()


def test_the_api_refuses_closing_with_a_409_that_says_why(alice, case, tomorrow, api):
    services.create_action(alice, case, kind="repair", owner=alice, due_at=tomorrow)
    change_status(alice, case, "resolved")
    response = api(alice).post(f"/api/cases/{case.reference}/status", {"status": "closed"})
    assert response.status_code == 409
    assert "still open" in response.json()["detail"]
    response = api(alice).post(
        f"/api/cases/{case.reference}/status",
        {"status": "closed", "reason": "Customer asked us to stop calling"},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
