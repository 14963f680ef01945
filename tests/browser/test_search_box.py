"""The search box: suggestions by keyboard with JavaScript, a plain form without it."""

import pytest

from .conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo_server(live_server):
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    return live_server


def test_suggestions_are_chosen_with_the_keyboard(demo_server, page, axe_source):
    page.goto(demo_server.url + "/")
    box = page.locator("#search-q")
    box.fill("pedago")
    option = page.get_by_role("option").first
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert "pédagog" in option.inner_text().lower()
    assert axe_violations(page, axe_source) == []
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "search-q-option-0"
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.startswith(demo_server.url + "/ressources/")


def test_without_javascript_the_box_submits_to_the_search_page(demo_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(demo_server.url + "/")
    page.locator("#search-q").fill("évaluations")
    with page.expect_navigation():
        page.locator("#search-q").press("Enter")
    assert "/recherche/?q=" in page.url
    # The demo now has several pages about évaluation (an editorial too): top 3, as in the
    # relevance set.
    top = page.locator(".search-result h2").all_inner_texts()[:3]
    assert "L’évaluation formative au quotidien" in top
    context.close()
