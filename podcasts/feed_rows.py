"""What the feed reads of a show's episodes: plain values, in the same few queries whatever
their number.

Building 1,000 page objects, asking each for its URL and each file for its address cost most
of a cold build, so episodes are read as rows of values, their addresses derived from the show's
and the files' from their storage's base URL.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime

from django.core.files.storage import FileSystemStorage
from django.db.models import Q
from django.db.models.functions import Substr
from django.utils.encoding import filepath_to_uri

from community.models import Credit

from .namespace import PodcastPerson

# Characters XML 1.0 forbids (C0 controls but tab/newlines, lone surrogates, U+FFFE/FFFF).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str | None) -> str:
    """Text that lxml accepts whatever an editor pasted; escaping itself is lxml's job."""
    return NOT_XML.sub("", value or "")


def absolute(base: str, url: str) -> str:
    return url if "://" in url else base + url


def file_urls(storage, base: str) -> Callable[[str], str]:
    """``storage.url`` as an absolute address, for many files of one storage."""
    # ``__class__``, not ``type()``: Django's default storage is a lazy proxy.
    if storage.__class__.url is FileSystemStorage.url and storage.base_url is not None:
        # What FileSystemStorage.url computes, without an urljoin per file: stored names are
        # normalised relative paths, and quoting leaves no ':', '?' or '#' in them.
        prefix = absolute(base, storage.base_url)
        return lambda name: prefix + filepath_to_uri(name).lstrip("/")
    return lambda name: absolute(base, storage.url(name))


@dataclass
class EpisodeRow:
    """What the feed shows of an episode; the fields before ``url`` are read from the database."""

    pk: int
    slug: str
    title: str
    guid: object
    show_notes: str
    intro: str
    first_published_at: datetime | None
    episode_type: str
    episode_number: int | None
    season_number: int | None
    explicit: bool
    transcript: str  # its beginning: enough to tell whether there is one, and its format
    transcript_more: str  # its next character, if any
    cover__file: str | None
    audio__file: str
    audio__size: int
    audio__mime_type: str
    audio__duration: float
    url: str = field(default="", init=False)
    has_chapters: bool = field(default=False, init=False)
    persons: list[PodcastPerson] = field(default_factory=list, init=False)

    def transcript_format(self) -> str:
        return "vtt" if self.transcript.lstrip("\ufeff \n").startswith("WEBVTT") else "srt"

    def transcript_undecided(self) -> bool:
        """Whether the beginning read is too blank to tell what the whole transcript is."""
        return bool(self.transcript_more) and (
            not self.transcript.strip() or len(self.transcript.lstrip("\ufeff \n")) < 6
        )


# An hour of captions is some 50 KB: 1,000 of them would be read for two facts.
TRANSCRIPT_HEAD = 200
COLUMNS = {
    "transcript": Substr("transcript", 1, TRANSCRIPT_HEAD),
    "transcript_more": Substr("transcript", TRANSCRIPT_HEAD + 1, 1),
}
EPISODE_FIELDS = tuple(COLUMNS.get(f.name, f.name) for f in fields(EpisodeRow) if f.init)


class People:
    """``podcast:person`` tags by page, built once per person and role."""

    def __init__(self, image_url: Callable[[str], str]):
        self.image_url = image_url
        self.built: dict[tuple, PodcastPerson] = {}

    def by_page(self, pages: Q) -> dict[int, list[PodcastPerson]]:
        credits = Credit.objects.filter(pages).order_by("sort_order", "pk").values_list(
            "page_id", "person__name", "role__podcast_role", "person__website",
            "person__photo__file",
        )  # fmt: skip
        found: dict[int, list[PodcastPerson]] = {}
        for page_id, *person in credits:
            found.setdefault(page_id, []).append(self.person(tuple(person)))
        return found

    def person(self, values: tuple) -> PodcastPerson:
        built = self.built.get(values)
        if built is None:
            name, role, website, photo = values
            built = self.built[values] = PodcastPerson(
                name=xml_text(name), role=role, href=xml_text(website),
                img=self.image_url(photo) if photo else "",
            )  # fmt: skip
        return built


def episode_rows(public_episodes, show, show_url: str, people: People) -> list[EpisodeRow]:
    """The show's public episodes that have audio, in the order given; ``url`` is relative to
    the site when ``show_url`` is."""
    with_audio = public_episodes.filter(audio__isnull=False)
    rows = [EpisodeRow(*values) for values in with_audio.values_list(*EPISODE_FIELDS)]
    undecided = {row.pk: row for row in rows if row.transcript_undecided()}
    if undecided:  # a transcript that starts with 200 blanks: read those whole
        full = with_audio.filter(pk__in=undecided).values_list("pk", "transcript")
        for pk, transcript in full:
            undecided[pk].transcript = transcript
    # The show's children, visible or not: cheaper than repeating the visibility rules, and
    # only the rows above are looked up.
    children = Q(page__path__startswith=show.path, page__depth=show.depth + 1)
    # The show's page routes its feed here, so the chapter model is reached through the relation.
    chapter_model = public_episodes.model._meta.get_field("chapters").related_model
    with_chapters = set(chapter_model.objects.filter(children).values_list("page_id", flat=True))
    persons = people.by_page(children)
    # Episodes are the show's children: their address is the show's followed by their slug.
    for row in rows:
        row.url = f"{show_url}{row.slug}/"
        row.has_chapters = row.pk in with_chapters
        row.persons = persons.get(row.pk, [])
    return rows
