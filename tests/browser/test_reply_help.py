"""The Reply help panel in a real browser: choose another channel by keyboard and the draft
is redone in place (HTMX), its parts in labelled text boxes."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

if not Path("/usr/bin/chromium").exists():
    pytest.skip(
        "Debian's Chromium is not at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.browser


def test_redraft_for_sms_by_keyboard_shows_texts_within_the_length(page, logged_in, alice, case):
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    panel = page.get_by_role("region", name="Reply help")
    expect(panel).to_contain_text("Questions to ask")
    # A telephone case: a spoken script with its prompts.
    expect(panel.locator(".rh-prompt").first).to_be_visible()
    expect(panel.get_by_label("Acknowledgement", exact=True)).to_be_editable()

    panel.get_by_label("Draft for").select_option("sms")
    panel.get_by_role("button", name="Re-draft").focus()
    page.keyboard.press("Enter")

    panel = page.get_by_role("region", name="Reply help")
    expect(panel).to_contain_text("As it will be texted")
    assert page.url.endswith(f"/cases/{case.pk}/")  # redone in place, no full reload
    texts = panel.locator(".rh-segment").all_inner_texts()
    assert texts
    assert all(len(text) <= 160 for text in texts)
    expect(panel.locator(".rh-prompt")).to_have_count(0)
