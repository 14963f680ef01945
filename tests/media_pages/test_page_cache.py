"""The page cache: anonymous visitors get stored pages before routing, nobody else does, and
anything made private, unpublished or published leaves it at once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import PageViewRestriction

from media_pages.page_cache import STATUS_HEADER
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def page(home):
    return StandardPageFactory(parent=home, title="Charte du collectif", slug="charte")


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    return client


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, page, django_assert_num_queries
):
    first = client.get(page.url)
    assert first[STATUS_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(page.url)
    assert second[STATUS_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Charte du collectif" in second.content.decode()


def test_the_chosen_language_has_its_own_cached_copy(client, page):
    client.get(page.url)
    client.cookies["collectif_language"] = "en"
    english = client.get(page.url)
    assert english[STATUS_HEADER] == "miss"
    assert english["Content-Language"] == "en"


def test_a_page_made_private_in_the_admin_leaves_the_cache_at_once(client, page):
    client.get(page.url)
    assert client.get(page.url)[STATUS_HEADER] == "hit"
    editor = get_user_model().objects.create_superuser("editrice", "e@example.org", "pw")
    from django.test import Client

    admin = Client()
    admin.force_login(editor)
    response = admin.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": "password", "password": "secret-collectif"},
    )
    assert response.status_code == 200
    assert PageViewRestriction.objects.filter(page=page).exists()
    after = client.get(page.url)
    assert after.get(STATUS_HEADER) != "hit"
    # Wagtail's password form instead of the page, never stored (it carries a CSRF token).
    assert 'name="password"' in after.content.decode()
    assert client.get(page.url).get(STATUS_HEADER) != "hit"


def test_an_unpublished_page_leaves_the_cache_at_once(client, admin_client, page):
    from django.test import Client

    visitor = Client()
    visitor.get(page.url)
    assert visitor.get(page.url)[STATUS_HEADER] == "hit"
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    assert visitor.get(page.url).status_code == 404


def test_a_published_change_shows_at_once(client, page):
    client.get(page.url)
    page.title = "Charte révisée"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response[STATUS_HEADER] == "miss"
    assert "Charte révisée" in response.content.decode()


def test_logged_in_users_never_get_nor_leave_a_cached_page(client, admin_client, page):
    response = admin_client.get(page.url)
    assert STATUS_HEADER not in response
    assert admin_client.get(page.url).get(STATUS_HEADER) is None
    client.logout()
    assert client.get(page.url)[STATUS_HEADER] == "miss"  # nothing was stored for the editor


def test_pages_with_a_form_token_are_never_stored(client, home):
    from tests.factories import WebinarIndexPageFactory, WebinarPageFactory

    session = WebinarPageFactory(parent=WebinarIndexPageFactory(parent=home))
    first = client.get(session.url)
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert STATUS_HEADER not in first
    assert client.get(session.url).get(STATUS_HEADER) is None


def test_the_cache_shared_by_every_process_is_the_database_by_default(monkeypatch, tmp_path):
    from config.settings.environment import cache_config

    monkeypatch.delenv("CACHE_URL", raising=False)
    default = cache_config(tmp_path)["default"]
    assert default["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    monkeypatch.setenv("CACHE_URL", "redis://cache.internal:6379/2")
    redis = cache_config(tmp_path)["default"]
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://cache.internal:6379/2"
    monkeypatch.setenv("CACHE_URL", "db://autre_table")
    assert cache_config(tmp_path)["default"]["LOCATION"] == "autre_table"
    monkeypatch.setenv("CACHE_URL", "memcached://x")
    with pytest.raises(ValueError, match="CACHE_URL"):
        cache_config(tmp_path)


def test_migrate_creates_the_database_cache_table(settings):
    from django.core.cache import caches
    from django.db import connection

    from media_pages.apps import create_cache_table

    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                   "LOCATION": "collectif_cache_test"},
    }  # fmt: skip
    create_cache_table(sender=None, using="default", verbosity=0)
    assert "collectif_cache_test" in connection.introspection.table_names()
    caches["shared"].set("compteur", 3)
    assert caches["shared"].get("compteur") == 3


@pytest.fixture
def database_cache(settings):
    """The default cache of every deployment without CACHE_URL, so queries count round trips."""
    from media_pages.apps import create_cache_table

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                    "LOCATION": "collectif_cache_pages"},
    }  # fmt: skip
    create_cache_table(sender=None, using="default", verbosity=0)


def test_a_hit_is_one_round_trip_to_the_database_cache(
    database_cache, client, page, django_assert_num_queries
):
    first = client.get(page.url)
    assert first[STATUS_HEADER] == "miss"
    with django_assert_num_queries(1) as queries:
        second = client.get(page.url)
    assert second[STATUS_HEADER] == "hit"
    assert second.content == first.content
    assert "collectif_cache_pages" in queries.captured_queries[0]["sql"]


def test_a_big_body_is_read_only_when_sent_and_a_304_reads_the_record_alone(
    database_cache, rf, django_assert_num_queries
):
    from django.http import HttpResponse

    from media_pages import page_cache

    body = b"<rss>" + b"x" * page_cache.INLINE_BYTES + b"</rss>"
    built = []

    def application(request):
        built.append(request)
        return HttpResponse(body, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    middleware = page_cache.PageCacheMiddleware(application)
    assert middleware(rf.get("/feed.xml"))[STATUS_HEADER] == "miss"
    with django_assert_num_queries(2):
        sent = middleware(rf.get("/feed.xml"))
    with django_assert_num_queries(1) as queries:
        revalidated = middleware(rf.get("/feed.xml", HTTP_IF_NONE_MATCH='"v1"'))
    assert len(built) == 1
    assert sent[STATUS_HEADER] == "hit"
    assert sent.content == body
    assert sent["Content-Length"] == str(len(body))
    assert revalidated.status_code == 304
    assert revalidated["ETag"] == '"v1"'
    assert revalidated.content == b""
    # The record and the token only: the body's own key is not asked for.
    assert queries.captured_queries[0]["sql"].count("page:") == 1


def test_a_record_stored_before_bodies_were_inline_is_still_served(database_cache, client, page):
    from django.core.cache import cache

    from media_pages import page_cache

    first = client.get(page.url)
    key = page_cache.page_cache_key(first.wsgi_request)
    record = cache.get(key)
    body_key = key + ":old"
    cache.set(body_key, record.pop("body"))
    cache.set(key, {**record, "body_key": body_key})
    second = client.get(page.url)
    assert second[STATUS_HEADER] == "hit"
    assert second.content == first.content
