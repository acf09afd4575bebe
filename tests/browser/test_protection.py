"""Tolerance and safety in a real browser, by keyboard (C4 1.6, 2.10, 3.8, 3.10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from calmdesk.cases.services import open_case
from calmdesk.policy.services import install_policy
from calmdesk.protection.models import IncidentStep, ToleranceStepTaken

DEMO = (Path(__file__).parents[2] / "src" / "calmdesk" / "demo" / "policy.yaml").read_text()
ABUSIVE = "You are useless idiots, sort my kettle out."
THREAT = "If this kettle is not replaced today I will come down there and hurt you."


@pytest.fixture
def policy(org):
    return install_policy(org, DEMO, actor=None)


@pytest.fixture
def abusive_case(alice, customer, policy):
    """Alice's email case whose customer has just been abusive."""
    return open_case(alice, alice.organisation, customer=customer, channel="email", text=ABUSIVE)


if not Path("/usr/bin/chromium").exists():
    pytest.skip(
        "Debian's Chromium is not at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.browser


def test_an_agent_records_the_warning_by_keyboard(page, logged_in, alice, abusive_case):
    logged_in(alice)
    page.goto(f"/cases/{abusive_case.pk}/")
    panel = page.get_by_role("region", name="Unacceptable behaviour")
    expect(panel).to_contain_text("Step that applies now: Warning")
    expect(panel).to_contain_text("Name the behaviour calmly")
    note = panel.get_by_label("What was said and done")
    note.focus()
    page.keyboard.type("Asked him to stop swearing; carried on helping.")
    page.keyboard.press("Tab")
    expect(panel.get_by_role("button", name="Record: Warning")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#flash")).to_contain_text("Tolerance step recorded.")
    expect(panel).to_contain_text("Step that applies now: Final warning")
    assert ToleranceStepTaken.objects.get().note.startswith("Asked him to stop")


def test_a_threat_leads_the_agent_through_the_safety_steps(
    page,
    logged_in,
    alice,
    carol,
    customer,
    policy,
    text_contrasts,
):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=THREAT)
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    safety = page.get_by_role("region", name="Safety incident open")
    expect(safety).to_contain_text("If anyone is in immediate danger, call 999 first.")
    button = safety.get_by_role("button", name="Mark step 1 done")
    faint = [(text, ratio) for text, ratio in text_contrasts("button, a, summary") if ratio < 4.5]
    assert not faint, faint  # the step buttons once drew white text on the panel
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#flash")).to_contain_text("Step 1 recorded as done.")
    expect(safety.get_by_role("button", name="Mark step 1 done")).to_have_count(0)
    assert IncidentStep.objects.get(position=1).done_by == alice
