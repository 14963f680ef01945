"""The show's RSS feed: built with feedgen + our Podcasting 2.0 extension, cached, served.

The rendered bytes are cached under a version stamp read from the page table in one query
(latest change, latest publication, number of live episodes), so any web process rebuilds the
feed after a show or episode changes and reuses it otherwise. The stamp also gives
``Last-Modified``, so an unchanged feed keeps its date across processes and restarts.
"""

import gzip
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from feedgen.feed import FeedGenerator
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from community.models import Credit
from media_pages.content_cache import content_generation

from .namespace import PodcastIndexEntryExtension, PodcastIndexExtension, PodcastPerson, Transcript

FEED_CONTENT_TYPE = "application/rss+xml; charset=utf-8"
# Characters XML 1.0 forbids (C0 controls but tab/newlines, lone surrogates, U+FFFE/FFFF).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NOTES_SEPARATOR = "\x1e"
CACHE_CONTROL = "public, max-age=300"
NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def xml_text(value: str | None) -> str:
    """Text that lxml accepts whatever an editor pasted; escaping itself is lxml's job."""
    return NOT_XML.sub("", value or "")


def xml_title(value: str | None, fallback: str) -> str:
    """A title that survives ``xml_text``: feedgen refuses an item with neither title nor
    description, so a title made only of characters XML forbids falls back to the slug."""
    return xml_text(value).strip() or fallback


def truncate_bytes(text: str, limit: int) -> str:
    encoded = text.encode()
    if len(encoded) <= limit:
        return text
    return encoded[: limit - 3].decode(errors="ignore").rstrip() + "…"


@dataclass(frozen=True)
class RenderedFeed:
    body: bytes
    gzipped: bytes
    etag: str
    last_modified: datetime
    episodes: int


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


def absolute(base: str, url: str) -> str:
    return url if "://" in url else base + url


def image_url(base: str, image) -> str:
    """The original file, validated as cover art. Wagtail never overwrites a stored file, so a
    new picture gets a new URL (apps cache artwork by URL); the URL ends in .jpg or .png."""
    return absolute(base, image.file.url)


def people(credits, base: str) -> list[PodcastPerson]:
    return [
        PodcastPerson(
            name=xml_text(credit.person.name),
            role=credit.role.podcast_role,
            href=credit.person.website,
            img=image_url(base, credit.person.photo) if credit.person.photo_id else "",
        )
        for credit in credits
    ]


def credits_prefetch() -> Prefetch:
    credits = Credit.objects.select_related("person__photo", "role").order_by("sort_order")
    return Prefetch("credits", queryset=credits)


EPISODE_FIELDS = (
    "pk", "slug", "title", "guid", "show_notes", "intro", "first_published_at", "episode_type",
    "episode_number", "season_number", "explicit", "transcript", "cover__file", "audio__file",
    "audio__size", "audio__mime_type", "audio__duration",
)  # fmt: skip


@dataclass
class EpisodeRow:
    """What the feed shows of an episode, read as plain values: building 1,000 page objects
    (and their URLs one by one) cost most of a cold build."""

    pk: int
    slug: str
    title: str
    guid: object
    show_notes: str
    intro: str
    first_published_at: datetime
    episode_type: str
    episode_number: int | None
    season_number: int | None
    explicit: bool
    transcript: str
    cover__file: str | None
    audio__file: str
    audio__size: int
    audio__mime_type: str
    audio__duration: float
    url: str = ""
    has_chapters: bool = False
    credits: tuple = ()

    def transcript_format(self) -> str:
        return "vtt" if self.transcript.lstrip("\ufeff \n").startswith("WEBVTT") else "srt"


def episode_rows(show, request: HttpRequest) -> list[EpisodeRow]:
    """Live public episodes with audio, newest first: four queries whatever their number."""
    public_episodes = show.public_episodes().filter(audio__isnull=False)
    model = public_episodes.model
    # The show's page routes its feed here, so the chapter model is reached through the relation.
    chapter_model = model._meta.get_field("chapters").related_model
    rows = [EpisodeRow(**values) for values in public_episodes.values(*EPISODE_FIELDS)]
    # Subqueries, not a list of 1,000 ids to compile into SQL.
    ids = public_episodes.values("pk")
    with_chapters = set(
        chapter_model.objects.filter(page_id__in=ids).values_list("page_id", flat=True)
    )
    credits: dict[int, list] = {}
    for credit in credits_prefetch().queryset.filter(page_id__in=ids):
        credits.setdefault(credit.page_id, []).append(credit)
    # Episodes are the show's children: their address is the show's followed by their slug.
    show_url = show.get_url(request)
    for row in rows:
        row.url = f"{show_url}{row.slug}/"
        row.has_chapters = row.pk in with_chapters
        row.credits = tuple(credits.get(row.pk, ()))
    return rows


