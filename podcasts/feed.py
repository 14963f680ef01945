"""The show's RSS feed: built with feedgen + our Podcasting 2.0 extension, cached, served.

The rendered bytes are cached under a version stamp read from the page table in one query
(latest change, latest publication, number of live episodes), so any web process rebuilds the
feed after a show or episode changes and reuses it otherwise. The stamp also gives
``Last-Modified``, so an unchanged feed keeps its date across processes and restarts.
"""

import gzip
import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from feedgen.feed import FeedGenerator
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from media_pages.content_cache import content_generation

from .feed_items import ItemLinks, item_xml, xml_title
from .feed_rows import People, absolute, episode_rows, file_urls, xml_text
from .namespace import PodcastIndexExtension

FEED_CONTENT_TYPE = "application/rss+xml; charset=utf-8"
NOTES_SEPARATOR = "\x1e"
CACHE_CONTROL = "public, max-age=300"
CHANNEL_END = b"</channel></rss>"
NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def truncate_bytes(text: str, limit: int) -> str:
    encoded = text.encode()
    if len(encoded) <= limit:
        return text
    return encoded[: limit - 3].decode(errors="ignore").rstrip() + "…"


@dataclass(frozen=True)
class RenderedFeed:
    """A built feed. The cache keeps only the gzipped bytes (a twentieth of the size, so the
    cold build writes little); clients that do not take gzip get them decompressed."""

    gzipped: bytes
    etag: str
    last_modified: datetime
    episodes: int
    plain: bytes | None = field(default=None, repr=False)

    @property
    def body(self) -> bytes:
        return self.plain if self.plain is not None else gzip.decompress(self.gzipped)


def feed_version(show) -> tuple[str, datetime]:
    """A stamp that changes whenever the show or one of its episodes changes (one query)."""
    stamp = Page.objects.filter(
        Q(pk=show.pk) | Q(path__startswith=show.path, depth=show.depth + 1)
    ).aggregate(
        changed=Max("latest_revision_created_at"),
        published=Max("last_published_at"),
        live=Count("pk", filter=Q(live=True)),
        total=Count("pk"),
    )
    moments = [moment for moment in (stamp["changed"], stamp["published"]) if moment]
    last_modified = max(moments) if moments else (show.first_published_at or NEVER)
    version = f"{show.pk}:{last_modified.timestamp()}:{stamp['live']}:{stamp['total']}"
    return version, last_modified.replace(microsecond=0)


def item_links(model, request: HttpRequest) -> ItemLinks:
    base = f"{request.scheme}://{request.get_host()}"
    audio_model = model._meta.get_field("audio").related_model
    page = model()
    # The episode's sub-page names (``transcript.vtt``...), the same for every episode.
    routes = {
        name: page.reverse_subpage(name)
        for name in ("transcript_vtt", "transcript_srt", "chapters")
    }
    return ItemLinks(
        base=base,
        audio_url=file_urls(audio_model._meta.get_field("file").storage, base),
        image_url=file_urls(get_image_model()._meta.get_field("file").storage, base),
        routes=routes,
    )


def build_feed(show, request: HttpRequest, last_modified: datetime) -> tuple[bytes, int]:
    """The feed's bytes and how many episodes it carries (newest first, within the size cap)."""
    public_episodes = show.public_episodes()
    links = item_links(public_episodes.model, request)
    people = People(links.image_url)
    show_url = show.get_url(request)
    episodes = episode_rows(public_episodes, show, show_url, people)
    raw_notes = NOTES_SEPARATOR.join(xml_text(e.show_notes).replace(NOTES_SEPARATOR, "")
                                     for e in episodes)  # fmt: skip
    notes = expand_db_html(raw_notes).split(NOTES_SEPARATOR) if episodes else []
    show_people = people.by_page(Q(page=show)).get(show.pk, [])
    items = [item_xml(episode, episode_notes, links)
             for episode, episode_notes in zip(episodes, notes, strict=False)]  # fmt: skip
    keep = len(items)
    limit = settings.PODCAST_FEED_MAX_BYTES
    for _attempt in range(8):
        body = render_feed(show, absolute(links.base, show_url), last_modified, items[:keep],
                           show_people, links)  # fmt: skip
        if len(body) <= limit or keep == 0:
            return body, keep
        # Past the size apps accept, keep the newest episodes that fit (see docs/decisions.md).
        keep = max(0, min(keep - 1, int(keep * limit / len(body) * 0.97)))
    return body, keep


