"""One public address: ``SITE_URL``, which follows ``make run``'s port and which the Wagtail
site record follows after ``migrate``, so that every channel's links reach the running site."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.utils import timezone
from wagtail.models import Site

from media_pages.public_address import site_host_and_port, sync_default_site
from newsletter.email import build_message, render_issue, unsubscribe_url
from newsletter.models import Subscriber
from tests.factories import (
    EditorialIndexPageFactory,
    EditorialPageFactory,
    NewsletterIndexPageFactory,
    NewsletterPageFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
)
from webinars.emails import cancel_url
from webinars.models import Registration

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "http://127.0.0.1:8102"
# Any link to this machine that is not the public address (a dead port, Wagtail's localhost:80).
WRONG_ADDRESS = re.compile(r"https?://(?:localhost|testserver|127\.0\.0\.1)(?!:8102)[/:\"'<\s]")


def settings_in_a_new_process(**env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    code = "from django.conf import settings as s; print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code],  # the settings alone: no need to start Django
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_public_address_follows_the_port_make_run_serves_on():
    assert settings_in_a_new_process(PORT="8102") == [PUBLIC, PUBLIC]
    assert settings_in_a_new_process() == ["http://127.0.0.1:8000"] * 2
    explicit = settings_in_a_new_process(PORT="8102", SITE_URL="https://collectif.example.org/")
    assert explicit == ["https://collectif.example.org"] * 2


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("http://127.0.0.1:8102", ("127.0.0.1", 8102)),
        ("https://collectif.example.org", ("collectif.example.org", 443)),
        ("http://localhost", ("localhost", 80)),
    ],
)
def test_the_site_record_gets_host_and_port_of_the_address(site_url, expected):
    assert site_host_and_port(site_url) == expected


@pytest.mark.django_db
def test_migrate_puts_the_default_site_on_the_public_address(home, settings):
    settings.SITE_URL = PUBLIC
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8102)
    assert site.root_url == PUBLIC
    assert sync_default_site() is False  # nothing left to change


@pytest.fixture
def public_site(home, settings):
    settings.SITE_URL = PUBLIC
    sync_default_site()
    index = EditorialIndexPageFactory(parent=home, slug="editoriaux")
    editorial = EditorialPageFactory(parent=index, slug="evaluer", title="Évaluer")
    return index, editorial


def assert_public(text: str) -> None:
    assert PUBLIC in text
    assert not WRONG_ADDRESS.search(text), WRONG_ADDRESS.search(text).group()


@pytest.mark.django_db
def test_pages_feeds_and_sitemap_link_to_the_public_address(client, public_site):
    index, editorial = public_site
    html = client.get(editorial.url).content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}/editoriaux/evaluer/">' in html
    assert f'<meta property="og:url" content="{PUBLIC}/editoriaux/evaluer/">' in html
    assert f'"url": "{PUBLIC}/editoriaux/evaluer/"' in html  # Article JSON-LD
    assert_public(html)
    assert_public(client.get(index.url + "feed.xml").content.decode())
    assert_public(client.get("/sitemap.xml").content.decode())
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in client.get("/robots.txt").content.decode()


@pytest.mark.django_db
def test_emails_link_to_the_public_address(public_site, home):
    session = WebinarPageFactory(parent=WebinarIndexPageFactory(parent=home))
    registration = Registration.objects.create(
        session=session, name="Inès", email="ines@example.org", consent_at=timezone.now()
    )
    assert cancel_url(registration).startswith(PUBLIC + "/")

    subscriber = Subscriber.objects.create(email="lou@example.org")
    unsubscribe = unsubscribe_url(subscriber)
    assert unsubscribe.startswith(PUBLIC + "/lettre/")
    issue = NewsletterPageFactory(parent=NewsletterIndexPageFactory(parent=home))
    message = build_message(
        render_issue(issue), to=subscriber.email, unsubscribe=unsubscribe, issue_id=1, delivery_id=1
    )
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    html = message.alternatives[0][0]
    assert_public(html)
    assert f"{PUBLIC}{issue.url}" in html or issue.full_url.startswith(PUBLIC)
