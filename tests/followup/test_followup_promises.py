"""Keeping the customer informed: when they must next hear from us (C1 1.4, 2.6)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from calmdesk.cases.services import change_status, open_case, record_message
from calmdesk.core.promises import PromiseBasis, next_contact_due
from calmdesk.followup import services
from calmdesk.followup.models import ContactPromise, Timer

OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOURS = {"first_reply_hours": 24, "update_every_hours": 48}


@pytest.mark.parametrize(
    ("status", "last_out", "last_in", "due", "basis"),
    [
        ("new", None, OPENED, OPENED + timedelta(hours=24), PromiseBasis.FIRST_REPLY),
        # nobody answered yet: the first reply is owed whatever the status says
        ("waiting_department", None, OPENED, OPENED + timedelta(hours=24), "first_reply"),
        # answered, nothing new from the customer: an update every 48 hours
        (
            "in_progress",
            OPENED + timedelta(hours=2),
            OPENED,
            OPENED + timedelta(hours=50),
            "update",
        ),
        ("reopened", OPENED + timedelta(hours=2), OPENED, OPENED + timedelta(hours=50), "update"),
        # the customer wrote after our reply: answer within 24 hours if that comes sooner
        (
            "in_progress",
            OPENED,
            OPENED + timedelta(hours=10),
            OPENED + timedelta(hours=34),
            "answer",
        ),
        (
            "in_progress",
            OPENED,
            OPENED + timedelta(hours=30),
            OPENED + timedelta(hours=48),
            "update",
        ),
    ],
)
def test_next_contact_due(status, last_out, last_in, due, basis):
    found = next_contact_due(
        status, opened_at=OPENED, last_outbound_at=last_out, last_inbound_at=last_in, **HOURS
    )
    assert (found.due_at, found.basis) == (due, PromiseBasis(basis))


@pytest.mark.parametrize("status", ["waiting_customer", "resolved", "closed"])
def test_nothing_is_owed_when_waiting_on_the_customer_or_finished(status):
    assert (
        next_contact_due(
            status, opened_at=OPENED, last_outbound_at=OPENED, last_inbound_at=OPENED, **HOURS
        )
        is None
    )


def test_a_new_case_is_given_its_first_reply_time(policy, alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text="Help")
    promise = ContactPromise.objects.get(case=case)
    assert promise.due_at == case.opened_at + timedelta(hours=24)
    assert promise.basis == "first_reply"
    timer = Timer.objects.get(key=f"update:{case.pk}", fired_at__isnull=True)
    assert timer.due_at == promise.due_at


def test_our_reply_moves_the_promise_on_and_the_timer_with_it(policy, alice, case):
    sent = timezone.now()
    record_message(
        alice, case, channel="email", text="We are on it", direction="outbound", sent_at=sent
    )
    promise = ContactPromise.objects.get(case=case)
    assert (promise.due_at, promise.basis) == (sent + timedelta(hours=48), "update")
    assert list(Timer.objects.filter(key=f"update:{case.pk}").values_list("due_at", flat=True)) == [
        promise.due_at
    ]


def test_waiting_on_the_customer_or_closing_clears_the_promise(policy, alice, case):
    change_status(alice, case, "waiting_customer")
    assert ContactPromise.objects.get(case=case).due_at is None
    assert not Timer.objects.filter(key=f"update:{case.pk}").exists()
    record_message(None, case, channel="email", text="Here is the photo you asked for")
    assert ContactPromise.objects.get(case=case).due_at is not None


def test_without_a_policy_no_promise_is_shown(alice, case):
    assert services.promise_for(case) is None


def test_a_stale_promise_is_worked_out_afresh_for_the_page(policy, alice, case):
    ContactPromise.objects.filter(case=case).delete()
    shown = services.promise_for(case)
    assert shown.due_at == case.opened_at + timedelta(hours=24)
    assert not shown.late
    assert services.stale_promise_cases() == [case.pk]
    assert services.refresh_stale_promises() == 1
    assert services.stale_promise_cases() == []


def test_a_late_update_is_told_once_to_the_assignee(policy, alice, case):
    due = ContactPromise.objects.get(case=case).due_at
    later = due + timedelta(minutes=5)
    first = services.fire_due_timers(now=later)
    assert (first.fired, first.notified) == (1, 1)
    assert alice.notifications.get().kind == "update_due"
    # The promise worked out again (by the worker's sweep, say) is not told about again.
    services.recompute_promises([case.pk], now=later)
    assert services.fire_due_timers(now=later + timedelta(hours=1)).fired == 0
    assert alice.notifications.count() == 1


def test_the_queue_flags_and_filters_late_updates(policy, alice, customer, client):
    late = open_case(alice, alice.organisation, customer=customer, channel="sms", text="Hello?")
    on_time = open_case(alice, alice.organisation, customer=customer, channel="sms", text="Hi")
    ContactPromise.objects.filter(case=late).update(due_at=timezone.now() - timedelta(hours=1))
    client.force_login(alice)
    everything = client.get("/cases/").content.decode()
    assert "Customer update" in everything
    assert "Late" in everything
    only_late = client.get("/cases/", {"update_late": "on"}).content.decode()
    assert late.reference in only_late
    assert on_time.reference not in only_late


def test_the_case_page_says_when_the_customer_must_hear_from_us(policy, alice, case, client):
    client.force_login(alice)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Keep the customer informed" in page
    assert "The customer must next hear from us by" in page


def test_the_case_page_says_no_policy(alice, case, client):
    client.force_login(alice)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "No policy installed" in page
