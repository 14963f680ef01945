"""The feed as podcast apps read it: podcastparser, feedparser, and lxml for every tag."""

import datetime
import gzip
import io
import uuid

import feedparser
import podcastparser
import pytest
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from wagtail.models import PageViewRestriction

from podcasts.feed_rows import NOT_XML
from podcasts.guid import podcast_guid_for
from tests.factories import ArtworkFactory, PodcastEpisodePageFactory

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
}
pytestmark = pytest.mark.django_db


def feed_url(show) -> str:
    return show.url + "feed.xml"


def get_feed(client, show, **headers):
    return client.get(feed_url(show), **headers)


def xml(response) -> etree._Element:
    return etree.fromstring(response.content)


def test_namespace_example_gives_the_published_guid():
    assert podcast_guid_for("https://podnews.net/rss") == uuid.UUID(
        "9b024349-ccf0-5f69-a609-6b82873eab3c"
    )
    assert podcast_guid_for("http://podnews.net/rss/") == podcast_guid_for("podnews.net/rss")


def test_show_guid_is_computed_once_from_its_first_feed_url(show):
    expected = podcast_guid_for(f"http://testserver{show.url}feed.xml")
    assert show.podcast_guid == expected
    show.slug = "nouveau-nom"
    show.save_revision().publish()
    show.refresh_from_db()
    assert show.url.endswith("/nouveau-nom/")
    assert show.podcast_guid == expected


def test_podcastparser_and_feedparser_find_every_episode_with_guid_duration_and_size(
    client, show, episodes
):
    response = get_feed(client, show)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    parsed = podcastparser.parse(feed_url(show), io.BytesIO(response.content))
    by_guid = {episode["guid"]: episode for episode in parsed["episodes"]}
    assert set(by_guid) == {str(e.guid) for e in episodes}
    for episode in episodes:
        item = by_guid[str(episode.guid)]
        assert item["total_time"] == round(episode.audio.duration)
        assert item["enclosures"][0]["file_size"] == episode.audio.size
        assert item["enclosures"][0]["mime_type"] == "audio/mpeg"
    reader = feedparser.parse(response.content)
    assert not reader.bozo, reader.get("bozo_exception")
    newest_first = sorted(episodes, key=lambda e: e.first_published_at, reverse=True)
    assert [e.id for e in reader.entries] == [str(e.guid) for e in newest_first]
    assert {e.itunes_duration for e in reader.entries} == {"3"}
    assert {int(e.enclosures[0].length) for e in reader.entries} == {episodes[0].audio.size}


def test_channel_carries_every_tag_apps_need(client, show, episodes):
    show.explicit = False
    show.funding_url = "https://example.org/don"
    show.funding_label = "Soutenir"
    show.complete = True
    show.save()
    root = xml(get_feed(client, show))
    channel = root.find("channel")
    assert root.nsmap["itunes"] == NS["itunes"] and root.nsmap["podcast"] == NS["podcast"]
    assert channel.findtext("title") == "Les voix du collectif"
    assert channel.findtext("link") == f"http://testserver{show.url}"
    assert channel.findtext("language") == "fr"
    assert channel.find("atom:link[@rel='self']", NS).get("href") == (
        f"http://testserver{show.url}feed.xml"
    )
    image = channel.find("itunes:image", NS).get("href")
    assert image.startswith("http://testserver/media/original_images/") and image.endswith(".png")
    category = channel.find("itunes:category", NS)
    assert category.get("text") == "Education"
    assert category.find("itunes:category", NS).get("text") == "Courses"
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    assert channel.findtext("itunes:author", namespaces=NS) == "Collectif Apprenant"
    assert channel.findtext("itunes:owner/itunes:email", namespaces=NS) == "podcast@example.org"
    assert channel.findtext("itunes:type", namespaces=NS) == "episodic"
    assert channel.findtext("itunes:complete", namespaces=NS) == "yes"
    assert channel.find("itunes:block", NS) is None
    assert channel.findtext("podcast:guid", namespaces=NS) == str(show.podcast_guid)
    locked = channel.find("podcast:locked", NS)
    assert (locked.text, locked.get("owner")) == ("yes", "podcast@example.org")
    funding = channel.find("podcast:funding", NS)
    assert (funding.get("url"), funding.text) == ("https://example.org/don", "Soutenir")


