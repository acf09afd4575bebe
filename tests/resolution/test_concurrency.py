"""Two team leaders deciding one escalation at the same moment, and two agents recording the
same decision at once, on PostgreSQL with real concurrent transactions: one wins, the other
is told, nothing is doubled."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection, connections
from django.utils import timezone

from calmdesk.people.models import User
from calmdesk.policy.services import install_policy
from calmdesk.resolution import services
from calmdesk.resolution.models import Decision, Escalation

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL only: set DATABASE_URL"
    ),
]

POLICY = Path(__file__).resolve().parents[2] / "src/calmdesk/demo/policy.yaml"


def _at_once(calls: list[Callable[[], object]]) -> list[object]:
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = calls[index]()
        except Exception as exc:  # the refusal is the result under test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def escalated(transactional_db, alice, bob, care_team, case):
    install_policy(alice.organisation, POLICY.read_text(), actor=None)
    services.update_facts(
        alice,
        case,
        product_group="small_appliances",
        purchase_date=timezone.localdate() - timedelta(days=5),
        price=Decimal("80.00"),
        proof_of_purchase=True,
        fault_confirmed=True,
    )
    escalation, _ = services.escalate(alice, case, "refund")
    return escalation


def test_two_team_leaders_decide_at_once_one_wins(escalated, bob, org, care_team):
    other = User.objects.create_user(
        username="gina", organisation=org, team=care_team, role="team_leader", first_name="Gina"
    )

    def decide(user: User, outcome: str) -> Callable[[], object]:
        return lambda: services.decide(
            User.objects.get(pk=user.pk),
            Escalation.objects.get(pk=escalated.pk),
            outcome,
            note="No: offer a repair" if outcome == "refused" else "",
        )

    results = _at_once([decide(bob, "agreed"), decide(other, "refused")])
    refusals = [r for r in results if isinstance(r, services.Refused)]
    assert len(refusals) == 1
    assert "already decided" in str(refusals[0])
    escalated.refresh_from_db()
    assert escalated.status == "decided"
    assert Decision.objects.count() == (1 if escalated.outcome == "agreed" else 0)


def test_the_same_decision_sent_twice_at_once_is_recorded_once(transactional_db, alice, case):
    install_policy(alice.organisation, POLICY.read_text(), actor=None)
    services.update_facts(
        alice,
        case,
        product_group="small_appliances",
        purchase_date=timezone.localdate() - timedelta(days=5),
        price=Decimal("40.00"),
        proof_of_purchase=True,
    )

    def agree() -> object:
        return services.record_decision(User.objects.get(pk=alice.pk), case, "refund")

    results = _at_once([agree, agree])
    assert all(isinstance(result, tuple) for result in results)
    assert sorted(created for _, created in results) == [False, True]
    assert Decision.objects.count() == 1
