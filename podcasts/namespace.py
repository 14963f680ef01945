"""A feedgen extension for the Podcasting 2.0 namespace (feedgen only knows iTunes tags).

It also writes two iTunes tags that feedgen 1.0 gets wrong for us: ``itunes:explicit`` as
``true``/``false`` (feedgen only accepts yes/no/clean) and ``itunes:image`` (feedgen silently
drops URLs ending in ``.jpeg``). Items are written by ``podcasts.feed_items`` with the prefixes
declared here.
"""

from dataclasses import dataclass

from feedgen.ext.base import BaseExtension
from feedgen.util import xml_elem

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"

# The namespace's person taxonomy: which group each role belongs to.
ROLE_GROUPS = {
    "host": "cast",
    "co-host": "cast",
    "guest": "cast",
    "reporter": "cast",
    "producer": "creative direction",
    "editor": "writing",
    "writer": "writing",
    "cover art designer": "visuals",
    "consultant": "misc.",
}


@dataclass(frozen=True)
class PodcastPerson:
    name: str
    role: str
    href: str = ""
    img: str = ""

    @property
    def group(self) -> str:
        return ROLE_GROUPS.get(self.role, "cast")


def _persons(parent, persons: list[PodcastPerson]) -> None:
    for person in persons:
        element = xml_elem(f"{{{PODCAST_NS}}}person", parent)
        element.text = person.name
        element.attrib["role"] = person.role
        element.attrib["group"] = person.group
        if person.href:
            element.attrib["href"] = person.href
        if person.img:
            element.attrib["img"] = person.img


def _explicit(parent, explicit: bool | None) -> None:
    if explicit is not None:
        xml_elem(f"{{{ITUNES_NS}}}explicit", parent).text = "true" if explicit else "false"


def _image(parent, url: str) -> None:
    if url:
        xml_elem(f"{{{ITUNES_NS}}}image", parent).attrib["href"] = url


class PodcastIndexExtension(BaseExtension):
    """Channel tags: ``podcast:guid``, ``locked``, ``funding``, ``person``; ``itunes:explicit``."""

    def __init__(self):
        self.guid: str = ""
        self.locked: bool | None = None
        self.locked_owner: str = ""
        self.funding_url: str = ""
        self.funding_label: str = ""
        self.persons: list[PodcastPerson] = []
        self.explicit: bool | None = None
        self.image: str = ""

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "itunes": ITUNES_NS}

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        _image(channel, self.image)
        _explicit(channel, self.explicit)
        if self.guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.guid
        if self.locked is not None:
            locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
            locked.text = "yes" if self.locked else "no"
            if self.locked_owner:
                locked.attrib["owner"] = self.locked_owner
        if self.funding_url:
            funding = xml_elem(f"{{{PODCAST_NS}}}funding", channel)
            funding.attrib["url"] = self.funding_url
            funding.text = self.funding_label
        _persons(channel, self.persons)
        return rss_feed