def test_items_carry_guid_enclosure_dates_numbers_transcript_and_chapters(client, show):
    from podcasts.models import EpisodeChapter

    episode = PodcastEpisodePageFactory(
        parent=show,
        episode_number=4,
        season_number=2,
        episode_type="bonus",
        explicit=True,
        transcript="1\n00:00:00,500 --> 00:00:02,000\nBonjour à tous.\n",
    )
    EpisodeChapter.objects.create(page=episode, start=datetime.timedelta(seconds=1), title="Un")
    item = xml(get_feed(client, show)).find("channel/item")
    guid = item.find("guid")
    assert (guid.text, guid.get("isPermaLink")) == (str(episode.guid), "false")
    enclosure = item.find("enclosure")
    assert enclosure.get("url").startswith("http://testserver/media/podcasts/")
    assert enclosure.get("length") == str(episode.audio.size)
    assert enclosure.get("type") == "audio/mpeg"
    assert item.findtext("pubDate").endswith("+0000")
    assert item.findtext("itunes:duration", namespaces=NS) == "3"
    assert item.findtext("itunes:episode", namespaces=NS) == "4"
    assert item.findtext("itunes:season", namespaces=NS) == "2"
    assert item.findtext("itunes:episodeType", namespaces=NS) == "bonus"
    assert item.findtext("itunes:explicit", namespaces=NS) == "true"
    assert item.findtext("podcast:season", namespaces=NS) == "2"
    assert item.findtext("podcast:episode", namespaces=NS) == "4"
    transcripts = {t.get("type"): t for t in item.findall("podcast:transcript", NS)}
    assert transcripts["text/vtt"].get("rel") == "captions"
    assert transcripts["application/x-subrip"].get("rel") is None
    chapters = item.find("podcast:chapters", NS)
    assert chapters.get("type") == "application/json+chapters"
    episode_url = f"http://testserver{episode.url}"
    assert chapters.get("url") == episode_url + "chapters.json"
    vtt = client.get(transcripts["text/vtt"].get("url").removeprefix("http://testserver"))
    assert vtt["Content-Type"].startswith("text/vtt")
    assert vtt.content.decode().startswith("WEBVTT\n\n00:00:00.500 --> 00:00:02.000")
    srt = client.get(episode.url + "transcript.srt")
    assert srt["Content-Type"].startswith("application/x-subrip")
    document = client.get(episode.url + "chapters.json")
    assert document["Content-Type"] == "application/json+chapters"
    assert document.json() == {"version": "1.2.0", "chapters": [{"startTime": 1.0, "title": "Un"}]}


def test_a_transcript_is_recognised_however_far_down_it_starts(client, show):
    from podcasts.models import PodcastEpisodePage

    srt = "\n" * 300 + "1\n00:00:00,500 --> 00:00:02,000\nBonjour à tous.\n" * 20
    vtt = " \n" * 150 + "WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nBonjour à tous.\n"
    srt_episode, vtt_episode, blank_episode = (PodcastEpisodePageFactory(parent=show)
                                               for _ in range(3))  # fmt: skip
    # As imported from the shell: the admin's cue parser refuses leading blank lines.
    for episode, transcript in (
        (srt_episode, srt),
        (vtt_episode, vtt),
        (blank_episode, "\n" * 500),
    ):
        PodcastEpisodePage.objects.filter(pk=episode.pk).update(transcript=transcript)
    items = {item.findtext("guid"): item for item in xml(get_feed(client, show)).iter("item")}

    def types(episode) -> list[str]:
        found = items[str(episode.guid)].findall("podcast:transcript", NS)
        return sorted(transcript.get("type") for transcript in found)

    assert types(srt_episode) == ["application/x-subrip", "text/vtt"]
    assert types(vtt_episode) == ["text/vtt"]
    assert types(blank_episode) == []


