"""Seed a benchmark desk: 100,000 cases with 300,000 messages by default.

    python bench/seed.py sqlite [--cases 100000] [--messages-per-case 3]
    BENCH_DATABASE_URL=postgres://... python bench/seed.py postgres

The rows go in with bulk inserts, not through the services: this builds a large desk to measure
reading speed, and the services' own cost is measured by the import benchmark instead. Texts
are random sentences from a small vocabulary of the project's own words. Customer messages are
assessed as on arrival (the same `assess_messages`), so the queue's challenge sort and its
indicator and risk filters have real data to read.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import timedelta

from _setup import configure

from calmdesk.core.channels import Channel

WORDS = (
    "kettle toaster washer dryer fridge freezer oven hob television router speaker laptop "
    "tablet phone charger cable remote parcel delivery courier refund invoice charge "
    "account password login engineer visit repair replacement warranty receipt order "
    "broken noisy leaking late missing damaged wrong cancelled waiting again still "
    "please help urgent today tomorrow week month manager complaint promised nobody "
    "called emailed answer reply sorry disappointed annoyed confused worried"
).split()
CHANNELS = [channel.value for channel in Channel]
STATUSES = ["new", "in_progress", "waiting_customer", "waiting_department", "resolved", "closed"]


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))).capitalize() + "."


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database", choices=["sqlite", "postgres"])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--messages-per-case", type=int, default=3)
    args = parser.parse_args()
    configure(args.database)

    from django.db import transaction
    from django.utils import timezone

    from calmdesk.cases.assessing import assess_messages
    from calmdesk.cases.models import Case, Customer, Message
    from calmdesk.core.lifecycle import format_reference
    from calmdesk.people.models import Organisation, Team, User

    rng = random.Random(7)
    started = time.perf_counter()
    if Organisation.objects.filter(slug="bench").exists():
        print("The benchmark organisation exists already; drop the database to seed again.")
        return
    org = Organisation.objects.create(name="Benchmark Retail", slug="bench")
    teams = [
        Team.objects.create(organisation=org, name=f"Team {i}", is_intake=i == 0) for i in range(4)
    ]
    users = []
    for i, team in enumerate(teams):
        for j in range(5):
            user = User(username=f"agent{i}_{j}", organisation=org, team=team, role="agent")
            user.set_password("bench-password-123")
            users.append(user)
    manager = User(username="manager", organisation=org, role="manager")
    manager.set_password("bench-password-123")
    users.append(manager)
    User.objects.bulk_create(users)
    users = list(User.objects.filter(organisation=org, role="agent"))

    now = timezone.now()
    batch = 5_000
    customers_total = max(1, args.cases // 2)
    for start in range(0, customers_total, batch):
        Customer.objects.bulk_create(
            Customer(organisation=org, name=f"{rng.choice(WORDS).title()} Customer {n}")
            for n in range(start, min(customers_total, start + batch))
        )
    customer_ids = list(Customer.objects.filter(organisation=org).values_list("id", flat=True))

    for start in range(0, args.cases, batch):
        with transaction.atomic():
            cases = []
            for number in range(start + 1, min(args.cases, start + batch) + 1):
                opened = now - timedelta(minutes=rng.randint(0, 60 * 24 * 365))
                team = rng.choice(teams)
                cases.append(
                    Case(
                        organisation=org,
                        number=number,
                        reference=format_reference(number),
                        customer_id=rng.choice(customer_ids),
                        subject=sentence(rng)[:80],
                        first_channel=rng.choice(CHANNELS),
                        team=team,
                        assignee=rng.choice(users) if rng.random() < 0.7 else None,
                        status=rng.choice(STATUSES),
                        opened_at=opened,
                        last_activity_at=opened + timedelta(hours=rng.randint(0, 72)),
                        message_count=args.messages_per_case,
                    )
                )
            created = Case.objects.bulk_create(cases)
            messages = []
            for case in created:
                for k in range(args.messages_per_case):
                    messages.append(
                        Message(
                            organisation=org,
                            case_id=case.pk,
                            direction="inbound" if k % 2 == 0 else "outbound",
                            channel=case.first_channel,
                            text=" ".join(sentence(rng) for _ in range(rng.randint(1, 4))),
                            sent_at=case.opened_at + timedelta(hours=k),
                            recorded_at=case.opened_at + timedelta(hours=k),
                        )
                    )
            Message.objects.bulk_create(messages, batch_size=2_000)
            assess_messages(messages)
        done = min(args.cases, start + batch)
        print(f"\r{done:>7} cases", end="", flush=True)
    Organisation.objects.filter(pk=org.pk).update(last_case_number=args.cases)
    print(
        f"\nSeeded {args.cases} cases and {args.cases * args.messages_per_case} messages "
        f"in {time.perf_counter() - started:.0f} s"
    )
    from django.db import connection

    from calmdesk.cases.maintenance import refresh_planner_statistics

    # As on a running desk: the worker keeps SQLite's statistics fresh, autovacuum PostgreSQL's.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        refresh_planner_statistics()


if __name__ == "__main__":
    main()
