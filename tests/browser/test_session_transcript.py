"""In chromium: a time stamp of the transcript seeks the player; #t= in the address too."""

import pytest

from .conftest import wait_until_true

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SESSION = "/webinaires/evaluer-autrement/"


@pytest.fixture
def demo_server(live_server, monkeypatch):
    from django.core.management import call_command
    from django.test.testcases import _MediaFilesHandler

    # Django's live server answers MEDIA_URL itself with whole files (no Range), in which a
    # browser cannot seek; let the site's own range-capable view answer, as under gunicorn.
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)
    call_command("load_demo_content", verbosity=0)
    return live_server


def current_time(page) -> float:
    return page.evaluate("document.getElementById('session-player').currentTime")


def wait_for_metadata(page) -> None:
    wait_until_true(page, "document.getElementById('session-player').readyState >= 1")


def test_clicking_a_time_stamp_seeks_the_player_and_stays_on_the_page(demo_server, page):
    page.goto(demo_server.url + SESSION)
    wait_for_metadata(page)
    assert current_time(page) == 0
    page.get_by_role("link", name="0:18").click()
    wait_until_true(page, "document.getElementById('session-player').currentTime >= 18")
    assert 18 <= current_time(page) < 25
    assert page.url.endswith(SESSION + "#t=18")  # not the video file
    assert page.evaluate("document.activeElement.id") == "session-player"


def test_an_address_ending_in_t_starts_the_recording_there(demo_server, page):
    page.goto(demo_server.url + SESSION + "#t=11")
    wait_for_metadata(page)
    wait_until_true(page, "document.getElementById('session-player').currentTime >= 11")
    assert 11 <= current_time(page) < 18


def test_captions_track_loads_its_cues(demo_server, page):
    page.goto(demo_server.url + SESSION)
    wait_for_metadata(page)
    page.evaluate("document.querySelector('track').track.mode = 'hidden'")
    wait_until_true(page, "document.querySelector('track').readyState === 2")
    assert page.evaluate("document.querySelector('track').track.cues.length") == 5
