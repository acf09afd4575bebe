"""Time to suggest the questions and draft a reply for one case (issue 5 target: median
under 50 ms).

    python bench/drafts.py sqlite [--runs 300]
    BENCH_DATABASE_URL=postgres://... python bench/drafts.py postgres

Three figures; the first two on every draft channel in turn:

- core only: `suggest_questions`, `repeat_back` and `draft_reply` on a ready `DraftContext`
  (pure Python; the reading grade through textstat included), with a different promise
  time each run so that textstat never answers from its cache;
- through the Django service, as the case page panel calls it:
  `calmdesk.replies.services.reply_help` reads the case's assessment, facts, contact points,
  decisions, actions, escalations, contact promise, policy options (for the position) and
  templates, then runs the core (the same case each run, so textstat's cache may answer).

- the live check as the reply box calls it as the agent types: an HTMX POST of a
  1,000-character reply to `/replies/cases/<id>/check/` through Django's test client (session,
  CSRF middleware, the case read with its authority, the checker, the findings fragment).

Nothing is seeded beyond one small organisation of its own ("bench-drafts"): an angry
customer's case with a decision, an open action and a promise.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from _setup import configure, machine, summary

POLICY = Path(__file__).resolve().parents[1] / "src/calmdesk/demo/policy.yaml"
CHANNELS = ("email", "letter", "sms", "social_media", "telephone", "face_to_face")


def _fixture():
    from django.utils import timezone

    from calmdesk.cases.models import Case
    from calmdesk.cases.services import ContactDetails, find_or_create_customer, open_case
    from calmdesk.followup import services as followup
    from calmdesk.people.models import Organisation, Team, User
    from calmdesk.policy.models import PolicyDocument
    from calmdesk.policy.services import install_policy
    from calmdesk.resolution import services

    org, _ = Organisation.objects.get_or_create(
        slug="bench-drafts", defaults={"name": "Drafts Benchmark"}
    )
    team, _ = Team.objects.get_or_create(organisation=org, name="Care", is_intake=True)
    agent, _ = User.objects.get_or_create(
        username="drafts-agent",
        defaults={"organisation": org, "team": team, "role": "team_leader"},
    )
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
            text="My kettle stopped working last week and I want my money back. I've already "
            "tried another socket. This is ridiculous, I am furious with your shop.",
        )
        services.update_facts(
            agent,
            case,
            product_group="small_appliances",
            purchase_date=timezone.localdate() - timedelta(days=40),
            price=Decimal("80.00"),
            proof_of_purchase=True,
            fault_confirmed=True,
            wants="Her money back",
        )
        services.record_decision(agent, case, "repair", note="bench")
        followup.create_action(
            agent, case, kind="repair", owner=agent, due_at=timezone.now() + timedelta(days=3)
        )
        followup.recompute_promises([case.pk])
    return agent, case


def _live_check_timings(agent, case, runs: int) -> list[float]:
    """Milliseconds per HTMX check of a 1,000-character reply, as the reply box sends it."""
    from django.test import Client

    reply = (
        "Calm down. As I already said, the engineer comes on Friday between 8am and 1pm. "
        "Our policy is no refunds after 30 days. It will be looked into at some point. "
    ) * 8
    client = Client()
    client.force_login(agent)
    url = f"/replies/cases/{case.pk}/check/"
    data = {"reply-channel": "email", "reply-text": reply[:1000], "reply-key": "bench"}
    headers = {"HX-Request": "true"}
    if client.post(url, data, headers=headers).status_code != 200:  # warm, and a sanity check
        raise SystemExit("the live check did not answer 200")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.post(url, data, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database", choices=["sqlite", "postgres"])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    configure(args.database)

    from django.utils import timezone

    from calmdesk.cases.access import get_case_for
    from calmdesk.core.replies.drafting import draft_reply
    from calmdesk.core.replies.gathering import repeat_back, suggest_questions
    from calmdesk.replies import services

    agent, case = _fixture()
    print(f"{args.database}: questions + repeat-back + draft, {args.runs} runs; {machine()}")
    services.reply_help(agent, case)  # warm once: textstat loads its syllable dictionary
    core_all: list[float] = []
    service_all: list[float] = []
    for channel in CHANNELS:
        context = services.draft_context(agent, case, channel=channel)
        base = context.next_contact or timezone.now()
        core = []
        for run in range(args.runs):
            # A different promise time each run, so no run reuses textstat's cached result
            # for the same text.
            fresh = replace(context, next_contact=base + timedelta(minutes=run))
            started = time.perf_counter()
            suggest_questions(fresh)
            repeat_back(fresh)
            draft_reply(fresh)
            core.append((time.perf_counter() - started) * 1000)
        service = []
        for _ in range(max(1, args.runs // 3)):
            started = time.perf_counter()
            services.reply_help(agent, get_case_for(agent, case.pk), channel=channel)
            service.append((time.perf_counter() - started) * 1000)
        core_all += core
        service_all += service
        print(f"  {channel:13} core    {summary(core)}")
        print(f"  {channel:13} service {summary(service)}")
    print(f"  all channels  core    {summary(core_all)}")
    print(f"  all channels  service {summary(service_all)}")
    live = _live_check_timings(agent, case, max(30, args.runs // 3))
    print(f"  live check, HTMX, 1,000 characters  {summary(live)}")
    found = services.reply_help(agent, case, channel="sms")
    print(f"  sample: {len(found.questions)} questions; SMS in {len(found.draft.segments)} texts")


if __name__ == "__main__":
    main()
