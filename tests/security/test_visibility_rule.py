"""Every channel shows only what ``media_pages.visibility`` allows: live, public, published in
the past, not expired. Each test puts a password-protected page and a future-dated episode
(as an import or the shell would leave it: live, first published next week) beside a public
page, and checks one channel."""

import json
from datetime import timedelta

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from community.models import Credit, Person, Role
from media_pages.blocks.public_pages import PublicPageChooserBlock
from media_pages.visibility import is_visible, visible_pages
from tests.factories import (
    CommunityIndexPageFactory,
    EditorialIndexPageFactory,
    EditorialPageFactory,
    NewsletterIndexPageFactory,
    NewsletterPageFactory,
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
    TagIndexPageFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
)

PUBLIC, PRIVATE, FUTURE = "Zéphyr public", "Zéphyr confidentiel", "Zéphyr prochain"


@pytest.fixture
def site(home):
    person = Person.objects.create(name="Claire Vasseur", slug="claire-vasseur")
    role = Role.objects.first()
    editorials = EditorialIndexPageFactory(parent=home, slug="editoriaux")
    public = EditorialPageFactory(parent=editorials, title=PUBLIC, slug="public")
    private = EditorialPageFactory(parent=editorials, title=PRIVATE, slug="prive")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    podcasts = PodcastIndexPageFactory(parent=home, slug="podcasts")
    show = PodcastShowPageFactory(parent=podcasts, slug="emission")
    next_week = timezone.now() + timedelta(days=7)
    future = PodcastEpisodePageFactory(
        parent=show,
        title=FUTURE,
        slug="prochain",
        first_published_at=next_week,
        last_published_at=next_week,
    )
    for page in (public, private, future):
        page.tags.add("zephyr")
        page.save_revision().publish()
        Credit.objects.create(page=page, person=person, role=role)
    # Publishing stamps first_published_at only when empty: the future date stays.
    future.refresh_from_db()
    assert future.live and future.first_published_at > timezone.now()
    TagIndexPageFactory(parent=home)
    CommunityIndexPageFactory(parent=home)
    return {"public": public, "private": private, "future": future, "show": show}


def shown(text: str) -> set[str]:
    return {title for title in (PUBLIC, PRIVATE, FUTURE) if title in text}


@pytest.mark.django_db
def test_the_rule_itself(site):
    titles = set(visible_pages().values_list("title", flat=True))
    assert PUBLIC in titles and PRIVATE not in titles and FUTURE not in titles
    assert is_visible(site["public"]) and not is_visible(site["private"])
    assert not is_visible(site["future"])
    expired = site["public"]
    expired.expire_at = timezone.now() - timedelta(minutes=1)
    expired.save(update_fields=["expire_at"])
    assert not visible_pages().filter(pk=expired.pk).exists()


@pytest.mark.django_db
def test_a_future_dated_page_is_not_served_at_its_address(client, site):
    assert client.get(site["future"].url).status_code == 404
    assert client.get(site["public"].url).status_code == 200
    private = client.get(site["private"].url)
    assert (
        PRIVATE not in private.content.decode().split("<main", 1)[-1] or private.status_code != 200
    )


@pytest.mark.django_db
def test_search_results_and_suggestions(client, site):
    page = client.get("/recherche/", {"q": "zéphyr"}).content.decode()
    assert shown(page) == {PUBLIC}
    suggestions = json.loads(client.get("/recherche/suggestions/", {"q": "zéph"}).content)
    assert {item["title"] for item in suggestions["results"]} <= {PUBLIC}


@pytest.mark.django_db
def test_tag_and_person_pages(client, site):
    assert shown(client.get("/etiquettes/zephyr/").content.decode()) == {PUBLIC}
    person = client.get("/communaute/personnes/claire-vasseur/").content.decode()
    assert shown(person) == {PUBLIC}


@pytest.mark.django_db
def test_sitemap(client, site):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert site["public"].url in sitemap
    assert site["private"].url not in sitemap and site["future"].url not in sitemap


@pytest.mark.django_db
def test_podcast_and_editorial_feeds(client, site):
    podcast = feedparser.parse(client.get(site["show"].url + "feed.xml").content)
    assert FUTURE not in [entry.title for entry in podcast.entries]
    editorial = feedparser.parse(client.get("/editoriaux/feed.xml").content)
    assert [entry.title for entry in editorial.entries] == [PUBLIC]


@pytest.mark.django_db
def test_calendars(client, home):
    sessions = WebinarIndexPageFactory(parent=home, slug="sessions")
    WebinarPageFactory(parent=sessions, title=PUBLIC)
    private = WebinarPageFactory(parent=sessions, title=PRIVATE)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    soon = timezone.now() + timedelta(days=3)
    WebinarPageFactory(parent=sessions, title=FUTURE, first_published_at=soon)
    calendar = Calendar.from_ical(client.get("/sessions/calendar.ics").content)
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert shown(" ".join(summaries)) == {PUBLIC}
    assert shown(client.get("/sessions/").content.decode()) == {PUBLIC}


@pytest.mark.django_db
def test_newsletter_cards_leave_out_what_is_not_public(client, home, site):
    archive = NewsletterIndexPageFactory(parent=home)
    issue = NewsletterPageFactory(
        parent=archive,
        body=[
            (
                "featured",
                {"heading": "À lire", "pages": [site["public"], site["private"], site["future"]]},
            ),
            ("recent", {"heading": "Nouveau", "pages": [site["private"], site["future"]]}),
        ],
    )
    assert shown(client.get(issue.url).content.decode()) == {PUBLIC}
    assert PRIVATE not in [p.title for p in archive.published_since_last_issue()]
    assert FUTURE not in [p.title for p in archive.published_since_last_issue()]


@pytest.mark.django_db
def test_newsletter_page_chooser_offers_only_public_pages(client, site):
    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(admin)
    editorials = site["public"].get_parent()
    url = f"/admin/choose-page/{editorials.pk}/"
    offered = client.get(url, {"user_perms": "public_pages_only"}).json()["html"]
    assert PUBLIC in offered and PRIVATE not in offered
    # Other choosers (related links, menus) still offer every page to editors.
    assert PRIVATE in client.get(url).json()["html"]


@pytest.mark.django_db
def test_a_private_or_future_page_cannot_be_saved_in_a_newsletter_card(site):
    block = PublicPageChooserBlock()
    assert block.clean(site["public"]).pk == site["public"].pk
    for page in (site["private"], site["future"]):
        with pytest.raises(ValidationError):
            block.clean(page)