def render_feed(show, show_url: str, last_modified: datetime, items: list[str],
                show_people: list, links: ItemLinks) -> bytes:  # fmt: skip
    """feedgen writes the channel; the items, written as text (``feed_items``), go into it."""
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension("podcastindex", PodcastIndexExtension)
    show_title = xml_title(show.title, show.slug)
    feed.title(show_title)
    # feedgen takes the RSS <link> from the last link given: self first, then the page.
    feed.link(href=show_url + show.reverse_subpage("feed"), rel="self")
    feed.link(href=show_url, rel="alternate")
    feed.description(xml_text(truncate_bytes(show.description, 4000)).strip() or show_title)
    feed.language(show.language)
    feed.lastBuildDate(last_modified)
    feed.pubDate(last_modified)
    if show.copyright:
        feed.copyright(xml_text(show.copyright))
    # The original file, validated as cover art. Wagtail never overwrites a stored file, so a
    # new picture gets a new URL (apps cache artwork by URL); the URL ends in .jpg or .png.
    artwork = links.image_url(show.cover.file.name) if show.cover_id else ""
    if artwork:
        feed.image(url=artwork, title=show_title, link=show_url)
    feed.podcast.itunes_author(xml_text(show.author))
    feed.podcast.itunes_owner(name=xml_text(show.owner_name), email=show.owner_email)
    feed.podcast.itunes_category(show.apple_category, show.apple_subcategory or None)
    feed.podcast.itunes_type(show.show_type)
    if show.blocked:
        feed.podcast.itunes_block(True)
    if show.complete:
        feed.podcast.itunes_complete("yes")
    if show.new_feed_url:
        feed.podcast.itunes_new_feed_url(show.new_feed_url)
    extension = feed.podcastindex
    extension.image = artwork
    extension.explicit = show.explicit
    extension.guid = str(show.podcast_guid or "")
    extension.locked, extension.locked_owner = show.feed_locked, show.owner_email
    extension.funding_url = show.funding_url
    extension.funding_label = xml_text(show.funding_label or show.funding_url)
    extension.persons = show_people

    channel = feed.rss_str(pretty=False, encoding="UTF-8", xml_declaration=True)
    if not channel.endswith(CHANNEL_END):
        raise ValueError("feedgen no longer ends its RSS with </channel></rss>")
    # Where feedgen put its own entries: last in the channel, after the extensions' tags.
    return channel[: -len(CHANNEL_END)] + "".join(items).encode() + CHANNEL_END


def rendered_feed(show, request: HttpRequest) -> RenderedFeed:
    """The cached feed for this show version and host, built if missing."""
    version, last_modified = feed_version(show)
    host = f"{request.scheme}://{request.get_host()}"
    # The content token changes with privacy too, which the page table's stamp does not show.
    generation = content_generation(request)
    key = "podcast-feed:" + hashlib.sha256(f"{version}|{host}|{generation}".encode()).hexdigest()
    rendered = cache.get(key)
    if rendered is None:
        body, count = build_feed(show, request, last_modified)
        rendered = RenderedFeed(
            gzipped=gzip.compress(body, compresslevel=6, mtime=0),
            etag=hashlib.sha256(body).hexdigest()[:32],
            last_modified=last_modified,
            episodes=count,
            plain=body,
        )
        cache.set(key, replace(rendered, plain=None), settings.PODCAST_FEED_CACHE_SECONDS)
    return rendered


def not_modified(request: HttpRequest, etag: str, last_modified: datetime) -> bool:
    """RFC 9110: If-None-Match wins; If-Modified-Since only counts without it."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/").strip('"').removesuffix("-gzip")
                for tag in if_none_match.split(",")}  # fmt: skip
        return "*" in tags or etag in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(last_modified.timestamp()) <= since


def feed_response(show, request: HttpRequest) -> HttpResponse:
    rendered = rendered_feed(show, request)
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
    etag = f'"{rendered.etag}-gzip"' if gzipped else f'"{rendered.etag}"'
    if not_modified(request, rendered.etag, rendered.last_modified):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(
            rendered.gzipped if gzipped else rendered.body, content_type=FEED_CONTENT_TYPE
        )
        if gzipped:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(rendered.last_modified.timestamp())
    response["Cache-Control"] = CACHE_CONTROL
    response["Vary"] = "Accept-Encoding"
    response["Access-Control-Allow-Origin"] = "*"
    return response
