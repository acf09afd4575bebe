"""Closing a case in a real browser: an action, done, the satisfaction check, then closed
(Unit 7 3.3, P7, D2; C4 2.9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from calmdesk.followup.models import ActionRequest, FollowUp, SatisfactionCheck

if not Path("/usr/bin/chromium").exists():
    pytest.skip(
        "Debian's Chromium is not at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.browser


def test_an_agent_records_an_action_marks_it_done_checks_satisfaction_and_closes(
    page, logged_in, alice, case
):
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    panel = page.get_by_role("region", name="Actions and follow-up")

    # Ask the repairs department to act, due tomorrow.
    panel.get_by_text("Ask another department to act").click()
    panel.get_by_label("What is needed").select_option("repair")
    panel.get_by_label("What exactly").fill("Replace the thermostat")
    panel.get_by_role("button", name="Record action").click()
    expect(page.locator("#flash")).to_contain_text("Action recorded.")
    action = ActionRequest.objects.get()
    card = page.locator(f"#action-{action.pk}")
    expect(card).to_contain_text("Repair")

    # Closing now is refused with the reason, and nothing changes.
    page.get_by_label("Move to").select_option("resolved")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator("#flash")).to_contain_text("Status changed.")
    page.get_by_label("Move to").select_option("closed")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_role("alert").first).to_contain_text("action(s) still open")

    # The repair is done: a follow-up appears.
    page.goto(f"/cases/{case.pk}/")
    card = page.locator(f"#action-{action.pk}")
    card.get_by_label("What was done").fill("Thermostat replaced")
    card.get_by_role("button", name="Mark done").click()
    expect(page.locator("#flash")).to_contain_text("marked done")
    follow_up = FollowUp.objects.get(action=action)
    expect(page.locator(f"#follow-up-{follow_up.pk}")).to_contain_text("Confirm with the customer")

    # On a resolved case nobody has asked yet, the form for the customer's answer is open at
    # once: radio buttons in a fieldset and a labelled comment.
    expect(page.get_by_role("group", name="How satisfied is the customer")).to_be_visible()
    page.get_by_label("4: mostly satisfied").check()
    page.get_by_label("In the customer's words").fill("Works again, thanks for sorting it")
    page.get_by_role("button", name="Record satisfaction").click()
    expect(page.locator("#flash")).to_contain_text("Satisfaction check recorded.")
    expect(page.locator(".fu-check")).to_contain_text("4 of 5")

    # Now the case closes without a reason.
    page.get_by_label("Move to").select_option("closed")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator("#flash")).to_contain_text("Status changed.")
    expect(page.locator(".case-header .status")).to_have_text("Closed")
    assert SatisfactionCheck.objects.get().rating == 4
    case.refresh_from_db()
    assert case.status == "closed"
