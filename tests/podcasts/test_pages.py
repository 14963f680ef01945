"""Podcast pages as visitors get them: player, transcript, chapters, subscribe and feed links."""

import datetime

import pytest
from lxml import html

from media_pages.models import TranscriptCue
from media_pages.transcripts import Cue, replace_cues
from podcasts.models import EpisodeChapter
from tests.factories import PodcastEpisodePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db
VTT = (
    "WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nBonjour & bienvenue.\n\n"
    "00:00:02.000 --> 00:00:02.900\nÀ bientôt.\n"
)


def parse(response):
    assert response.status_code == 200
    return html.fromstring(response.content.decode())


def test_episode_page_has_player_captions_transcript_chapters_download_and_subscribe(client, show):
    episode = PodcastEpisodePageFactory(parent=show, transcript=VTT)
    EpisodeChapter.objects.create(page=episode, start=datetime.timedelta(seconds=2), title="Fin")
    doc = parse(client.get(episode.url))
    audio = doc.xpath("//audio[@id='episode-player']")[0]
    assert audio.get("controls") is not None
    assert audio.xpath("source/@src") == [episode.audio.file.url]
    assert audio.xpath(".//track[@kind='captions']/@src") == [episode.url + "transcript.vtt"]
    assert doc.xpath(f"//*[@id='{audio.get('aria-labelledby')}']")
    seeks = doc.xpath("//ol[@class='transcript']//a")
    assert [(a.get("href"), a.get("data-seek"), a.text) for a in seeks] == [
        ("#t=0", "0.5", "0:00"),
        ("#t=2", "2.0", "0:02"),
    ]
    assert doc.xpath("//ol[@class='chapters']//a/@href") == ["#t=2"]
    assert doc.xpath("//a[@download]/@href") == [episode.audio.file.url]
    feed = f"http://testserver{show.url}feed.xml"
    assert doc.xpath("//input[@id='feed-url']/@value") == [feed]
    assert doc.xpath("//label[@for='feed-url']")
    links = doc.xpath("//ul[@class='subscribe-links']//a/@href")
    assert any(link.startswith("https://antennapod.org/deeplink/subscribe?url=") for link in links)
    assert any(link.startswith("podcast://testserver/") for link in links)


def test_every_public_page_lists_the_podcast_feeds(client, home, show):
    about = StandardPageFactory(parent=home)
    for page in (home, about, show):
        doc = parse(client.get(page.url))
        feeds = doc.xpath("//link[@rel='alternate'][@type='application/rss+xml']")
        assert [(f.get("title"), f.get("href")) for f in feeds] == [
            (show.title, f"http://testserver{show.url}feed.xml")
        ]


def test_publishing_an_episode_indexes_its_transcript_cues(show):
    episode = PodcastEpisodePageFactory(parent=show, transcript=VTT, live=False)
    episode.save_revision().publish()
    assert list(TranscriptCue.objects.filter(page=episode).values_list("start", "text")) == [
        (0.5, "Bonjour & bienvenue."),
        (2.0, "À bientôt."),
    ]


def test_unpublishing_an_episode_takes_its_transcript_out_of_search(show):
    episode = PodcastEpisodePageFactory(parent=show, transcript=VTT, live=False)
    episode.save_revision().publish()
    assert TranscriptCue.objects.filter(page=episode).count() == 2
    episode.refresh_from_db()
    episode.unpublish()
    assert not TranscriptCue.objects.filter(page=episode).exists()


def test_a_page_without_a_recording_keeps_the_cues_it_was_given(home):
    page = StandardPageFactory(parent=home)
    replace_cues(page, [Cue(1.0, 2.0, "Un passage cité.")])
    page.save_revision().publish()
    page.refresh_from_db()
    page.unpublish()
    assert not page.live
    assert list(TranscriptCue.objects.filter(page=page).values_list("text", flat=True)) == [
        "Un passage cité."
    ]


@pytest.mark.parametrize("page_param", ["abc", "999", "-1", ""])
def test_show_page_accepts_any_page_parameter(client, show, episodes, page_param):
    response = client.get(show.url, {"page": page_param})
    assert response.status_code == 200


def test_show_and_section_listings_have_a_query_budget(client, show, django_assert_max_num_queries):
    section = show.get_parent()
    for _ in range(3):
        PodcastEpisodePageFactory(parent=show)
    client.get(show.url)
    with django_assert_max_num_queries(25) as small:
        client.get(show.url)
    budget = len(small.captured_queries)
    for _ in range(25):
        PodcastEpisodePageFactory(parent=show)
    client.get(show.url)  # the site chrome is built again once after a change
    with django_assert_max_num_queries(budget):
        doc = parse(client.get(show.url))
    assert len(doc.xpath("//ol[@class='episode-list']/li")) == 20
    with django_assert_max_num_queries(25):
        parse(client.get(section.url))
