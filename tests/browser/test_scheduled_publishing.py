"""The Rédactrice schedules letters in the admin, in chromium; the real worker applies it.

The site is served by gunicorn with production settings and ``run_worker`` runs beside it, as in
production. Logged in as the Rédactrice (the role that publishes letters, from `setup_groups`),
one letter is to go live at the next minute (the admin's date fields have minute precision),
another one, live, is to expire then. Once the worker's periodic job has passed that minute, the
first is public and the second is gone from its URL, the archive's feed, the sitemap and search.
"""

import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.live_site import ROOT, gunicorn, manage, prepared_site

PARIS = ZoneInfo("Europe/Paris")
PASSWORD = "mot-de-passe-de-la-redactrice"
SETUP = """
from newsletter.models import NewsletterIndexPage
from tests.factories import NewsletterPageFactory
index = NewsletterIndexPage.objects.get(slug="lettre-d-information")
NewsletterPageFactory(parent=index, slug="a-venir", title="Sobriété numérique à venir", live=False)
NewsletterPageFactory(parent=index, slug="perime", title="Ancien appel à contributions")
"""
REDACTRICE = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user = get_user_model().objects.create_user("editrice", "editrice@example.org", "{PASSWORD}")
user.groups.add(Group.objects.get(name="Rédactrice"))
"""


@pytest.fixture(scope="module")
def site():
    setup = [["shell", "-c", SETUP], ["shell", "-c", REDACTRICE], ["update_index"]]
    with prepared_site(setup, from_demo=True) as env:
        env["SCHEDULED_PUBLISHING_SECONDS"] = "1"
        env["WORKER_HEARTBEAT_SECONDS"] = "0.5"
        with gunicorn(env) as base_url:
            yield env, base_url


@contextmanager
def worker(env):
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def page_id(env, slug: str) -> int:
    code = f"from wagtail.models import Page; print(Page.objects.get(slug={slug!r}).id)"
    return int(manage(env, "shell", "-v0", "-c", code).strip())


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def body_of(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def next_minute_ahead() -> datetime:
    """The next whole minute at least 25 s away (time to fill both forms), Paris time."""
    at = (datetime.now(PARIS) + timedelta(seconds=25)).replace(second=0, microsecond=0)
    return at + timedelta(minutes=1)


def log_in(page, base_url: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "editrice")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(base_url + "/admin/")


def schedule(page, base_url: str, page_pk: int, field: str, at: datetime) -> None:
    """Open the page in the editor, set the date in the schedule dialog, then publish."""
    page.goto(f"{base_url}/admin/pages/{page_pk}/edit/")
    page.wait_for_load_state("networkidle")
    status_panel = page.locator('[data-side-panel-toggle="status"]')
    if status_panel.get_attribute("aria-expanded") != "true":  # the admin remembers it open
        status_panel.click()
    page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]:visible').first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    dialog.locator(f"#id_{field}").fill(at.strftime("%Y-%m-%d %H:%M"))
    # The date picker stays open over the button: the editor saves with the keyboard.
    dialog.locator("button[type=submit]").press("Enter")
    page.wait_for_load_state("networkidle")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(f"{base_url}/admin/pages/*/")


def wait_until(condition, what: str, process) -> None:
    deadline = time.monotonic() + 240
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the worker stopped while waiting for {what}:\n{process.stdout.read()}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.5)


def test_the_redactrice_schedules_a_letter_and_an_expiry_and_the_worker_applies_both(site, page):
    env, base_url = site
    archive = base_url + "/lettre-d-information/"
    upcoming, expiring = archive + "a-venir/", archive + "perime/"
    feed, sitemap = archive + "feed.xml", base_url + "/sitemap.xml"
    search = base_url + "/recherche/?q=appel+contributions"
    assert status_of(upcoming) == 404
    assert "Ancien appel à contributions" in body_of(feed)
    assert expiring.removeprefix(base_url) in body_of(sitemap)
    assert "Ancien appel à contributions" in body_of(search)

    at = next_minute_ahead()
    log_in(page, base_url)
    schedule(page, base_url, page_id(env, "a-venir"), "go_live_at", at)
    schedule(page, base_url, page_id(env, "perime"), "expire_at", at)
    assert status_of(upcoming) == 404, "published before its time"

    with worker(env) as process:
        wait_until(lambda: status_of(upcoming) == 200, "the scheduled page to go live", process)
        wait_until(lambda: status_of(expiring) == 404, "the page to expire", process)

    assert "Sobriété numérique à venir" in body_of(feed)
    assert "Ancien appel à contributions" not in body_of(feed)
    assert expiring.removeprefix(base_url) not in body_of(sitemap)
    assert "Ancien appel à contributions" not in body_of(search)
    page.goto(archive)
    assert page.get_by_role("link", name="Sobriété numérique à venir").count() == 1
