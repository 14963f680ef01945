"""Browser tests: Debian's chromium driven by playwright, with axe-core injected in the page.

They run against ``demo_site``: the demo content served by gunicorn with production settings
in a process of its own (tests/live_site.py), the way visitors get it.
"""

import os
import time

import pytest

from tests.live_site import gunicorn, prepared_site
from tests.services import AXE_PATH, CHROMIUM, browser_unavailable_reason

# Playwright's sync API keeps an event loop running in the main thread for the whole session;
# the ORM calls that tests make around it (and after it) are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    reason = browser_unavailable_reason()
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


@pytest.fixture(scope="session")
def demo_site() -> str:
    """Base URL of a fresh demo site, built once per test session."""
    with (
        prepared_site([], from_demo=True) as env,
        gunicorn(env) as base_url,
    ):
        yield base_url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_PATH.read_text()


def axe_violations(page, axe_source: str, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core on the loaded page; return the violations of the given impacts."""
    # Evaluated by the browser's debugging protocol, not as an inline <script>: the site's
    # Content-Security-Policy rightly refuses inline scripts.
    page.evaluate(axe_source)
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def wait_until_true(page, expression: str, timeout: float = 10.0) -> None:
    """Poll a JavaScript expression from here until it is true.

    Playwright's ``wait_for_function`` re-evaluates its predicate with ``eval`` from the page's
    own timers, which the site's Content-Security-Policy (no 'unsafe-eval') rightly refuses as
    soon as the first check is false. ``page.evaluate`` goes through the debugging protocol, which
    the policy does not cover, so polling from Python tests the page under its real policy.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:g} s: {expression}")
        page.wait_for_timeout(50)
