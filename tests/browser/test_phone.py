"""On a 375 px phone: a short header, a menu folded behind a real button, touch targets of at
least 24 × 24 px, no sideways scrolling, axe clean. Screenshots land in test-results/phone/."""

from pathlib import Path

import pytest

from .conftest import axe_violations
from .test_accessibility import PUBLIC_PATHS

PHONE = {"width": 375, "height": 667}
SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "phone"
PAGES = {
    "home": "/",
    "episode": "/podcasts/les-voix-du-collectif/bienvenue/",
    "session": "/webinaires/atelier-podcast-en-classe/",
}
# Everything a finger aims at outside running text: header, menu, footer, forms, buttons.
TARGETS = (
    "header a, header button, header input, footer a, footer button, footer select, "
    "main button, main input:not([type=hidden]), main select, .breadcrumbs a"
)


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def too_small_targets(page) -> list[str]:
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
          .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
                          && !el.closest('.honeypot, .skip-links, .visually-hidden'))
          .map((el) => [el, el.getBoundingClientRect()])
          .filter(([el, box]) => box.width < 24 || box.height < 24)
          .map(([el, box]) => `${el.tagName} ${el.textContent.trim().slice(0, 30)}`
                              + ` ${box.width}x${box.height}`)""",
        TARGETS,
    )


@pytest.mark.parametrize("name", PAGES)
def test_phone_page_fits_with_a_short_header_and_large_targets(demo_site, phone, name):
    phone.goto(demo_site + PAGES[name])
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=SHOTS / f"{name}.png", full_page=False)
    header = phone.locator("header.site-header").bounding_box()
    assert header is not None and header["height"] <= PHONE["height"] * 0.4
    assert phone.locator("main h1").bounding_box()["y"] < PHONE["height"] * 0.6
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert too_small_targets(phone) == []
    font_size = phone.locator("#search-q").evaluate("(el) => getComputedStyle(el).fontSize")
    assert float(font_size.removesuffix("px")) >= 16


def test_menu_button_folds_and_unfolds_the_menu(demo_site, phone):
    phone.goto(demo_site + "/")
    button = phone.get_by_role("button", name="Menu")
    menu = phone.locator("#main-menu-list")
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "main-menu-list"
    assert not menu.is_visible()
    button.focus()
    phone.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert phone.get_by_role("link", name="Podcasts", exact=True).first.is_visible()
    phone.screenshot(path=SHOTS / "home-menu-open.png")
    button.click()
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()


def test_on_a_desktop_the_menu_is_open_and_its_button_hidden(demo_site, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(demo_site + "/")
    assert page.locator("#main-menu-list").is_visible()
    assert not page.locator("[data-menu-toggle]").is_visible()


def test_without_javascript_every_menu_link_is_reachable(demo_site, browser):
    context = browser.new_context(locale="fr-FR", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/")
    assert page.locator("#main-menu-list").is_visible()
    assert page.get_by_role("link", name="Podcasts", exact=True).first.is_visible()
    context.close()


def test_no_favicon_request_fails(demo_site, phone):
    failures = []
    phone.on("response", lambda r: r.status >= 400 and failures.append(r.url))
    phone.goto(demo_site + "/")
    phone.wait_for_load_state("networkidle")
    icon = phone.locator("link[rel=icon]").get_attribute("href")
    assert phone.request.get(demo_site + icon).ok
    assert phone.request.get(demo_site + "/favicon.ico").ok
    assert failures == []


@pytest.fixture(scope="module")
def phone_sweep(browser):
    """One phone tab for the whole axe sweep (see ``sweep_page`` in test_accessibility.py)."""
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_phone_page_has_no_serious_or_critical_axe_violation(
    demo_site, phone_sweep, axe_source, path
):
    response = phone_sweep.goto(demo_site + path)
    assert response.status == (404 if path == "/page-inexistante/" else 200)
    assert axe_violations(phone_sweep, axe_source) == []
