"""The demo policy and a kettle case with its facts, for the reply help tests."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from calmdesk.cases.services import open_case
from calmdesk.policy.services import install_policy
from calmdesk.resolution import services

DEMO_POLICY = Path(__file__).resolve().parents[2] / "src/calmdesk/demo/policy.yaml"


@pytest.fixture
def policy(org):
    return install_policy(org, DEMO_POLICY.read_text(), actor=None)


@pytest.fixture
def kettle_facts(policy, case, alice):
    """Alice's kettle case with its facts: bought `days` ago, wanting her money back."""

    def with_facts(days: int = 10, wants: str = "Her money back"):
        services.update_facts(
            alice,
            case,
            product_group="small_appliances",
            purchase_date=timezone.localdate() - timedelta(days=days),
            price=Decimal("40.00"),
            proof_of_purchase=True,
            fault_confirmed=True,
            wants=wants,
        )
        return case

    return with_facts


def open_own_case(agent, customer, **details):
    """A case of the agent's own organisation, opened by the agent."""
    return open_case(agent, agent.organisation, customer=customer, **details)
