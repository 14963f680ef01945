"""Editorials, presentations and tag pages as a visitor (or a feed reader) receives them."""

import json
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from lxml import html

from community.models import Credit, Person, Role
from tests.factories import (
    EditorialIndexPageFactory,
    EditorialPageFactory,
    PresentationIndexPageFactory,
    PresentationPageFactory,
    StandardPageFactory,
    TagIndexPageFactory,
)


def parse(response):
    return html.fromstring(response.content.decode())


def editorial(index, n: int, **fields):
    page = EditorialPageFactory(
        parent=index,
        title=f"Éditorial {n}",
        slug=f"editorial-{n}",
        first_published_at=timezone.now() - timedelta(days=100 - n),
        **fields,
    )
    return page


@pytest.fixture
def editorials(home):
    index = EditorialIndexPageFactory(parent=home, slug="editoriaux", title="Éditoriaux")
    claire = Person.objects.create(name="Claire Vasseur")
    writer = Role.objects.get(slug="editorialiste")
    pages = []
    for n in range(3):
        page = editorial(index, n)
        page.credits.add(Credit(person=claire, role=writer))
        page.tags.add("évaluation")
        page.save()
        pages.append(page)
    return index, pages


@pytest.mark.django_db
def test_feed_is_read_back_by_feedparser_newest_first_with_authors(client, editorials):
    _index, pages = editorials
    response = client.get("/editoriaux/feed.xml")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Éditoriaux"
    assert [entry.title for entry in feed.entries] == ["Éditorial 2", "Éditorial 1", "Éditorial 0"]
    assert feed.entries[0].link.endswith("/editoriaux/editorial-2/")
    assert feed.entries[0].author == "Claire Vasseur"
    assert feed.entries[0].summary == pages[2].intro
    assert [tag.term for tag in feed.entries[0].tags] == ["évaluation"]


@pytest.mark.django_db
def test_feed_leaves_drafts_out(client, editorials):
    _index, pages = editorials
    pages[0].unpublish()
    feed = feedparser.parse(client.get("/editoriaux/feed.xml").content)
    assert "Éditorial 0" not in [entry.title for entry in feed.entries]


@pytest.mark.django_db
def test_every_page_links_the_editorials_feed(client, editorials, home):
    standard = StandardPageFactory(parent=home)
    for url in ("/", standard.url, "/editoriaux/", editorials[1][0].url):
        links = parse(client.get(url)).xpath(
            "//head/link[@rel='alternate'][@type='application/rss+xml']/@href"
        )
        assert links == ["/editoriaux/feed.xml"], url


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "0", "-1", "99999999999", "2.5", "", "%00"])
def test_bad_page_numbers_fall_back_instead_of_failing(client, editorials, value):
    response = client.get(f"/editoriaux/?page={value}")
    assert response.status_code == 200
    assert "Éditorial 2" in response.content.decode()


@pytest.mark.django_db
def test_editorial_index_paginates_newest_first(client, editorials):
    index, _pages = editorials
    for n in range(3, 12):
        editorial(index, n)
    first = parse(client.get("/editoriaux/"))
    # Cards follow the page's h1 directly, so they are h2 (no jump from h1 to h3).
    titles = first.xpath("//main//li[@class='card']/h2/a/text()")
    assert titles[0] == "Éditorial 11" and len(titles) == 10
    last = parse(client.get("/editoriaux/?page=2"))
    assert last.xpath("//main//li[@class='card']/h2/a/text()") == ["Éditorial 1", "Éditorial 0"]
    assert parse(client.get("/editoriaux/?page=50")).xpath(
        "//main//li[@class='card']/h2/a/text()"
    ) == ["Éditorial 1", "Éditorial 0"]


@pytest.mark.django_db
def test_editorial_index_query_count_does_not_grow(
    client, editorials, django_assert_max_num_queries
):
    index, _pages = editorials
    client.get("/editoriaux/")
    with django_assert_max_num_queries(20) as few:
        client.get("/editoriaux/")
    budget = len(few.captured_queries)
    for n in range(3, 10):
        editorial(index, n)
    client.get("/editoriaux/")  # the site chrome is built again once after a change
    with django_assert_max_num_queries(budget):
        response = client.get("/editoriaux/")
    assert "Éditorial 9" in response.content.decode()


@pytest.mark.django_db
def test_editorial_page_shows_standfirst_reading_time_credits_tags_and_article_json_ld(
    client, editorials
):
    index, pages = editorials
    TagIndexPageFactory(parent=index.get_parent())
    doc = parse(client.get(pages[0].url))
    assert doc.xpath("//p[contains(@class,'standfirst')]/text()") == [pages[0].intro]
    assert "1 minute de lecture" in doc.xpath("string(//article//p[@class='meta'])")
    credits = [dt.text_content() for dt in doc.xpath("//section[@class='credits']//dt")]
    assert credits == ["Éditorialiste"]
    assert doc.xpath("string(//section[@class='credits']//dd)") == "Claire Vasseur"
    assert doc.xpath("//nav[@class='tags']//a/@href") == ["/etiquettes/%C3%A9valuation/"]
    data = json.loads(doc.xpath("//script[@type='application/ld+json']/text()")[0])
    assert data["@type"] == "Article"
    assert data["headline"] == "Éditorial 0"
    assert data["author"] == [{"@type": "Person", "name": "Claire Vasseur"}]
    assert data["keywords"] == ["évaluation"]


