"""The accessibility sweep: every page type of the demo, checked by axe-core in chromium.

Later page types add their demo pages to ``PUBLIC_PATHS``.
"""

import pytest

from .conftest import axe_violations

PUBLIC_PATHS = [
    "/",
    "/a-propos/",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/plan-du-site/",
    "/recherche/",
    "/recherche/?q=valeurs",
    "/recherche/?q=introuvablexyz",
    "/recherche/?q=evaluation",
    "/recherche/?q=numerique&sort=date&tag=numerique",
    "/recherche/?q=le+la",
    "/ressources/",
    "/ressources/evaluation-formative/",
    "/page-inexistante/",
]


# The live server runs in another thread, so the data must be committed; serialized rollback
# restores what migrations created (root page, locale, collections) after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo_server(live_server):
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    call_command("update_index", verbosity=0)
    return live_server


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_page_has_no_serious_or_critical_axe_violation(demo_server, page, axe_source, path):
    response = page.goto(demo_server.url + path)
    assert response.status in (200, 404)
    assert axe_violations(page, axe_source) == []


def test_english_interface_has_no_serious_or_critical_axe_violation(demo_server, page, axe_source):
    page.goto(demo_server.url + "/a-propos/")
    page.select_option("#language-select", "en")
    page.click(".language-switcher button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page, axe_source) == []


def test_keyboard_reaches_the_search_field_through_the_skip_link(demo_server, page):
    page.goto(demo_server.url + "/a-propos/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    for _ in range(5):
        if page.evaluate("document.activeElement.getAttribute('href')") == "#search-q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller à la recherche"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.type("valeurs")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=valeurs")
    assert "À propos du collectif" in page.locator("main").inner_text()


def test_skip_link_is_visible_when_focused(demo_server, page):
    page.goto(demo_server.url + "/")
    page.keyboard.press("Tab")
    box = page.locator(".skip-links a").first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