def test_credits_become_podcast_person_with_the_namespace_roles(client, show):
    from community.models import Credit, Person, Role

    episode = PodcastEpisodePageFactory(parent=show)
    person = Person.objects.create(name="Camille Roussel", website="https://example.org/c")
    Credit.objects.create(page=episode, person=person, role=Role.objects.get(slug="animateur"))
    Credit.objects.create(page=show, person=person, role=Role.objects.get(slug="illustrateur"))
    channel = xml(get_feed(client, show)).find("channel")
    show_person = channel.find("podcast:person", NS)
    assert (show_person.get("role"), show_person.get("group")) == ("cover art designer", "visuals")
    person_tag = channel.find("item/podcast:person", NS)
    assert person_tag.text == "Camille Roussel"
    assert (person_tag.get("role"), person_tag.get("group")) == ("host", "cast")
    assert person_tag.get("href") == "https://example.org/c"


def test_only_live_public_already_published_episodes_appear_newest_first(client, show, episodes):
    draft = PodcastEpisodePageFactory(parent=show, live=False)
    future = PodcastEpisodePageFactory(
        parent=show, first_published_at=timezone.now() + datetime.timedelta(days=2)
    )
    private = PodcastEpisodePageFactory(parent=show)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    titles = [i.findtext("title") for i in xml(get_feed(client, show)).iter("item")]
    assert titles == ["Épisode 1", "Épisode 2", "Épisode 3"]  # newest first
    for hidden in (draft, future, private):
        assert hidden.title not in titles


def test_guid_survives_edits_and_audio_replacement(client, show, episodes):
    from tests.factories import audio_file

    episode = episodes[0]
    guid = episode.guid
    episode.title = "Titre corrigé"
    episode.slug = "titre-corrige"
    episode.audio = audio_file("tone.ogg")
    episode.guid = uuid.uuid4()  # even a stray assignment cannot change it
    episode.save_revision().publish()
    episode.refresh_from_db()
    assert episode.guid == guid
    items = {i.findtext("title"): i for i in xml(get_feed(client, show)).iter("item")}
    assert items["Titre corrigé"].findtext("guid") == str(guid)
    assert items["Titre corrigé"].find("enclosure").get("type") == "audio/ogg"


