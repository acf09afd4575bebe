"""Time to draw up the ways forward for one case (issue 4 target: median under 5 ms).

    python bench/options.py sqlite [--runs 1000]
    BENCH_DATABASE_URL=postgres://... python bench/options.py postgres

Each run goes through `calmdesk.resolution.services.case_options` as the case page and the
API do: the case fetched through the access rules, the policy in force looked up (one
indexed query, the parsed policy reused while its version is unchanged), the case's facts
and the user's own authority limits read, and every remedy checked, priced and ranked.
Nothing is seeded beyond one small organisation of its own ("bench-options").
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from _setup import configure, machine, summary

POLICY = Path(__file__).resolve().parents[1] / "src/calmdesk/demo/policy.yaml"


def _fixture():
    from django.utils import timezone

    from calmdesk.cases.models import Case
    from calmdesk.cases.services import ContactDetails, find_or_create_customer, open_case
    from calmdesk.people.models import AuthorityLimit, Organisation, Team, User
    from calmdesk.policy.models import PolicyDocument
    from calmdesk.policy.services import install_policy
    from calmdesk.resolution import services

    org, _ = Organisation.objects.get_or_create(
        slug="bench-options", defaults={"name": "Options Benchmark"}
    )
    team, _ = Team.objects.get_or_create(organisation=org, name="Care", is_intake=True)
    agent, created = User.objects.get_or_create(
        username="options-agent", defaults={"organisation": org, "team": team, "role": "agent"}
    )
    if created:
        AuthorityLimit.objects.create(user=agent, remedy="refund", max_amount=Decimal("50"))
    if not PolicyDocument.objects.filter(organisation=org).exists():
        install_policy(org, POLICY.read_text(), actor=None)
    case = Case.objects.filter(organisation=org).first()
    if case is None:
        customer = find_or_create_customer(
            org, ContactDetails(name="Bench Customer", email="bench@example.com")
        )
        case = open_case(
            agent,
            org,
            customer=customer,
            channel="email",
            text="My kettle stopped working after a week and I want my money back. "
            "This is ridiculous, I will tell everyone about your shop.",
        )
        services.update_facts(
            agent,
            case,
            product_group="small_appliances",
            purchase_date=timezone.localdate() - timedelta(days=8),
            price=Decimal("80.00"),
            proof_of_purchase=True,
            fault_confirmed=True,
        )
    return agent, case


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database", choices=["sqlite", "postgres"])
    parser.add_argument("--runs", type=int, default=1000)
    args = parser.parse_args()
    configure(args.database)

    from calmdesk.cases.access import get_case_for
    from calmdesk.resolution import services

    agent, case = _fixture()
    print(f"{args.database}: options for one case, {args.runs} runs; {machine()}")
    found = services.case_options(agent, get_case_for(agent, case.pk))  # warm once
    samples = []
    for _ in range(args.runs):
        started = time.perf_counter()
        found = services.case_options(agent, get_case_for(agent, case.pk))
        samples.append((time.perf_counter() - started) * 1000)
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(f"  case + policy + facts + options  {summary(samples)}")
    print(f"  precise: median {statistics.median(ordered):.3f} ms, p95 {p95:.3f} ms")
    print(f"  {len(found.options)} options; first: {found.options[0].label}")
    core = []
    from calmdesk.core.policy import options_for
    from calmdesk.core.roles import Role

    for _ in range(args.runs):
        started = time.perf_counter()
        options_for(found.policy, found.facts, Role.AGENT, services.limits_for(agent))
        core.append((time.perf_counter() - started) * 1000)
    print(f"  options_for + limits alone        {summary(core)}")


if __name__ == "__main__":
    main()
