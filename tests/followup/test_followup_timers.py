"""The worker's timers: each fires once, whoever runs it and however often (issue 4)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from typer.testing import CliRunner

from calmdesk.followup import services
from calmdesk.followup.models import ActionRequest, Timer
from calmdesk.notifications.models import Notification


def _overdue_actions(alice, case, n):
    due = timezone.now() + timedelta(hours=1)
    for i in range(n):
        services.create_action(
            alice, case, kind="call_back", owner=alice, due_at=due, note=f"call {i}"
        )
    return due


def test_an_overdue_action_tells_its_owner_and_the_team_leaders(alice, bob, frank, case):
    due = timezone.now() + timedelta(hours=1)
    services.create_action(alice, case, kind="repair", owner=frank, due_at=due)
    assert services.fire_due_timers(now=due - timedelta(seconds=1)).fired == 0
    report = services.fire_due_timers(now=due + timedelta(seconds=1))
    assert (report.fired, report.notified) == (1, 2)
    told = Notification.objects.filter(kind="action_overdue")
    assert set(told.values_list("recipient__username", flat=True)) == {"frank", "bob"}
    assert "repair" in told.first().text
    assert case.reference in told.first().text


def test_an_action_done_in_time_tells_nobody(alice, case):
    due = timezone.now() + timedelta(hours=1)
    action = services.create_action(alice, case, kind="repair", owner=alice, due_at=due)
    services.complete_action(alice, action)
    assert not Timer.objects.filter(key=f"action:{action.pk}").exists()


def test_a_timer_whose_action_was_settled_fires_without_telling(alice, case):
    due = timezone.now() + timedelta(hours=1)
    action = services.create_action(alice, case, kind="repair", owner=alice, due_at=due)
    ActionRequest.objects.filter(pk=action.pk).update(status="done")
    report = services.fire_due_timers(now=due + timedelta(seconds=1))
    assert (report.fired, report.notified) == (1, 0)
    assert Timer.objects.get(key=f"action:{action.pk}").fired_at is not None


def test_a_follow_up_due_tells_the_assignee(policy, alice, case):
    action = services.create_action(
        alice, case, kind="repair", owner=alice, due_at=timezone.now() + timedelta(hours=1)
    )
    follow_up = services.complete_action(alice, action)
    report = services.fire_due_timers(now=follow_up.due_at + timedelta(seconds=1))
    kinds = list(Notification.objects.values_list("kind", flat=True))
    assert "follow_up_due" in kinds
    assert report.fired >= 1


def test_several_runs_never_fire_a_timer_twice(alice, case):
    due = _overdue_actions(alice, case, 25)
    later = due + timedelta(minutes=1)
    runs = [services.fire_due_timers(now=later, batch_size=7) for _ in range(3)]
    assert [r.fired for r in runs] == [25, 0, 0]
    assert Notification.objects.filter(kind="action_overdue").count() == 25
    assert Timer.objects.filter(fired_at__isnull=True, due_at__lte=later).count() == 0


def test_a_limit_fires_the_earliest_first_and_the_rest_next_time(alice, case):
    due = _overdue_actions(alice, case, 5)
    later = due + timedelta(minutes=1)
    assert services.fire_due_timers(now=later, limit=3).fired == 3
    assert services.fire_due_timers(now=later, limit=3).fired == 2
    assert services.fire_due_timers(now=later).fired == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_in_parallel_on_postgresql_fire_each_timer_once(alice, case):
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED between connections needs PostgreSQL: set DATABASE_URL")
    due = _overdue_actions(alice, case, 200)
    later = due + timedelta(minutes=1)
    reports = []

    def work():
        try:
            reports.append(services.fire_due_timers(now=later, batch_size=10))
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(r.fired for r in reports) == 200
    assert Notification.objects.filter(kind="action_overdue").count() == 200
    assert Timer.objects.filter(fired_at__isnull=False).values("fired_by").distinct().count() >= 1


@pytest.mark.django_db(transaction=True)
def test_calmdesk_worker_batch_fires_what_is_due(alice, case, monkeypatch):
    from calmdesk import cli

    due = timezone.now() - timedelta(minutes=1)
    action = services.create_action(
        alice, case, kind="call_back", owner=alice, due_at=timezone.now() + timedelta(hours=1)
    )
    Timer.objects.filter(key=f"action:{action.pk}").update(due_at=due)
    ActionRequest.objects.filter(pk=action.pk).update(due_at=due)
    monkeypatch.setattr(cli, "setup_django", lambda: None)
    result = CliRunner().invoke(cli.app, ["worker", "--batch"])
    assert result.exit_code == 0, result.output
    assert "Timers: 1 fired, 1 notifications" in result.output
    assert Notification.objects.filter(kind="action_overdue", recipient=alice).count() == 1
    again = CliRunner().invoke(cli.app, ["worker", "--batch"])
    assert "Timers: 0 fired" in again.output


def test_the_timer_thread_runs_and_stops(alice, case, monkeypatch):
    from calmdesk.followup import tasks

    calls = []
    monkeypatch.setattr(tasks, "refresh_stale_promises", lambda: 0)
    monkeypatch.setattr(
        tasks, "fire_due_timers", lambda: calls.append(1) or services.FireReport(0, 0)
    )
    monkeypatch.setattr(tasks.connection, "close", lambda: None)
    stop = tasks.start_timer_thread(interval=0.01)
    deadline = timezone.now() + timedelta(seconds=5)
    while len(calls) < 2 and timezone.now() < deadline:
        threading.Event().wait(0.01)
    stop.set()
    assert len(calls) >= 2
