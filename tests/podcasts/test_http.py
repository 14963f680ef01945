"""Audio ranges and feed revalidation over real HTTP (Django's live server, urllib client)."""

import urllib.error
import urllib.request

import pytest

from tests.factories import (
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
    make_site_with_home,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fetch(url: str, method: str = "GET", **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def published(live_server, monkeypatch):
    # Django's live server answers MEDIA_URL itself (with static.serve, no ranges); let the
    # requests reach the site's own media view, as they do under gunicorn.
    from django.test.testcases import _MediaFilesHandler

    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)
    home = make_site_with_home()
    show = PodcastShowPageFactory(parent=PodcastIndexPageFactory(parent=home))
    episode = PodcastEpisodePageFactory(parent=show)
    return live_server.url, show, episode


def test_audio_answers_head_ranges_suffixes_and_416(published):
    base, _show, episode = published
    url = base + episode.audio.file.url
    size = episode.audio.size
    content = episode.audio.file.open("rb").read()

    status, headers, body = fetch(url, "HEAD")
    assert (status, headers["Accept-Ranges"]) == (200, "bytes")
    assert int(headers["Content-Length"]) == size
    assert body == b""

    status, headers, body = fetch(url, Range="bytes=0-1")
    assert status == 206
    assert headers["Content-Range"] == f"bytes 0-1/{size}"
    assert headers["Content-Length"] == "2" and body == content[:2]

    status, headers, body = fetch(url, Range="bytes=-500")
    assert status == 206 and body == content[-500:]
    assert headers["Content-Range"] == f"bytes {size - 500}-{size - 1}/{size}"

    status, headers, body = fetch(url, Range="bytes=1000-")
    assert status == 206 and body == content[1000:]

    status, headers, _body = fetch(url, Range=f"bytes={size}-")
    assert status == 416 and headers["Content-Range"] == f"bytes */{size}"

    status, headers, body = fetch(url)
    assert status == 200 and body == content and headers["Content-Type"] == "audio/mpeg"


def test_feed_revalidates_with_304_over_http(published):
    base, show, _episode = published
    url = f"{base}{show.url}feed.xml"
    status, headers, body = fetch(url, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    status, again, _ = fetch(url, **{"If-None-Match": headers["ETag"]})
    assert status == 304 and again["ETag"] == headers["ETag"].replace("-gzip", "")
    status, _, _ = fetch(url, **{"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304
    status, _, body = fetch(url, **{"If-None-Match": '"autre-chose"'})
    assert status == 200 and body.startswith(b"<?xml")
