"""Server time of the queue and case pages on a seeded desk (run bench/seed.py first).

    python bench/pages.py sqlite [--requests 200]
    BENCH_DATABASE_URL=postgres://... python bench/pages.py postgres

Each request goes through the whole Django stack in process (middleware, session, access
checks, queries, template), so the time is what the server spends, without the network.
"""

from __future__ import annotations

import argparse
import random
import time

from _setup import configure, machine, summary

# Each is in well over half of the seeded cases: the hardest kind of search to keep fast.
COMMON_WORDS = ["kettle", "refund", "router"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database", choices=["sqlite", "postgres"])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    configure(args.database)

    from django.test import Client

    from calmdesk.cases.models import Case
    from calmdesk.people.models import User

    total = Case.objects.count()
    if total == 0:
        raise SystemExit("No cases: run bench/seed.py first.")
    rng = random.Random(11)
    print(f"{args.database}: {total} cases; {machine()}")

    scenarios = {
        "queue, first page": lambda: "/cases/",
        "queue, open + channel filter": lambda: "/cases/?status=open&channel=email",
        "queue, page 40 sorted oldest": lambda: "/cases/?sort=oldest&page=40",
        "queue, most challenging first": lambda: "/cases/?sort=challenge",
        "queue, open + indicator filter": lambda: "/cases/?status=open&indicator=confused",
        "queue, challenge 2+ + risk filter": lambda: "/cases/?challenge=2&risk=threat_leave",
        "queue, open + issue filter": lambda: "/cases/?status=open&issue=billing",
        "queue, search common word": lambda: (
            "/cases/?q=" + rng.choice(["kettle", "refund", "router"])
        ),
        "queue, search customer name": lambda: f"/cases/?q=Customer+{rng.randint(1, 49_999)}",
        "queue, search reference": lambda: f"/cases/?q=CD-{rng.randint(1, total):06d}",
        "case page": lambda: f"/cases/{rng.choice(case_ids)}/",
    }
    for username in ["manager", "agent0_0"]:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        mine = Case.objects.filter(organisation_id=user.organisation_id)
        visible = mine.filter(team_id=user.team_id) if user.team_id else mine
        case_ids = list(visible.values_list("id", flat=True)[:5000])
        print(f"\nas {username} ({'whole organisation' if username == 'manager' else 'one team'})")
        for name, url in scenarios.items():
            client.get(url())  # warm caches and connections once
            samples = []
            for _ in range(args.requests):
                target = url()
                started = time.perf_counter()
                response = client.get(target)
                samples.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{target} answered {response.status_code}")
            print(f"  {name:32} {summary(samples)}")


if __name__ == "__main__":
    main()