@pytest.mark.django_db
def test_reading_time_grows_with_the_text(home):
    index = EditorialIndexPageFactory(parent=home)
    long_text = "<p>" + "mot " * 1000 + "</p>"
    page = EditorialPageFactory(parent=index, body=[("paragraph", long_text)])
    assert page.reading_time == 6


@pytest.fixture
def presentation(home):
    index = PresentationIndexPageFactory(parent=home, slug="presentations")
    return PresentationPageFactory(
        parent=index, title="Les rôles", frame_title="Les rôles du collectif (Genially)"
    )


@pytest.mark.django_db
def test_presentation_page_has_sandboxed_titled_iframe_fallback_link_and_text_alternative(
    client, presentation
):
    doc = parse(client.get(presentation.url))
    iframe = doc.xpath("//div[@data-consent-frame]/template/iframe")[0]
    assert iframe.get("src") == "https://view.genially.com/65da9accbbb01e0014a797ae"
    assert iframe.get("title") == "Les rôles du collectif (Genially)"
    assert "allow-top-navigation" not in iframe.get("sandbox")
    assert "allow-scripts" in iframe.get("sandbox")
    links = doc.xpath("//ul[@class='presentation-links']//a")
    assert links[0].get("href") == presentation.presentation_url
    assert links[0].text_content() == "Ouvrir la présentation sur Genially"
    alternative = doc.xpath("//section[@class='text-alternative']")[0]
    assert alternative.xpath("h2/text()") == ["Version texte de la présentation"]
    assert "Le contenu de la présentation, en texte." in alternative.text_content()


@pytest.mark.django_db
def test_presentation_without_frame_title_gets_one_from_its_title(client, presentation):
    presentation.frame_title = ""
    presentation.save_revision().publish()
    doc = parse(client.get(presentation.url))
    title = doc.xpath("//template/iframe/@title")[0]
    assert title == "Présentation interactive : Les rôles"


@pytest.mark.django_db
def test_presentation_index_query_count_does_not_grow(
    client, presentation, django_assert_max_num_queries
):
    index = presentation.get_parent()
    client.get(index.url)
    with django_assert_max_num_queries(20) as few:
        client.get(index.url)
    budget = len(few.captured_queries)
    for _n in range(10):
        PresentationPageFactory(parent=index)
    client.get(index.url)  # the site chrome is built again once after a change
    with django_assert_max_num_queries(budget):
        client.get(index.url)


@pytest.fixture
def tagged(home, editorials, presentation):
    tags = TagIndexPageFactory(parent=home)
    presentation.tags.add("évaluation")
    presentation.save()
    standard = StandardPageFactory(parent=home, title="Page étiquetée")
    standard.tags.add("évaluation")
    standard.save()
    draft = StandardPageFactory(parent=home, title="Brouillon étiqueté", live=False)
    draft.tags.add("évaluation")
    draft.save()
    return tags


@pytest.mark.django_db
def test_tag_page_lists_every_content_type_but_not_drafts(client, tagged):
    doc = parse(client.get("/etiquettes/%C3%A9valuation/"))
    sections = doc.xpath("//main//section/h2/text()")
    assert len(sections) == 3  # one section per page type: presentation, editorial, standard
    text = doc.xpath("string(//main)")
    assert "Éditorial 2" in text and "Les rôles" in text and "Page étiquetée" in text
    assert "Brouillon étiqueté" not in text


@pytest.mark.django_db
def test_tag_index_counts_live_content_only(client, tagged):
    doc = parse(client.get("/etiquettes/"))
    assert doc.xpath("string(//ul[@class='tag-cloud']/li)").split() == [
        "évaluation",
        "(5",
        "contenus)",
    ]


@pytest.mark.django_db
def test_unknown_tag_is_a_404(client, tagged):
    assert client.get("/etiquettes/inconnue/").status_code == 404


@pytest.mark.django_db
def test_tag_page_query_count_does_not_grow(client, tagged, home, django_assert_max_num_queries):
    client.get("/etiquettes/%C3%A9valuation/")
    with django_assert_max_num_queries(25) as few:
        client.get("/etiquettes/%C3%A9valuation/")
    budget = len(few.captured_queries)
    for n in range(15):
        page = StandardPageFactory(parent=home, title=f"Étiquetée {n}")
        page.tags.add("évaluation")
        page.save()
    client.get("/etiquettes/%C3%A9valuation/")  # the site chrome is built again once after a change
    with django_assert_max_num_queries(budget):
        response = client.get("/etiquettes/%C3%A9valuation/")
    assert "Étiquetée 14" in response.content.decode()
