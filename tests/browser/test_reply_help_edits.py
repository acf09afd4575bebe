"""Edits to the Reply help parts reach the reply (issue 5 audit): "Start from the draft" builds
the reply from the parts as edited, and Re-draft asks before it throws edits away."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

if not Path("/usr/bin/chromium").exists():
    pytest.skip(
        "Debian's Chromium is not at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.browser

OWN_WORDS = "Our engineer will ring you tomorrow morning to book a collection."


def test_start_from_the_draft_uses_the_parts_as_edited(page, logged_in, alice, case):
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    panel = page.get_by_role("region", name="Reply help")
    panel.get_by_label("Agreed actions").fill(OWN_WORDS)
    page.get_by_role("button", name="Start from the draft").click()
    box = page.get_by_label("Your reply")
    expect(box).to_have_value(re.compile(re.escape(OWN_WORDS)))
    assert "I am looking into this now" not in box.input_value()


def test_the_panels_own_button_puts_the_edited_parts_in_the_reply(page, logged_in, alice, case):
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    panel = page.get_by_role("region", name="Reply help")
    panel.get_by_label("Agreed actions").fill(OWN_WORDS)
    panel.get_by_role("button", name="Put these parts in the reply").click()
    box = page.get_by_label("Your reply")
    expect(box).to_have_value(re.compile(re.escape(OWN_WORDS)))


def test_redraft_asks_first_and_keeps_the_edit_when_the_agent_says_no(page, logged_in, alice, case):
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    asked: list[str] = []

    def decline(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", decline)
    panel = page.get_by_role("region", name="Reply help")
    # Nothing edited yet: re-drafting asks nothing. Wait for the new panel: an edit typed into
    # the old one before the swap lands would be lost with it.
    old_box = panel.get_by_label("Agreed actions").element_handle()
    panel.get_by_role("button", name="Re-draft").click()
    page.wait_for_function("box => !box.isConnected", arg=old_box)
    panel = page.get_by_role("region", name="Reply help")
    expect(panel.get_by_label("Agreed actions")).to_be_visible()
    assert asked == []

    panel.get_by_label("Agreed actions").fill(OWN_WORDS)
    panel.get_by_role("button", name="Re-draft").click()
    expect(panel.get_by_label("Agreed actions")).to_have_value(OWN_WORDS)
    assert asked
    assert "Agreed actions" in asked[0]

    page.remove_listener("dialog", decline)
    page.once("dialog", lambda dialog: dialog.accept())
    panel.get_by_role("button", name="Re-draft").click()
    panel = page.get_by_role("region", name="Reply help")
    expect(panel.get_by_label("Agreed actions")).not_to_have_value(OWN_WORDS)
