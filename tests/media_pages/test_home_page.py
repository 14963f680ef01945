"""The home page shows what is new, each block only when it has content, at a fixed query cost;
the footer links to the collective's social accounts with rel="me"."""

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html

from media_pages.models import SiteIdentity
from tests.factories import (
    EditorialIndexPageFactory,
    EditorialPageFactory,
    NewsletterIndexPageFactory,
    NewsletterPageFactory,
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
    next_week_at,
)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sections(home, media_root):
    return {
        "show": PodcastShowPageFactory(parent=PodcastIndexPageFactory(parent=home)),
        "sessions": WebinarIndexPageFactory(parent=home),
        "editorials": EditorialIndexPageFactory(parent=home),
        "letters": NewsletterIndexPageFactory(parent=home),
    }


def add_content(sections: dict, count: int, offset: int = 0) -> None:
    for n in range(offset, offset + count):
        PodcastEpisodePageFactory(parent=sections["show"], title=f"Épisode {n}")
        WebinarPageFactory(parent=sections["sessions"], start=next_week_at(days=10 + n))
        EditorialPageFactory(parent=sections["editorials"], title=f"Éditorial {n}")
        NewsletterPageFactory(parent=sections["letters"], title=f"Lettre {n}")


def home_doc(client):
    response = client.get("/")
    assert response.status_code == 200
    return html.fromstring(response.content.decode())


def section_titles(doc) -> list[str]:
    return [
        title.strip() for title in doc.xpath("//section[contains(@class, 'highlight')]/h2/text()")
    ]


@pytest.mark.django_db
def test_a_new_site_shows_no_empty_block(client, sections):
    assert section_titles(home_doc(client)) == []


@pytest.mark.django_db
def test_home_shows_the_latest_episode_sessions_editorial_and_letter(client, sections):
    add_content(sections, 2)
    newest = PodcastEpisodePageFactory(
        parent=sections["show"], title="Le plus récent", first_published_at=timezone.now()
    )
    future = PodcastEpisodePageFactory(parent=sections["show"], title="Pas encore")
    future.go_live_at = timezone.now() + datetime.timedelta(days=2)
    future.save()
    past = WebinarPageFactory(
        parent=sections["sessions"],
        title="Déjà passée",
        start=timezone.now() - datetime.timedelta(days=3),
        end=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=1),
    )
    soonest = WebinarPageFactory(
        parent=sections["sessions"], title="La plus proche", start=next_week_at(hour=18, days=1)
    )
    doc = home_doc(client)

    assert section_titles(doc) == [
        "Dernier épisode",
        "Prochaines sessions",
        "Dernier éditorial",
        "Dernière lettre",
    ]
    episode = doc.xpath("//section[contains(@class, 'highlight-episode')]")[0]
    assert episode.xpath(".//h3/a/text()") == [newest.title]
    assert episode.xpath(".//audio/source/@src") == [newest.audio.file.url]
    sessions = doc.xpath("//section[contains(@class, 'highlight-sessions')]//li")
    assert sessions[0].xpath(".//h3/a/text()") == ["La plus proche"]
    assert past.title not in doc.text_content()
    when = sessions[0].xpath(".//time")[0]
    assert when.get("datetime") == soonest.start.replace(microsecond=0).isoformat()
    assert when.text.endswith("18:00") and "heure de Paris" in sessions[0].text_content()
    assert sessions[0].xpath(".//a[contains(@href, '#inscription')]/@href") == [
        f"{soonest.url}#inscription"
    ]
    assert (
        "Éditorial 1"
        in doc.xpath("//section[contains(@class, 'highlight-editorial')]")[0].text_content()
    )
    assert (
        "Lettre 1" in doc.xpath("//section[contains(@class, 'highlight-letter')]")[0].text_content()
    )


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_content(
    client, sections, django_assert_max_num_queries
):
    add_content(sections, 1)
    client.get("/")  # warm the caches a first visit fills (site root, settings)
    with CaptureQueriesContext(connection) as small:
        home_doc(client)
    budget = len(small.captured_queries)  # read now: the next request empties the query log
    add_content(sections, 12, offset=1)
    client.get("/")  # the content changed: the cached site chrome is rebuilt once
    with django_assert_max_num_queries(budget):
        doc = home_doc(client)
    assert len(section_titles(doc)) == 4
    assert len(doc.xpath("//section[contains(@class, 'highlight-sessions')]//li")) == 3


