"""Headless Chromium for the browser tests: one browser per session, a fresh context per test.

Debian's Chromium is used as it is installed; a browser is never downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# database calls from the test body.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, transactional_db) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(5_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def logged_in(page, live_server) -> Callable[[object], object]:
    """Log a user in by giving the browser a session cookie, skipping the login form."""

    def log_in(user: object) -> object:
        client = Client()
        client.force_login(user)
        session = client.cookies["sessionid"].value
        page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        return page

    return log_in


# The WCAG contrast of each matched element's text against the background it is drawn on (the
# first opaque background among it and its ancestors), as the browser computed them.
_CONTRASTS = """(selector) => {
  const rgb = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = [r, g, b].map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length === 3 || colour[3] > 0) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)]
    .filter((element) => element.offsetParent !== null && element.innerText.trim()
      && !element.closest(".visually-hidden"))
    .map((element) => {
      const text = luminance(rgb(getComputedStyle(element).color));
      const ground = luminance(background(element));
      const ratio = (Math.max(text, ground) + 0.05) / (Math.min(text, ground) + 0.05);
      return [element.innerText.trim().slice(0, 60), Math.round(ratio * 100) / 100];
    });
}"""


@pytest.fixture
def text_contrasts(page) -> Callable[[str], list[tuple[str, float]]]:
    """(text, contrast ratio) of every visible element matching a CSS selector."""

    def measure(selector: str) -> list[tuple[str, float]]:
        return [tuple(pair) for pair in page.evaluate(_CONTRASTS, selector)]

    return measure
