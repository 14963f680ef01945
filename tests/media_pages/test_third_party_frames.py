"""Every third-party frame waits for the visitor's click: served inside <template>, with a
notice, a load button and a link; the transcript is on the page without it."""

import pytest
from lxml import html

from tests.third_party_pages import page_with_embed, recorded_session


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def frames_outside_templates(doc) -> list:
    return [frame for frame in doc.xpath("//iframe") if not frame.xpath("ancestor::template")]


@pytest.mark.django_db
def test_session_recording_waits_for_consent_and_the_transcript_does_not(client, home, media_root):
    session = recorded_session(home)
    doc = html.fromstring(client.get(session.url).content.decode())
    assert frames_outside_templates(doc) == []
    frame = doc.xpath("//div[@data-consent-frame]")[0]
    [iframe] = frame.xpath("template/iframe")
    assert iframe.get("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert iframe.get("title") == "Replay du webinaire"
    assert "YouTube" in frame.xpath("string(.//p[@class='embed-consent'])")
    assert frame.xpath("string(.//button[@data-consent-load])") == "Lire l’enregistrement (YouTube)"
    assert doc.xpath("//a[@href='https://www.youtube.com/watch?v=dQw4w9WgXcQ']")
    cues = doc.xpath("//section[@id='transcription']//li")
    assert "Bonjour à toutes et à tous" in cues[0].text_content()
    assert cues[0].xpath(".//a/@href") == ["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=0"]


@pytest.mark.django_db
def test_embed_block_waits_for_consent_with_its_accessible_title(client, home):
    page = page_with_embed(home)
    doc = html.fromstring(client.get(page.url).content.decode())
    assert frames_outside_templates(doc) == []
    figure = doc.xpath("//figure[@class='block-embed']")[0]
    [iframe] = figure.xpath(".//div[@data-consent-frame]/template//iframe")
    assert iframe.get("src") == "https://player.vimeo.com/video/76979871"
    assert iframe.get("title") == "Une vidéo du collectif"
    assert iframe.get("frameborder") is None  # obsolete in HTML: the page stays valid
    assert "vimeo.com" in figure.xpath("string(.//p[@class='embed-consent'])")
    assert figure.xpath(".//figcaption/a/@href") == ["https://vimeo.com/76979871"]
