"""The web interface in a real browser: logging in, recording a contact, finding it again,
HTMX updates, and getting round the queue by keyboard alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from tests.conftest import PASSWORD

if not Path("/usr/bin/chromium").exists():
    pytest.skip(
        "Debian's Chromium is not at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.browser


def focused(page) -> dict:
    return page.evaluate(
        "() => ({id: document.activeElement.id, text: document.activeElement.textContent.trim(),"
        " tag: document.activeElement.tagName})"
    )


def test_agent_logs_in_with_the_form_and_lands_on_the_queue(page, alice):
    page.goto("/cases/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/cases/"))
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Case queue")).to_be_visible()
    expect(page.get_by_text("Alice Archer · Agent")).to_be_visible()


def test_wrong_password_is_announced(page, alice):
    page.goto("/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("did not match")


def test_telephone_note_becomes_a_case_found_again_by_search(page, logged_in, alice):
    logged_in(alice)
    page.goto("/cases/new/")
    page.get_by_label("How did the customer get in touch?").select_option("telephone")
    page.get_by_label("Customer name").fill("Sam Okafor")
    page.get_by_label("Phone number").fill("07700 900456")
    page.get_by_label("What the customer said").fill(
        "Rang about the dishwasher: it floods the kitchen every cycle."
    )
    page.get_by_label("Large print").check()
    page.get_by_role("button", name="Record the contact").click()
    expect(page.get_by_role("status")).to_contain_text("Recorded as CD-000001.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("CD-000001")
    expect(page.locator(".needs")).to_contain_text("Large print")

    page.get_by_role("link", name="Case queue").first.click()
    page.get_by_label("Search").fill("dishwasher")
    page.get_by_label("Search").press("Enter")
    expect(page).to_have_url(re.compile(r"q=dishwasher"))
    expect(page.locator("#result-count")).to_have_text("Showing 1\N{EN DASH}1 of 1 case.")
    page.get_by_role("link", name="CD-000001").click()
    expect(page.locator(".timeline")).to_contain_text("floods the kitchen")


def test_note_added_with_htmx_appears_without_a_page_load(page, logged_in, alice, case):
    logged_in(alice)
    page.goto(f"/cases/{case.pk}/")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("textbox", name="Internal note").fill("Ring her on Friday morning.")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator("#flash")).to_have_text("Note added.")
    expect(page.locator(".notes")).to_contain_text("Ring her on Friday morning.")
    assert page.evaluate("window.notReloaded") is True
    assert focused(page)["id"] == "note-submit", "focus stays on the button after the swap"

    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_role("alert")).to_have_text("The note is empty.")
    expect(page.get_by_role("textbox", name="Internal note")).to_have_attribute(
        "aria-invalid", "true"
    )


def test_queue_works_by_keyboard_alone(page, logged_in, alice, case):
    """Tab reaches the skip link first, the skip link leads into the page, the search box
    takes Enter, and a result opens with Enter."""
    logged_in(alice)
    page.goto("/cases/")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    for _ in range(5):
        page.keyboard.press("Tab")
        if focused(page)["id"] == "id_q":
            break
    assert focused(page)["id"] == "id_q"
    page.keyboard.type("kettle")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=kettle"))
    expect(page.locator("#result-count")).to_have_text("Showing 1\N{EN DASH}1 of 1 case.")
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused(page)["text"] == case.reference:
            break
    assert focused(page)["text"] == case.reference
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/cases/{case.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)


TEXT = "button, a, summary, label, p, li, td, th, span, strong, em, h1, h2, h3, dt, dd, option"


@pytest.mark.parametrize(
    ("who", "paths"),
    [
        ("alice", ["/cases/", "/cases/new/", "/actions/", "/cases/999999/"]),
        ("carol", ["/cases/", "/incidents/", "/escalations/"]),
    ],
)
def test_every_text_of_the_main_pages_can_be_read(
    page, logged_in, request, case, who, paths, text_contrasts
):
    """WCAG 2.2 AA contrast (4.5:1) of every visible text, as Chromium draws it, on the pages
    each role starts from (and the not-found page)."""
    logged_in(request.getfixturevalue(who))
    for path in paths:
        page.goto(path)
        measured = text_contrasts(TEXT)
        assert measured, path
        faint = [(text, ratio) for text, ratio in measured if ratio < 4.5]
        assert not faint, (path, faint)
