"""The feed's fast path: a stored feed and a 304 are answered before page routing, and an
episode made private or unpublished leaves the feed at once (issue 12, point 9)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from lxml import etree

from media_pages.page_cache import STATUS_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def feed_url(show) -> str:
    return show.url + "feed.xml"


def titles(response) -> list[str]:
    return [item.findtext("title") for item in etree.fromstring(response.content).iter("item")]


def test_a_cached_feed_and_a_304_run_no_query_at_all(client, show, episodes,
                                                      django_assert_num_queries):  # fmt: skip
    first = client.get(feed_url(show), HTTP_ACCEPT_ENCODING="gzip")
    assert first[STATUS_HEADER] == "miss"
    with django_assert_num_queries(0):
        cached = client.get(feed_url(show), HTTP_ACCEPT_ENCODING="gzip")
        revalidated = client.get(
            feed_url(show), HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"]
        )
        since = client.get(
            feed_url(show),
            HTTP_ACCEPT_ENCODING="gzip",
            HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
        )
    assert cached[STATUS_HEADER] == "hit"
    assert cached.content == first.content
    assert cached["Content-Encoding"] == "gzip"
    assert cached["ETag"] == first["ETag"]
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert revalidated["ETag"] == first["ETag"]
    assert since.status_code == 304


def test_an_episode_made_private_in_the_admin_leaves_the_feed_at_once(client, show, episodes):
    assert "Épisode 2" in titles(client.get(feed_url(show)))
    assert client.get(feed_url(show))[STATUS_HEADER] == "hit"
    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("admin", "a@example.org", "pw"))
    response = editor.post(
        reverse("wagtailadmin_pages:set_privacy", args=[episodes[1].pk]),
        {"restriction_type": "login"},
    )
    assert response.status_code == 200
    feed = client.get(feed_url(show))
    assert titles(feed) == ["Épisode 1", "Épisode 3"]
    assert str(episodes[1].guid).encode() not in feed.content


def test_an_episode_restricted_from_the_shell_leaves_the_built_feed_too(client, show, episodes):
    from wagtail.models import PageViewRestriction

    from podcasts.feed import rendered_feed

    client.get(feed_url(show))
    PageViewRestriction.objects.create(page=episodes[0], restriction_type="password", password="x")
    request = client.get("/").wsgi_request
    assert rendered_feed(show, request).episodes == 2


def test_an_unpublished_episode_leaves_the_feed_at_once(client, show, episodes):
    client.get(feed_url(show))
    episodes[2].unpublish()
    assert titles(client.get(feed_url(show))) == ["Épisode 1", "Épisode 2"]
