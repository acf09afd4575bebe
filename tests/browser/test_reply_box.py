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


def test_tab_from_the_reply_reaches_the_better_wording_and_the_focus_stays(
    page, logged_in, alice, angry_case
):
    """Leaving the box once ran the check again and redrew the findings, taking the focus
    from the button the agent had just tabbed to."""
    logged_in(alice)
    page.goto(f"/cases/{angry_case.pk}/")
    findings = page.locator("#reply-findings")
    findings.evaluate("region => { region.dataset.first = 'yes'; }")
    box = page.get_by_label("Your reply")
    box.focus()
    page.keyboard.type("Calm down, the engineer comes on Friday.")
    button = findings.get_by_role("button", name="Use better wording for “Calm down”")
    expect(button).to_be_visible()
    checks = []
    page.on(
        "request", lambda request: checks.append(request.url) if "/check/" in request.url else None
    )
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.wait_for_timeout(1_000)
    expect(button).to_be_focused()
    assert checks == []  # leaving the box with nothing changed checks nothing
    # The live region is the same element, so a screen reader announces what changes in it.
    assert findings.get_attribute("aria-live") == "polite"
    assert findings.evaluate("region => region.dataset.first") == "yes"


def test_a_check_landing_after_tab_keeps_the_focus_on_the_button(
    page, logged_in, alice, angry_case
):
    """Typing then pressing Tab within the 400 ms: the check lands while the button has the
    focus, and the redrawn button (the same finding) gets it back."""
    logged_in(alice)
    page.goto(f"/cases/{angry_case.pk}/")
    box = page.get_by_label("Your reply")
    box.fill("Calm down, the engineer comes on Friday.")
    button = page.get_by_role("button", name="Use better wording for “Calm down”")
    expect(button).to_be_visible()
    box.press("End")
    with page.expect_response(lambda response: "/check/" in response.url):
        page.keyboard.type(" Thank you")
        page.keyboard.press("Tab")
        expect(button).to_be_focused()  # before the check lands
    page.wait_for_timeout(300)
    expect(button).to_be_focused()


def test_a_social_media_reply_starts_public_and_personal_details_are_found(
    page, logged_in, alice, customer
):
    case = open_case(
        alice, alice.organisation, customer=customer, channel="social_media", text="@us help"
    )
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    public = page.get_by_label("Public reply (everyone can read it)")
    expect(public).to_be_checked()
    page.get_by_label("Your reply").fill(
        "Sorry about this. We will ring you on 07700 900456 and post it to 14 Mill Lane, LS1 4AB."
    )
    findings = page.locator("#reply-findings")
    expect(findings).to_contain_text("Personal data in public")
    page.get_by_label("Send by").select_option("email")
    expect(public).to_have_count(0)  # the box means nothing on email
    expect(findings).not_to_contain_text("Personal data in public")
    page.get_by_label("Send by").select_option("social_media")
    expect(page.get_by_label("Public reply (everyone can read it)")).to_be_checked()
    expect(findings).to_contain_text("Personal data in public")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("#case")).to_contain_text("Move these details to a private message")
    assert not OutboundReply.objects.exists()


def test_a_long_paste_is_kept_whole_and_the_agent_is_told(page, logged_in, alice, angry_case):
    logged_in(alice)
    page.goto(f"/cases/{angry_case.pk}/")
    box = page.get_by_label("Your reply")
    box.fill("word " * 6_000)
    assert len(box.input_value()) == 30_000
    expect(page.locator("#reply-problem")).to_contain_text(
        "30,000 characters long; the most calmdesk sends is 10,000"
    )


def test_a_reply_with_findings_is_sent_after_send_anyway(page, logged_in, alice, angry_case):
    logged_in(alice)
    page.goto(f"/cases/{angry_case.pk}/")
    page.get_by_label("Your reply").fill(
        "I'm sorry. Calm down, the engineer comes on Friday and I'll ring you on Thursday."
    )
    expect(page.locator("#reply-findings")).to_contain_text("Provoking words")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_role("heading", name="Send this reply as it is?")).to_be_visible()
    assert not OutboundReply.objects.exists()
    page.get_by_role("button", name="Send anyway").click()
    expect(page.locator("#flash")).to_contain_text("Reply emailed to priya@example.com.")
    reply = OutboundReply.objects.get()
    assert reply.status == "sent"


def test_when_the_focused_finding_goes_the_focus_returns_to_the_reply(
    page, logged_in, alice, angry_case
):
    logged_in(alice)
    page.goto(f"/cases/{angry_case.pk}/")
    box = page.get_by_label("Your reply")
    box.fill("Calm down, the engineer comes on Friday.")
    button = page.get_by_role("button", name="Use better wording for “Calm down”")
    button.focus()
    # The text changes under the button (as a check still on its way would): its finding goes.
    page.evaluate(
        """() => { const box = document.querySelector('#id_reply-text');
                   box.value = 'I am sorry. The engineer comes on Friday.';
                   htmx.trigger(box, 'input'); }"""
    )
    expect(button).to_have_count(0)
    expect(box).to_be_focused()
