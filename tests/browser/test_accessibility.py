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
    "/editoriaux/",
    "/editoriaux/ce-que-le-confinement-nous-a-appris/",
    "/presentations/",
    "/presentations/les-roles-du-collectif/",
    "/presentations/outils-pour-la-classe-a-distance/",
    "/communaute/",
    "/communaute/roles/",
    "/communaute/roles/ami-critique/",
    "/communaute/personnes/claire-vasseur/",
    "/etiquettes/",
    "/etiquettes/hybridation/",
    "/podcasts/",
    "/podcasts/les-voix-du-collectif/",
    "/podcasts/les-voix-du-collectif/bienvenue/",
    "/webinaires/",
    "/webinaires/?format=atelier",
    "/webinaires/evaluer-autrement/",
    "/webinaires/atelier-podcast-en-classe/",
    "/lettre-d-information/",
    "/lettre-d-information/lettre-octobre/",
    "/lettre-d-information/inscription/",
    "/lettre-d-information/inscription/merci/",
]


@pytest.fixture(scope="module")
def sweep_page(browser):
    """One tab for the whole sweep: each test loads its page afresh in it, and a new browser
    context per page would only add its start-up time."""
    context = browser.new_context(locale="fr-FR")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_page_has_no_serious_or_critical_axe_violation(demo_site, sweep_page, axe_source, path):
    response = sweep_page.goto(demo_site + path)
    assert response.status == (404 if path == "/page-inexistante/" else 200)
    assert axe_violations(sweep_page, axe_source) == []


def test_english_interface_has_no_serious_or_critical_axe_violation(demo_site, page, axe_source):
    page.goto(demo_site + "/a-propos/")
    page.select_option("#language-select", "en")
    page.click(".language-switcher button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page, axe_source) == []


def test_keyboard_reaches_the_search_field_through_the_skip_link(demo_site, page):
    page.goto(demo_site + "/a-propos/")
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


def test_skip_link_is_visible_when_focused(demo_site, page):
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    box = page.locator(".skip-links a").first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
