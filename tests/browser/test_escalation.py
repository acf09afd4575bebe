"""An escalation from agent to team leader and back, in a real browser (Unit 7 P3, M1;
C1 2.5; C4 2.7)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from calmdesk.policy.services import install_policy
from calmdesk.resolution import services

if not Path("/usr/bin/chromium").exists():
    pytest.skip(
        "Debian's Chromium is not at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.browser

POLICY = Path(__file__).resolve().parents[2] / "src/calmdesk/demo/policy.yaml"


def test_agent_escalates_a_refund_the_team_leader_decides_the_agent_sees_it(
    page, logged_in, alice, bob, case
):
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
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    ways = page.get_by_role("region", name="Ways forward")
    refund = ways.locator("#option-refund")
    expect(refund).to_contain_text("Needs approval: a team leader")
    refund.get_by_label("Note").fill("Wants her money back today")
    refund.get_by_role("button", name="Escalate to a team leader").click()
    expect(page.locator(".flash")).to_contain_text("Escalated with a handover summary")
    expect(page.locator("#ways-forward .escalations")).to_contain_text("Waiting")

    page.context.clear_cookies()
    logged_in(bob)
    page.goto("/cases/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Escalations").click()
    page.get_by_role("link", name=case.reference).click()
    handover = page.get_by_role("region", name="Handover")
    expect(handover).to_contain_text("Customer: Priya Shah")
    expect(handover).to_contain_text("Recommended: Refund to the original payment (GBP 80.00)")
    expect(handover).to_contain_text("Wants her money back today")
    page.get_by_role("button", name="Accept: I will take this").click()
    expect(page.locator("#escalation-status")).to_contain_text("Accepted by Bob Baker")
    page.get_by_role("radio", name="Agreed").check()
    page.get_by_label("Note (the reason, when refusing)").fill("Refund approved")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("#escalation-status")).to_contain_text("Decided (agreed) by Bob Baker")

    page.context.clear_cookies()
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    ways = page.get_by_role("region", name="Ways forward")
    expect(ways.locator(".decisions")).to_contain_text("Refund 80.00 agreed by Bob Baker")
    expect(ways.locator(".escalations")).to_contain_text("Decided (agreed) by Bob Baker")
    history = page.get_by_role("table")
    expect(history).to_contain_text("Bob Baker agreed refund, 80.00")
