"""The demo policy installed, and messages the assessment engine reads as abuse or a threat."""

from __future__ import annotations

from pathlib import Path

import pytest

from calmdesk.cases.services import open_case, record_message
from calmdesk.policy.services import install_policy

from ..api.conftest import api  # noqa: F401 - the API caller fixture, as in tests/api

DEMO = (Path(__file__).parents[2] / "src" / "calmdesk" / "demo" / "policy.yaml").read_text()

ABUSIVE = "You are useless idiots, sort my kettle out."
THREAT = "If this kettle is not replaced today I will come down there and hurt you."
CALM = "The kettle you sold me switches off after a minute, please help."


@pytest.fixture
def policy(org):
    return install_policy(org, DEMO, actor=None)


@pytest.fixture
def abusive_case(alice, customer, policy):
    """Alice's email case whose customer has just been abusive."""
    return open_case(alice, alice.organisation, customer=customer, channel="email", text=ABUSIVE)


def write_again(case, text, channel="email"):
    return record_message(None, case, channel=channel, text=text)
