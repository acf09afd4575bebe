"""The situation card and the queue's assessment filters in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calmdesk.cases.services import open_case, record_message

if not Path("/usr/bin/chromium").exists():
    pytest.skip(
        "Debian's Chromium is not at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.browser

FURIOUS = (
    "This is the THIRD time my parcel has not arrived. You are useless idiots and I am "
    "contacting my lawyer."
)


def test_the_card_names_the_situation_and_the_marked_words_carry_their_label(
    page, logged_in, alice, customer
):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=FURIOUS)
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    card = page.get_by_role("region", name="Situation")
    expect(card).to_contain_text("3 of 3: highly challenging")
    expect(card).to_contain_text("Legal or regulator threat")
    lawyer = page.locator("mark.evidence", has_text="lawyer")
    expect(lawyer).to_be_visible()
    # Screen readers hear which finding the words show; sighted users see it on hover.
    expect(lawyer).to_contain_text("(evidence: Legal or regulator threat)")
    expect(lawyer.locator(".visually-hidden")).to_have_css("position", "absolute")
    # The card's link takes keyboard users to the message it describes.
    link = card.get_by_role("link", name="newest message from the customer")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"#message-{case.latest_assessment_id}$"))


def test_the_queue_filters_by_risk_and_sorts_by_challenge(page, logged_in, alice, case):
    furious = record_message(None, case, channel="email", text=FURIOUS).case
    calm = open_case(
        alice,
        alice.organisation,
        customer=case.customer,
        channel="sms",
        text="Could you tell me when the Leeds store opens on Sunday?",
    )
    logged_in(alice)
    page.goto("/cases/")
    page.get_by_label("Risk").select_option("threat_legal")
    expect(page.locator("#result-count")).to_have_text("Showing 1\N{EN DASH}1 of 1 case.")
    expect(page.locator("table.queue tbody")).to_contain_text(furious.reference)
    expect(page.locator("table.queue tbody")).not_to_contain_text(calm.reference)
    page.get_by_label("Risk").select_option("")
    page.get_by_label("Sort by").select_option("challenge")
    expect(page).to_have_url(re.compile(r"sort=challenge"))
    first_row = page.locator("table.queue tbody tr").first
    expect(first_row).to_contain_text(furious.reference)
