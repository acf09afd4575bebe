"""The demo policy installed for the cast's organisation, and a case with its facts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from calmdesk.policy.services import install_policy
from calmdesk.resolution import services
from tests.api.conftest import api  # noqa: F401  (the API caller fixture)

DEMO_POLICY = Path(__file__).resolve().parents[2] / "src/calmdesk/demo/policy.yaml"


@pytest.fixture
def policy(org):
    return install_policy(org, DEMO_POLICY.read_text(), actor=None)


@pytest.fixture
def kettle_case(policy, case, alice):
    """Alice's kettle case: bought 10 days ago for `price`, receipt seen, fault confirmed."""

    def with_price(price: str = "80.00"):
        services.update_facts(
            alice,
            case,
            product_group="small_appliances",
            purchase_date=timezone.localdate() - timedelta(days=10),
            price=Decimal(price),
            proof_of_purchase=True,
            fault_confirmed=True,
            stock_available=True,
            wants="Her money back",
        )
        return case

    return with_price


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)
