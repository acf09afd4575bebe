"""How long the worker takes to fire 10,000 due follow-up timers (issue 4: under 60 s on SQLite
and on PostgreSQL).

    python bench/timers.py sqlite [--timers 10000] [--workers 1]
    BENCH_DATABASE_URL=postgres://... python bench/timers.py postgres [--workers 4]

It makes an organisation of its own ("bench-timers", replaced on each run) with 500 open cases
and a mix of due timers: overdue actions (owner and team leader told), follow-ups due and late
customer updates (the assignee told), then times `fire_due_timers` until none is due. With
--workers N, N threads fire at once, each with its own connection, as N workers would; the
count of notifications shows that none fired twice.
"""

from __future__ import annotations

import argparse
import threading
import time
from datetime import timedelta

from _setup import configure, machine

CASES = 500


def seed(total: int) -> tuple[object, object]:
    from django.db import transaction
    from django.utils import timezone

    from calmdesk.cases.models import Case, Customer
    from calmdesk.core.lifecycle import format_reference
    from calmdesk.followup.models import ActionRequest, ContactPromise, FollowUp, Timer
    from calmdesk.notifications.models import Notification
    from calmdesk.people.models import Organisation, Team, User

    now = timezone.now()
    due = now - timedelta(minutes=5)
    with transaction.atomic():
        old = Organisation.objects.filter(slug="bench-timers").first()
        if old is not None:
            Timer.objects.filter(organisation=old).delete()
            Notification.objects.filter(organisation=old).delete()
            ContactPromise.objects.filter(organisation=old).delete()
            FollowUp.objects.filter(organisation=old).delete()
            ActionRequest.objects.filter(organisation=old).delete()
            Case.objects.filter(organisation=old).delete()
            Customer.objects.filter(organisation=old).delete()
            User.objects.filter(organisation=old).delete()
            Team.objects.filter(organisation=old).delete()
            old.delete()
        org = Organisation.objects.create(name="Bench timers", slug="bench-timers")
        team = Team.objects.create(organisation=org, name="Care", is_intake=True)
        agent = User.objects.create(
            username="bench-timers-agent", organisation=org, team=team, role="agent"
        )
        User.objects.create(
            username="bench-timers-leader", organisation=org, team=team, role="team_leader"
        )
        customers = Customer.objects.bulk_create(
            Customer(organisation=org, name=f"Customer {n}") for n in range(CASES)
        )
        cases = Case.objects.bulk_create(
            Case(
                organisation=org,
                number=n + 1,
                reference=format_reference(n + 1),
                customer=customers[n],
                subject=f"Case {n}",
                first_channel="email",
                team=team,
                assignee=agent,
                status="in_progress",
            )
            for n in range(CASES)
        )
        thirds = [total // 3, total // 3, total - 2 * (total // 3)]
        actions = ActionRequest.objects.bulk_create(
            ActionRequest(
                organisation=org,
                case=cases[n % CASES],
                kind="call_back",
                department="Customer care",
                owner=agent,
                due_at=due,
            )
            for n in range(thirds[0])
        )
        follow_ups = FollowUp.objects.bulk_create(
            FollowUp(organisation=org, case=cases[n % CASES], task="Ask", due_at=due)
            for n in range(thirds[1])
        )
        ContactPromise.objects.bulk_create(
            ContactPromise(case=case, organisation=org, due_at=due, basis="update")
            for case in cases
        )
        timers = [
            Timer(
                organisation=org,
                kind="action_overdue",
                key=f"action:{a.pk}",
                case=a.case,
                action=a,
                due_at=due,
            )
            for a in actions
        ]
        timers += [
            Timer(
                organisation=org,
                kind="follow_up_due",
                key=f"followup:{f.pk}",
                case=f.case,
                follow_up=f,
                due_at=due,
            )
            for f in follow_ups
        ]
        # Update timers: one unfired per case; the rest are already-late updates of earlier
        # due times, kept as fired history would be, so each still tells someone.
        for n in range(thirds[2]):
            case = cases[n % CASES]
            timers.append(
                Timer(
                    organisation=org,
                    kind="update_due",
                    key=f"update:{case.pk}:bench{n}",
                    case=case,
                    due_at=due,
                )
            )
        Timer.objects.bulk_create(timers, batch_size=1000)
    return org, now


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database", choices=["sqlite", "postgres"])
    parser.add_argument("--timers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    configure(args.database)

    from django.db import connection

    from calmdesk.followup.models import Timer
    from calmdesk.followup.services import fire_due_timers
    from calmdesk.notifications.models import Notification

    print(f"{args.database}: {args.timers} due timers, {args.workers} worker(s); {machine()}")
    started = time.perf_counter()
    org, now = seed(args.timers)
    print(f"seeded in {time.perf_counter() - started:.1f} s")

    reports = []

    def work() -> None:
        try:
            reports.append(fire_due_timers(now=now))
        finally:
            connection.close()

    started = time.perf_counter()
    if args.workers == 1:
        reports.append(fire_due_timers(now=now))
    else:
        threads = [threading.Thread(target=work) for _ in range(args.workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    elapsed = time.perf_counter() - started

    fired = sum(r.fired for r in reports)
    notified = sum(r.notified for r in reports)
    left = Timer.objects.filter(organisation=org, fired_at__isnull=True).count()
    stored = Notification.objects.filter(organisation=org).count()
    print(
        f"fired {fired} timers in {elapsed:.2f} s ({fired / elapsed:,.0f} a second), "
        f"{notified} notifications ({stored} stored), {left} left unfired"
    )
    print("target: under 60 s -", "met" if elapsed < 60 and left == 0 else "NOT MET")


if __name__ == "__main__":
    main()
