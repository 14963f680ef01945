"""What every public page must carry, as a visitor's browser receives it."""

import pytest
from lxml import html

from tests.factories import SitemapPageFactory, StandardPageFactory


def parse(response):
    return html.fromstring(response.content.decode())


@pytest.fixture
def pages(home):
    about = StandardPageFactory(parent=home, title="À propos", slug="a-propos", show_in_menus=True)
    child = StandardPageFactory(parent=about, title="Valeurs", slug="valeurs")
    sitemap = SitemapPageFactory(parent=home)
    return {"home": home, "about": about, "child": child, "sitemap": sitemap}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "about", "child", "sitemap"])
def test_page_has_language_landmarks_search_form_and_skip_link(client, pages, name):
    response = client.get(pages[name].url)
    assert response.status_code == 200
    doc = parse(response)
    assert doc.get("lang") == "fr"
    form = doc.xpath("//form[@role='search']")
    assert len(form) == 1
    assert form[0].xpath(".//input[@name='q']/@id") == ["search-q"]
    assert doc.xpath("//label[@for='search-q']")
    assert doc.xpath("//a[@href='#content']")[0].text == "Aller au contenu"
    assert doc.xpath("//a[@href='#search-q']")
    assert doc.xpath("//header") and doc.xpath("//main[@id='content']") and doc.xpath("//footer")
    assert len(doc.xpath("//h1")) == 1
    assert doc.xpath("//meta[@property='og:title']/@content")


@pytest.mark.django_db
def test_breadcrumbs_lead_from_home_to_the_current_page(client, pages):
    doc = parse(client.get(pages["child"].url))
    crumbs = doc.xpath("//nav[@class='breadcrumbs container']//a")
    assert [a.text_content() for a in crumbs] == ["Accueil", "À propos", "Valeurs"]
    assert crumbs[-1].get("aria-current") == "page"


@pytest.mark.django_db
def test_main_menu_marks_the_current_section(client, pages):
    doc = parse(client.get(pages["child"].url))
    link = doc.xpath("//nav[@id='main-menu']//a[text()='À propos']")[0]
    assert link.get("aria-current") == "true"


@pytest.mark.django_db
def test_site_map_lists_live_public_pages_nested(client, pages):
    draft = StandardPageFactory(parent=pages["about"], title="Brouillon", live=False)
    doc = parse(client.get(pages["sitemap"].url))
    items = doc.xpath("//nav[contains(@class,'human-sitemap')]//a/text()")
    assert "Valeurs" in items and "À propos" in items
    assert draft.title not in items
    nested = doc.xpath("//nav[contains(@class,'human-sitemap')]//li/ul/li/ul/li/a/text()")
    assert "Valeurs" in nested


@pytest.mark.django_db
def test_site_map_is_built_in_a_bounded_number_of_queries(
    client, pages, django_assert_max_num_queries
):
    for n in range(30):
        StandardPageFactory(parent=pages["about"], title=f"Page {n}")
    client.get(pages["sitemap"].url)  # warm Wagtail's per-site caches
    with django_assert_max_num_queries(20):
        response = client.get(pages["sitemap"].url)
    assert response.content.decode().count("Page ") >= 30


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_sections(
    client, home, django_assert_max_num_queries
):
    for n in range(20):
        StandardPageFactory(parent=home, title=f"Rubrique {n}", show_in_menus=True)
    client.get(home.url)
    # 20 for the page and its sections, plus one per "what is new" block (four families).
    with django_assert_max_num_queries(24):
        response = client.get(home.url)
    assert "Rubrique 19" in response.content.decode()


@pytest.mark.django_db
def test_unknown_address_gives_the_french_404_page(client, home):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_500_page_renders_without_database_or_context():
    from django.template.loader import render_to_string

    content = render_to_string("500.html")
    assert "Une erreur s’est produite" in content and 'lang="en"' in content


@pytest.mark.django_db
def test_choosing_english_switches_interface_but_not_content(client, pages):
    response = client.post("/langue/", {"language": "en", "next": pages["about"].url})
    assert response.status_code == 302
    doc = parse(client.get(pages["about"].url))
    assert doc.get("lang") == "en"
    assert doc.xpath("//a[@href='#content']")[0].text == "Skip to content"
    assert doc.xpath("//main/@lang") == ["fr"]
    assert doc.xpath("//h1")[0].text == "À propos"


@pytest.mark.django_db
def test_browser_language_alone_does_not_switch_to_english(client, pages):
    doc = parse(client.get(pages["about"].url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"))
    assert doc.get("lang") == "fr"


@pytest.mark.django_db
def test_robots_and_sitemap_xml(client, pages):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/a-propos/valeurs/" in sitemap
