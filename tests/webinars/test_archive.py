"""After the session: recording, captions, transcript, slides, sketches, reports, deliverables."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from lxml import html
from wagtail.documents import get_document_model
from wagtailmedia.models import get_media_model

from community.models import Person
from media_pages.models import TranscriptCue
from tests.factories import StandardPageFactory
from webinars.players import player_for

pytestmark = pytest.mark.django_db
DEMO_FILES = Path(__file__).resolve().parents[2] / "demo" / "data" / "webinars"


def document(name: str, content: bytes):
    return get_document_model().objects.create(title=name, file=ContentFile(content, name=name))


@pytest.fixture
def archived(past_session, home):
    transcript = (DEMO_FILES / "transcription-evaluer-autrement.vtt").read_bytes()
    video = get_media_model().objects.create(
        title="Enregistrement", type="video", duration=30,
        file=ContentFile((DEMO_FILES / "recording.webm").read_bytes(), name="recording.webm"),
    )  # fmt: skip
    related = StandardPageFactory(parent=home, title="Épisode lié")
    past_session.recording = video
    past_session.transcript = transcript.decode()
    past_session.slides = document("diapos.pdf", b"%PDF-1.4 demo")
    past_session.objective_report = "<p>Trente-deux participants.</p>"
    past_session.objective_reporter = Person.objects.create(
        name="Marc Olivier", role_form="masculine"
    )
    past_session.subjective_report = "<p>Une session chaleureuse.</p>"
    past_session.subjective_reporter = Person.objects.create(
        name="Sophie Nguyen", role_form="feminine"
    )
    past_session.deliverables = [("deliverable", {"document": document("fiche.pdf", b"%PDF"),
                                                  "label": "Fiche pratique"})]  # fmt: skip
    past_session.related_pages = [("page", related)]
    past_session.full_clean()
    past_session.save_revision().publish()
    return past_session


def test_archive_fields_render_with_their_credits(client, archived):
    doc = html.fromstring(client.get(archived.url).content.decode())
    video = doc.xpath("//video[@id='session-player']")[0]
    assert video.xpath("source/@type") == ["video/webm"]
    # lxml's HTML 4 parser does not nest <track> inside <video>; the browser test does.
    assert doc.xpath("//track/@kind") == ["captions"]
    assert doc.xpath("//track/@src") == [archived.url + "transcript.vtt"]
    slides = doc.xpath("string(//p[@class='slides']/a/@href)")
    assert slides.startswith("/documents/") and "diapos" in slides and slides.endswith(".pdf")
    bylines = doc.xpath("//section[@class='report']/p[@class='byline']/text()")
    assert bylines == ["Par Marc Olivier, rapporteur objectif",
                       "Par Sophie Nguyen, rapporteuse subjective"]  # fmt: skip
    assert "Fiche pratique" in doc.xpath("string(//section[@aria-labelledby='deliverables-title'])")
    assert doc.xpath("//section[@aria-labelledby='related-title']//a/text()") == ["Épisode lié"]
    assert not doc.xpath("//form[@class='registration-form']")  # past: no registration


def test_transcript_links_seek_without_javascript_and_captions_are_webvtt(client, archived):
    doc = html.fromstring(client.get(archived.url).content.decode())
    links = doc.xpath("//ol[@class='transcript-cues']//a[@class='cue-time']")
    assert [a.text for a in links] == ["0:00", "0:05", "0:11", "0:18", "0:24"]
    assert links[2].get("href") == archived.recording.url + "#t=11"
    assert links[2].get("data-start") == "11.0"
    captions = client.get(archived.url + "transcript.vtt")
    assert captions["Content-Type"].startswith("text/vtt")
    assert captions.content.decode().startswith("WEBVTT")
    assert "00:00:11.000 --> 00:00:18.000" in captions.content.decode()


def test_publishing_indexes_the_transcript_cues_for_search(archived):
    cues = TranscriptCue.objects.filter(page=archived).order_by("start")
    assert [cue.start_seconds for cue in cues] == [0, 5, 11, 18, 24]
    archived.unpublish()
    assert not TranscriptCue.objects.filter(page=archived).exists()


def test_unreadable_transcript_is_refused_with_a_clear_message(past_session):
    past_session.transcript = "this is not a caption file"
    with pytest.raises(ValidationError) as error:
        past_session.full_clean()
    assert "transcript" in error.value.message_dict


def test_embedded_recording_builds_its_player_without_fetching_anything(client, past_session):
    past_session.recording_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    past_session.recording_title = "Replay du webinaire"
    past_session.save_revision().publish()
    doc = html.fromstring(client.get(past_session.url).content.decode())
    [iframe] = doc.xpath("//section[@id='enregistrement']//iframe")
    assert iframe.get("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert iframe.get("title") == "Replay du webinaire"


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        (
            "https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            "https://framatube.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d",
        ),
    ],
)
def test_players_of_the_three_providers(url, embed):
    assert player_for(url).embed_url == embed


@pytest.mark.parametrize(
    "url", ["http://youtu.be/dQw4w9WgXcQ", "https://example.org/video.mp4", "https://vimeo.com/x"]
)
def test_other_addresses_are_refused(url):
    with pytest.raises(ValidationError):
        player_for(url)


def test_the_former_captions_address_redirects_permanently(client, archived):
    response = client.get(archived.url + "sous-titres/")
    assert response.status_code == 301
    assert response["Location"] == archived.url + "transcript.vtt"
