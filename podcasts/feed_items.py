"""An episode's ``<item>``, written straight into the channel with lxml.

feedgen keeps an object per entry, checks every value, then walks them all again to write the
XML: on a 1,000-episode feed that was most of a cold build. The tags, their order and their text
are those feedgen and our extension wrote: RSS tags, then ``itunes:``, then ``podcast:``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from email.utils import format_datetime

from lxml.etree import SubElement

from .feed_rows import EpisodeRow, absolute, xml_text
from .namespace import ITUNES_NS, PODCAST_NS, add_explicit, add_image, add_persons


def xml_title(value: str | None, fallback: str) -> str:
    """A title that survives ``xml_text``: an item needs a title, so a title made only of
    characters XML forbids falls back to the slug."""
    return xml_text(value).strip() or fallback


@dataclass(frozen=True)
class ItemLinks:
    """What every item's addresses are made from."""

    base: str
    audio_url: Callable[[str], str]
    image_url: Callable[[str], str]
    routes: dict[str, str]  # the episode's sub-pages: transcript_vtt, transcript_srt, chapters


def add_text(parent, tag: str, text: str):
    element = SubElement(parent, tag)
    element.text = text
    return element


def add_item(channel, episode: EpisodeRow, notes: str, links: ItemLinks) -> None:
    url = absolute(links.base, episode.url)
    item = SubElement(channel, "item")
    title = xml_title(episode.title, episode.slug)
    add_text(item, "title", title)
    add_text(item, "link", url)
    intro = xml_text(episode.intro)
    add_text(item, "description", notes or intro or title)
    add_text(item, "guid", str(episode.guid)).set("isPermaLink", "false")
    SubElement(item, "enclosure", url=links.audio_url(episode.audio__file),
               length=str(episode.audio__size), type=episode.audio__mime_type)  # fmt: skip
    if episode.first_published_at:
        add_text(item, "pubDate", format_datetime(episode.first_published_at))

    add_text(item, f"{{{ITUNES_NS}}}duration", str(round(episode.audio__duration)))
    if intro:
        add_text(item, f"{{{ITUNES_NS}}}summary", intro)
    if episode.season_number:
        add_text(item, f"{{{ITUNES_NS}}}season", str(episode.season_number))
    if episode.episode_number:
        add_text(item, f"{{{ITUNES_NS}}}episode", str(episode.episode_number))
    add_text(item, f"{{{ITUNES_NS}}}episodeType", episode.episode_type)
    add_image(item, links.image_url(episode.cover__file) if episode.cover__file else "")
    add_explicit(item, episode.explicit)

    if episode.transcript.strip():
        transcript = f"{{{PODCAST_NS}}}transcript"
        SubElement(item, transcript, url=url + links.routes["transcript_vtt"], type="text/vtt",
                   language="fr", rel="captions")  # fmt: skip
        if episode.transcript_format() == "srt":
            SubElement(item, transcript, url=url + links.routes["transcript_srt"],
                       type="application/x-subrip", language="fr")  # fmt: skip
    if episode.has_chapters:
        SubElement(item, f"{{{PODCAST_NS}}}chapters", url=url + links.routes["chapters"],
                   type="application/json+chapters")  # fmt: skip
    add_persons(item, episode.persons)
    if episode.season_number:
        add_text(item, f"{{{PODCAST_NS}}}season", str(episode.season_number))
    if episode.episode_number:
        add_text(item, f"{{{PODCAST_NS}}}episode", str(episode.episode_number))