def build_feed(show, request: HttpRequest, last_modified: datetime) -> tuple[bytes, int]:
    """The feed's bytes and how many episodes it carries (newest first, within the size cap)."""
    episodes = episode_rows(show, request)
    raw_notes = NOTES_SEPARATOR.join(xml_text(e.show_notes).replace(NOTES_SEPARATOR, "")
                                     for e in episodes)  # fmt: skip
    notes = expand_db_html(raw_notes).split(NOTES_SEPARATOR) if episodes else []
    show_credits = list(credits_prefetch().queryset.filter(page=show))
    routes = episode_routes(show.public_episodes().model)
    keep = len(episodes)
    limit = settings.PODCAST_FEED_MAX_BYTES
    for _attempt in range(8):
        body = render_feed(show, request, last_modified, episodes[:keep], notes, show_credits,
                           routes)  # fmt: skip
        if len(body) <= limit or keep == 0:
            return body, keep
        # Past the size apps accept, keep the newest episodes that fit (see docs/decisions.md).
        keep = max(0, min(keep - 1, int(keep * limit / len(body) * 0.97)))
    return body, keep


def episode_routes(model) -> dict[str, str]:
    """The episode's sub-page names (``transcript.vtt``...), the same for every episode."""
    page = model()
    return {name: page.reverse_subpage(name)
            for name in ("transcript_vtt", "transcript_srt", "chapters")}  # fmt: skip


def render_feed(show, request, last_modified, episodes, notes, show_credits, routes) -> bytes:
    base = f"{request.scheme}://{request.get_host()}"
    show_url = absolute(base, show.get_url(request))
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension)
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
    artwork = image_url(base, show.cover) if show.cover_id else ""
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
    extension.persons = people(show_credits, base)

    audio_model = show.public_episodes().model._meta.get_field("audio").related_model
    storages = (audio_model._meta.get_field("file").storage,
                get_image_model()._meta.get_field("file").storage)  # fmt: skip
    for episode, episode_notes in zip(episodes, notes, strict=False):
        add_episode(feed, episode, episode_notes, base, routes, storages)
    return feed.rss_str(pretty=False, encoding="UTF-8", xml_declaration=True)


def add_episode(feed: FeedGenerator, episode: EpisodeRow, notes: str, base: str, routes,
                storages) -> None:  # fmt: skip
    audio_storage, image_storage = storages
    url = absolute(base, episode.url)
    entry = feed.add_entry(order="append")
    entry.guid(str(episode.guid), permalink=False)
    title = xml_title(episode.title, episode.slug)
    entry.title(title)
    entry.link(href=url)
    entry.description(notes or xml_text(episode.intro) or title)
    entry.enclosure(absolute(base, audio_storage.url(episode.audio__file)),
                    str(episode.audio__size), episode.audio__mime_type)  # fmt: skip
    entry.pubDate(episode.first_published_at)
    entry.podcast.itunes_duration(round(episode.audio__duration))
    entry.podcast.itunes_episode_type(episode.episode_type)
    if episode.episode_number:
        entry.podcast.itunes_episode(episode.episode_number)
    if episode.season_number:
        entry.podcast.itunes_season(episode.season_number)
    if episode.intro:
        entry.podcast.itunes_summary(xml_text(episode.intro))
    extension = entry.podcastindex
    if episode.cover__file:
        extension.image = absolute(base, image_storage.url(episode.cover__file))
    else:
        extension.image = ""
    extension.explicit = episode.explicit
    extension.season, extension.episode = episode.season_number, episode.episode_number
    if episode.transcript.strip():
        extension.transcripts.append(
            Transcript(url + routes["transcript_vtt"], "text/vtt", rel="captions")
        )
        if episode.transcript_format() == "srt":
            extension.transcripts.append(
                Transcript(url + routes["transcript_srt"], "application/x-subrip")
            )
    if episode.has_chapters:
        extension.chapters_url = url + routes["chapters"]
    extension.persons = people(episode.credits, base)


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
            body=body,
            gzipped=gzip.compress(body, compresslevel=6, mtime=0),
            etag=hashlib.sha256(body).hexdigest()[:32],
            last_modified=last_modified,
            episodes=count,
        )
        cache.set(key, rendered, settings.PODCAST_FEED_CACHE_SECONDS)
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