def test_etag_and_last_modified_give_304_and_an_unchanged_feed_keeps_its_date(
    client, show, episodes
):
    first = get_feed(client, show)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "public, max-age=300"
    assert get_feed(client, show, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert get_feed(client, show, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert get_feed(client, show, HTTP_IF_NONE_MATCH='"autre"').status_code == 200
    again = get_feed(client, show)
    assert (again["ETag"], again["Last-Modified"]) == (etag, modified)


def test_feed_is_rebuilt_when_an_episode_is_published(client, show, episodes):
    before = get_feed(client, show)
    new = PodcastEpisodePageFactory(parent=show, live=False, title="Tout nouveau")
    new.save_revision().publish()
    after = get_feed(client, show)
    assert after["ETag"] != before["ETag"]
    assert b"Tout nouveau" in after.content
    assert get_feed(client, show, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_feed_is_served_gzipped_to_clients_that_ask(client, show, episodes):
    plain = get_feed(client, show)
    zipped = get_feed(client, show, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert "Accept-Encoding" in zipped["Vary"]
    assert get_feed(client, show, HTTP_IF_NONE_MATCH=zipped["ETag"]).status_code == 304


def test_feed_query_count_does_not_grow_with_episodes(client, show, django_assert_max_num_queries):
    from community.models import Credit, Person, Role
    from podcasts.models import EpisodeChapter

    photo = ArtworkFactory()
    people = [Person.objects.create(name=f"Personne {n}", photo=photo) for n in range(3)]
    host = Role.objects.get(slug="animateur")
    srt = "1\n00:00:00,500 --> 00:00:02,000\nBonjour à tous.\n"

    def credited_episode(n: int) -> None:
        # Credits, a photo, chapters, a transcript and a cover: every per-episode relation.
        episode = PodcastEpisodePageFactory(parent=show, transcript=srt, cover=photo)
        for person in people[: n % 3 + 1]:
            Credit.objects.create(page=episode, person=person, role=host)
        EpisodeChapter.objects.create(page=episode, start=datetime.timedelta(0), title="Un")

    for n in range(3):
        credited_episode(n)
    client.get(show.url)  # warm Wagtail's site caches
    # Both measured requests are the first after a publish: routes and the site are read again.
    show.save_revision().publish()
    with django_assert_max_num_queries(20) as few:
        get_feed(client, show)
    for n in range(30):
        credited_episode(n)
    show.save_revision().publish()  # a new version stamp: the next request builds the feed
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = get_feed(client, show)
    items = xml(response).findall("channel/item")
    assert len(items) == 33
    assert sorted({len(item.findall("podcast:person", NS)) for item in items}) == [1, 2, 3]
    for item in items:
        assert item.find("podcast:person", NS).get("img").endswith(".png")
        assert item.find("itunes:image", NS).get("href").endswith(".png")
        assert len(item.findall("podcast:transcript", NS)) == 2
        assert item.find("podcast:chapters", NS) is not None


def test_a_moved_feed_redirects_permanently_and_names_its_new_address(client, show, episodes):
    from podcasts.feed import build_feed

    show.new_feed_url = "https://nouveau.example.org/flux.xml"
    show.save()
    response = get_feed(client, show)
    assert response.status_code == 301
    assert response["Location"] == "https://nouveau.example.org/flux.xml"
    request = client.get(show.url).wsgi_request
    body, _count = build_feed(show, request, timezone.now())
    channel = etree.fromstring(body).find("channel")
    assert channel.findtext("itunes:new-feed-url", namespaces=NS) == show.new_feed_url


def test_a_feed_past_the_size_limit_keeps_the_newest_episodes(client, show, settings):
    for n in range(12):
        PodcastEpisodePageFactory(parent=show, title=f"Épisode {n}", show_notes="<p>x</p>" * 200)
    settings.PODCAST_FEED_MAX_BYTES = 20_000
    response = get_feed(client, show)
    assert len(response.content) <= 20_000
    titles = [i.findtext("title") for i in xml(response).iter("item")]
    assert 0 < len(titles) < 12
    assert titles[0] == "Épisode 0"  # the factory dates each new episode a minute earlier


awkward_text = st.lists(
    st.one_of(
        st.sampled_from(["&", "<", ">", "&nbsp;", "é", "à", "œ", "🎧", "\x01", "\x0b", "\x1e",
                         "\ufffe", '"', "'", "]]>", "<p>", "&amp;"]),
        # NUL never reaches the database: Django's form fields refuse it.
        st.characters(codec="utf-8", exclude_characters="\x00"),
    ),
    min_size=1,
    max_size=30,
).map("".join)  # fmt: skip


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=awkward_text, notes=awkward_text)
# Titles and notes made only of characters XML forbids left the item with neither title nor
# description: feedgen raised "Required fields not set" and the feed answered 500.
@example(title="\x01", notes="\x01")
@example(title="\ufffe", notes="\x1e")
def test_whatever_editors_type_the_feed_stays_valid_utf8_xml(client, show, title, notes):
    from django.core.cache import cache

    cache.clear()
    episode = PodcastEpisodePageFactory.build(title=title.strip() or "x", show_notes=notes)
    show.add_child(instance=episode)
    try:
        response = get_feed(client, show)
        root = etree.fromstring(response.content)
        assert response.content.decode("utf-8")
        assert feedparser.parse(response.content).entries
        assert len(root.findall("channel/item")) >= 1
        expected_title = NOT_XML.sub("", episode.title).strip() or episode.slug
        assert root.findtext("channel/item/title") == expected_title
        # Items are written as text: byte for byte what lxml writes for the same tree.
        written = etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True)
        assert written == response.content
    finally:
        episode.delete()
