"""In chromium: no request leaves for YouTube or Vimeo before the visitor clicks the button."""

from urllib.parse import urlsplit

import pytest

from tests.factories import make_site_with_home
from tests.third_party_pages import page_with_embed, recorded_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def pages(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    home = make_site_with_home()
    return live_server, recorded_session(home), page_with_embed(home)


def third_party_requests(page, server) -> list[str]:
    """Hosts other than the site's; answered locally, so nothing reaches the network."""
    ours = urlsplit(server.url).hostname
    seen: list[str] = []

    def answer(route):
        host = urlsplit(route.request.url).hostname
        if host == ours:
            route.continue_()
        else:
            seen.append(host)
            route.fulfill(body="<p>lecteur</p>", content_type="text/html")

    page.route("**/*", answer)
    return seen


def test_session_recording_loads_only_after_the_click(pages, page):
    server, session, _embed_page = pages
    seen = third_party_requests(page, server)
    page.goto(server.url + session.url)
    page.wait_for_load_state("networkidle")
    assert seen == []
    assert page.locator("iframe").count() == 0
    assert page.get_by_role("heading", name="Transcription").is_visible()
    page.get_by_role("button", name="Lire l’enregistrement (YouTube)").click()
    frame = page.locator("#enregistrement iframe")
    assert frame.get_attribute("title") == "Replay du webinaire"
    page.wait_for_load_state("networkidle")
    assert seen == ["www.youtube-nocookie.com"]
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"


def test_embed_in_a_page_body_loads_only_after_the_click(pages, page):
    server, _session, embed_page = pages
    seen = third_party_requests(page, server)
    page.goto(server.url + embed_page.url)
    page.wait_for_load_state("networkidle")
    assert seen == []
    page.get_by_role("button", name="Afficher « Une vidéo du collectif » (vimeo.com)").click()
    assert page.locator(".block-embed iframe").get_attribute("title") == "Une vidéo du collectif"
    page.wait_for_load_state("networkidle")
    assert seen == ["player.vimeo.com"]
