"""The reply box in a real browser (issue 5 "Tests"): findings appear as the agent types,
without a page load, and a better wording replaces the words in one click; an SMS reply is
sent within its length (C4 2.4, 2.8, 3.6; C1 1.4, 3.4, 3.8)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calmdesk.cases.models import Message
from calmdesk.cases.services import open_case
from calmdesk.core.sending import sms_part_width, sms_parts
from calmdesk.outbound.models import OutboundReply

ANGRY = "I am furious, this is the third time I have had to ring about the kettle!"

if not Path("/usr/bin/chromium").exists():
    pytest.skip(
        "Debian's Chromium is not at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.browser


@pytest.fixture
def angry_case(alice, customer):
    return open_case(alice, alice.organisation, customer=customer, channel="email", text=ANGRY)


def test_findings_appear_as_the_agent_types_and_a_better_wording_replaces_them(
    page, logged_in, alice, angry_case
):
    logged_in(alice)
    page.goto(f"/cases/{angry_case.pk}/")
    page.evaluate("window.noReload = true")
    box = page.get_by_label("Your reply")
    box.focus()
    page.keyboard.type("Calm down. As I already said, the engineer comes on Friday.")
    findings = page.locator("#reply-findings")
    expect(findings).to_contain_text("Provoking words")
    expect(findings.locator("mark", has_text="Calm down")).to_be_visible()
    expect(findings).to_contain_text("Telling an upset customer to calm down")
    expect(findings).to_contain_text("Better: “I can hear how frustrating this is")
    assert page.evaluate("window.noReload") is True  # the page was not loaded again
    findings.get_by_role("button", name="Use better wording for “Calm down”").click()
    expect(box).to_have_value(
        "I can hear how frustrating this is, and I want to sort it out. As I already said, "
        "the engineer comes on Friday."
    )
    expect(findings.locator("mark", has_text="Calm down")).to_have_count(0)
    expect(box).to_be_focused()  # the agent carries on typing where they were
    expect(findings.locator("mark", has_text="As I already said")).to_be_visible()
    assert page.evaluate("window.noReload") is True
    assert not OutboundReply.objects.exists()


def test_every_text_on_a_case_page_with_findings_can_be_read(
    page, logged_in, alice, angry_case, text_contrasts
):
    """WCAG 2.2 AA: text at least 4.5:1 against what it is drawn on. The better-wording button
    once used the header's white-on-transparent style and all but vanished on a finding."""
    logged_in(alice)
    page.goto(f"/cases/{angry_case.pk}/")
    page.get_by_label("Your reply").fill("Calm down, it will be looked into.")
    page.get_by_label("Your reply").press("End")
    page.keyboard.type(" ")
    expect(page.locator("#reply-findings")).to_contain_text("Use better wording")
    measured = text_contrasts(
        "button, a, summary, label, p, li, td, th, span, strong, em, mark, h1, h2, h3, dt, dd"
    )
    assert any(text.startswith("Use better wording") for text, _ in measured)
    faint = [(text, ratio) for text, ratio in measured if ratio < 4.5]
    assert not faint, faint


def test_an_agent_sends_the_drafted_sms_within_its_length(page, logged_in, alice, case):
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_label("Send by").select_option("sms")
    page.get_by_role("button", name="Start from the draft").click()
    box = page.get_by_label("Your reply")
    expect(box).to_have_value(re.compile(r"^Hi Priya"))
    expect(box).to_be_focused()
    expect(page.locator("#reply-sms")).to_contain_text("As an SMS:")
    text = box.input_value()
    assert "\n" not in text  # an SMS draft is one line
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("#flash")).to_contain_text("SMS reply recorded as sent.")
    reply = OutboundReply.objects.get()
    assert reply.status == "sent"
    assert reply.channel == "sms"
    sent = Message.objects.get(pk=reply.sent_message_id)
    assert sent.direction == "outbound"
    assert sent.text == text
    parts = sms_parts(sent.text)
    assert 1 <= len(parts) <= 6
    assert all(sms_part_width(part) <= 160 for part in parts)
    expect(page.locator(f"#message-{sent.pk}")).to_contain_text("Hi Priya")


def test_an_agent_types_a_short_sms_and_sends_it(page, logged_in, alice, case):
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_label("Send by").select_option("sms")
    text = (
        "Hi Priya, sorry about the kettle. A replacement goes out today and arrives by "
        "Friday; I'll text you on Thursday to confirm the time."
    )
    page.get_by_label("Your reply").fill(text)
    page.get_by_label("Your reply").press("End")  # a keyup: the live check runs
    expect(page.locator("#reply-sms")).to_contain_text("As an SMS: 1 part")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("#flash")).to_contain_text("SMS reply recorded as sent.")
    sent = Message.objects.get(case=case, direction="outbound")
    assert sent.text == text
    assert [sms_part_width(part) for part in sms_parts(sent.text)] == [len(text)]