@pytest.mark.django_db
def test_what_is_new_is_built_once_per_change_and_a_new_episode_shows_at_once(client, sections):
    add_content(sections, 1)
    client.get("/")
    with CaptureQueriesContext(connection) as again:
        home_doc(client)
    tables = " ".join(query["sql"] for query in again.captured_queries)
    for table in (
        "podcasts_podcastepisodepage",
        "webinars_webinarpage",
        "newsletter_newsletterpage",
    ):
        assert table not in tables, f"{table} read again although nothing changed"
    PodcastEpisodePageFactory(
        parent=sections["show"], title="Épisode tout neuf", first_published_at=timezone.now()
    )
    assert "Épisode tout neuf" in home_doc(client).text_content()


@pytest.mark.django_db
def test_a_session_that_ends_leaves_the_home_page_within_the_highlights_delay(
    client, sections, settings, monkeypatch
):
    settings.HOME_HIGHLIGHTS_SECONDS = 1
    session = WebinarPageFactory(parent=sections["sessions"], title="Atelier du soir")
    assert "Atelier du soir" in home_doc(client).text_content()
    later = session.end + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Atelier du soir" in home_doc(client).text_content()  # kept for the delay...
    time.sleep(1.1)
    assert "Atelier du soir" not in home_doc(client).text_content()  # ...and no longer


@pytest.mark.django_db
def test_footer_links_to_social_accounts_with_rel_me(client, home):
    SiteIdentity.objects.create(
        site=home.get_site(),
        mastodon_url="https://mastodon.example.org/@collectif",
        twitter_url="https://x.com/Dev_Continuite",
    )
    links = home_doc(client).xpath("//footer//ul[@class='social-links']//a")
    assert [(link.text, link.get("href"), link.get("rel")) for link in links] == [
        ("Twitter / X", "https://x.com/Dev_Continuite", "me"),
        ("Mastodon", "https://mastodon.example.org/@collectif", "me"),
    ]


def settings_form(**social) -> dict:
    return {
        "tagline": "",
        "publisher": "",
        "contact_email": "",
        "accessibility_status": "none",
        **social,
    }


@pytest.mark.django_db
def test_online_engineer_sets_the_social_accounts_and_a_bad_address_is_refused(client, home):
    call_command("setup_groups", verbosity=0)
    engineer = get_user_model().objects.create_user("julien", "julien@example.org", "pw")
    engineer.groups.add(Group.objects.get(name="Ingénieur de mise en ligne"))
    client.force_login(engineer)
    url = f"/admin/settings/media_pages/siteidentity/{home.get_site().pk}/"

    response = client.post(url, settings_form(bluesky_url="http://bsky.app/profile/collectif"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "commençant par https://" in str(errors), errors
    assert not SiteIdentity.objects.filter(bluesky_url__startswith="http").exists()

    response = client.post(url, settings_form(bluesky_url="https://bsky.app/profile/collectif"))
    assert response.status_code == 302
    assert (
        SiteIdentity.for_site(home.get_site()).bluesky_url == "https://bsky.app/profile/collectif"
    )
    footer = home_doc(client).xpath("//footer//a[@rel='me']/@href")
    assert footer == ["https://bsky.app/profile/collectif"]


@pytest.mark.django_db
def test_a_member_without_the_settings_role_cannot_change_the_accounts(client, home):
    call_command("setup_groups", verbosity=0)
    editor = get_user_model().objects.create_user("claire", "claire@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Éditorialiste"))
    client.force_login(editor)
    url = f"/admin/settings/media_pages/siteidentity/{home.get_site().pk}/"
    client.post(url, settings_form(twitter_url="https://x.com/intrus"))
    assert not SiteIdentity.objects.filter(twitter_url="https://x.com/intrus").exists()
