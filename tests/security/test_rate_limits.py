"""One rate limiter in the shared cache, per real client (issue 12 #5, #14, #19)."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import RequestFactory, override_settings
from wagtail.models import PageViewRestriction

from media_pages.ratelimit import RateLimit, client_address
from tests.factories import StandardPageFactory, WebinarIndexPageFactory, WebinarPageFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_counters():
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def session(home):
    sessions = WebinarIndexPageFactory(parent=home, slug="sessions")
    return WebinarPageFactory(parent=sessions, capacity=100)


def register(client, session, number: int, **headers):
    data = {"name": "Camille", "email": f"p{number}@example.org", "consent": "on"}
    return client.post(session.url + "inscription/", data, **headers)


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_visitor_has_a_counter(client, session, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REGISTRATION_RATE_LIMIT = (2, 600)
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    school = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    home_user = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert register(client, session, 1, **school).status_code != 429
    assert register(client, session, 2, **school).status_code != 429
    assert register(client, session, 3, **school).status_code == 429
    # Another visitor behind the same proxy is not locked out ...
    assert register(client, session, 4, **home_user).status_code != 429
    # ... and the first cannot escape by writing its own X-Forwarded-For entry.
    spoofed = {**proxy, "HTTP_X_FORWARDED_FOR": "192.0.2.1, 198.51.100.7"}
    assert register(client, session, 5, **spoofed).status_code == 429


@pytest.mark.django_db
def test_without_a_trusted_proxy_forwarded_headers_are_ignored(client, session, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.REGISTRATION_RATE_LIMIT = (2, 600)
    for number in range(2):
        forged = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{number}"}
        assert register(client, session, number, **forged).status_code != 429
    assert register(client, session, 9, HTTP_X_FORWARDED_FOR="192.0.2.77").status_code == 429


def test_client_address_reads_the_right_entry():
    factory = RequestFactory()
    request = factory.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="a, 203.0.113.9, 10.0.0.1"
    )
    with override_settings(TRUSTED_PROXY_COUNT=2):
        assert client_address(request) == "203.0.113.9"
    with override_settings(TRUSTED_PROXY_COUNT=0):
        assert client_address(request) == "10.0.0.2"
    ipv6 = factory.get("/", REMOTE_ADDR="2001:db8:1:2:3:4:5:6")
    assert client_address(ipv6) == "2001:db8:1:2::/64"


def test_two_processes_sharing_the_cache_count_together(tmp_path, settings):
    """Two web processes (here: this one and a child Python) share one counter."""
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    settings.CACHES = shared
    caches._settings = None
    child = textwrap.dedent(
        f"""
        import os, django
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        django.setup()
        from django.test import RequestFactory, override_settings
        with override_settings(CACHES={shared!r}):
            from media_pages.ratelimit import RateLimit
            limit = RateLimit("probe", 3, 600)
            request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
            print([limit.hit(request) for _ in range(2)])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", child], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[True, True]", done.stderr
    limit = RateLimit("probe", 3, 600)
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    assert caches["default"].get(limit.key(request)) == 2
    assert limit.hit(request) is True  # the third attempt, counted across both processes
    assert limit.hit(request) is False


@pytest.mark.django_db
def test_admin_login_is_refused_after_too_many_attempts(client, settings):
    settings.ADMIN_LOGIN_RATE_LIMIT = (3, 900)
    get_user_model().objects.create_superuser("chef", "chef@example.org", "juste")
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "chef", "password": "faux"})
        assert response.status_code == 200
    response = client.post("/admin/login/", {"username": "chef", "password": "juste"})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The Django admin's login form shares the counter.
    assert client.post("/django-admin/login/", {"username": "chef"}).status_code == 429


@pytest.mark.django_db
def test_signing_in_successfully_is_not_counted(client, settings):
    """Twelve colleagues behind one school address sign in within the window: none refused."""
    settings.ADMIN_LOGIN_RATE_LIMIT = (3, 900)
    get_user_model().objects.create_superuser("chef", "chef@example.org", "juste")
    for _ in range(12):
        response = client.post("/admin/login/", {"username": "chef", "password": "juste"})
        assert response.status_code == 302
        client.logout()
    for _ in range(3):
        assert (
            client.post("/admin/login/", {"username": "chef", "password": "faux"}).status_code
            == 200
        )
    assert (
        client.post("/admin/login/", {"username": "chef", "password": "juste"}).status_code == 429
    )


@pytest.mark.django_db
def test_page_password_form_is_refused_after_too_many_attempts(client, home, settings):
    settings.PAGE_PASSWORD_RATE_LIMIT = (3, 900)
    page = StandardPageFactory(parent=home, title="Réservé")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="secret"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    for _ in range(3):
        assert client.post(url, {"password": "non", "return_url": page.url}).status_code == 200
    response = client.post(url, {"password": "secret", "return_url": page.url})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()


@pytest.mark.django_db
def test_public_forms_refuse_large_bodies_in_french(client, session, home):
    name = "x" * 1_000_000
    data = {"name": name, "email": "p@example.org", "consent": "on"}
    response = client.post(session.url + "inscription/", data)
    assert response.status_code == 413
    page = response.content.decode()
    assert "trop volumineux" in page and name[:70_000] not in page
    # A normal form still goes through; the admin keeps its own, larger limits.
    assert register(client, session, 1).status_code in (200, 302)


@pytest.mark.django_db
def test_a_long_name_is_refused_with_a_french_message(client, session):
    data = {"name": "x" * 5_000, "email": "p@example.org", "consent": "on"}
    response = client.post(session.url + "inscription/", data)
    assert response.status_code == 400
    assert "150 caractères" in response.content.decode()
