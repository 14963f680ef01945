"""The episode page in chromium: a timestamp of the transcript seeks the native player."""

import pytest

from .conftest import wait_until_true

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
EPISODE = "/podcasts/les-voix-du-collectif/evaluer-autrement/"


@pytest.fixture
def podcast_server(live_server, monkeypatch):
    from django.core.management import call_command
    from django.test.testcases import _MediaFilesHandler

    # Serve audio through the site's own range-capable view, as under gunicorn.
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)
    call_command("load_demo_content", verbosity=0)
    return live_server


def wait_for_metadata(page) -> None:
    wait_until_true(page, "document.getElementById('episode-player').readyState >= 1")


def test_clicking_a_timestamp_seeks_the_player(podcast_server, page):
    page.goto(podcast_server.url + EPISODE)
    wait_for_metadata(page)
    link = page.locator(".transcript a[data-seek]").nth(2)
    target = float(link.get_attribute("data-seek"))
    assert target > 5
    link.click()
    current = page.evaluate("document.getElementById('episode-player').currentTime")
    assert abs(current - target) < 0.5
    assert page.url.endswith(f"#t={int(target)}")


def test_a_t_link_from_elsewhere_starts_the_player_at_that_moment(podcast_server, page):
    page.goto(podcast_server.url + EPISODE + "#t=7")
    wait_for_metadata(page)
    wait_until_true(page, "document.getElementById('episode-player').currentTime >= 6.9")


def test_the_player_and_timestamps_are_reachable_by_keyboard(podcast_server, page):
    page.goto(podcast_server.url + EPISODE)
    wait_for_metadata(page)
    page.focus(".transcript a[data-seek] >> nth=1")
    page.keyboard.press("Enter")
    current = page.evaluate("document.getElementById('episode-player').currentTime")
    target = float(page.locator(".transcript a[data-seek]").nth(1).get_attribute("data-seek"))
    assert abs(current - target) < 0.5
