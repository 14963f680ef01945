"""The demo podcast: a section, a show and three short episodes with transcripts and chapters."""

import hashlib
import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.models import Site

from community.models import Credit, Person, Role
from media_pages.models import CollectifImage
from media_pages.transcripts import parse_transcript
from podcasts.models import (
    EpisodeAudio,
    EpisodeChapter,
    PodcastEpisodePage,
    PodcastIndexPage,
    PodcastShowPage,
)

from .common import DATA_DIR, Report, child_page, load_people, read_data

AUDIO_DIR = DATA_DIR / "podcasts"


@transaction.atomic
def load(report: Report) -> None:
    data = read_data("podcasts.toml")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    home = site.root_page.specific
    people = load_people(data["people"], report)
    section = load_section(home, data["section"], report)
    show = load_show(section, data["show"], people, report)
    for spec in data["episodes"]:
        load_episode(show, spec, people, report)


def credits(specs: list[dict], people: dict[str, Person]) -> list[Credit]:
    roles = {role.slug: role for role in Role.objects.filter(slug__in=[s["role"] for s in specs])}
    return [
        Credit(person=people[spec["person"]], role=roles[spec["role"]])
        for spec in specs
        if spec["role"] in roles
    ]


def load_section(home, spec: dict, report: Report) -> PodcastIndexPage:
    return child_page(
        home,
        spec["slug"],
        report,
        lambda: PodcastIndexPage(title=spec["title"], intro=spec["intro"], show_in_menus=True),
    )


def cover_image(title: str) -> CollectifImage:
    """A square 1400 px PNG drawn here, so no picture file needs committing."""
    existing = CollectifImage.objects.filter(title=title).first()
    if existing is not None:
        return existing
    picture = PILImage.new("RGB", (1400, 1400), (20, 61, 89))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((300, 300, 1100, 1100), outline=(255, 200, 87), width=40)
    draw.rectangle((640, 420, 760, 860), fill=(255, 200, 87))
    draw.rectangle((520, 900, 880, 960), fill=(255, 200, 87))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    image = CollectifImage(
        title=title,
        alt_text="Pochette : un micro stylisé jaune sur fond bleu nuit",
        credit="Collectif Apprenant",
        file=ImageFile(buffer, name="pochette-les-voix-du-collectif.png"),
    )
    image._set_image_file_metadata()  # size and hash, as Wagtail's upload form does
    image.save()
    return image


def load_show(section, spec: dict, people: dict, report: Report) -> PodcastShowPage:
    return child_page(section, spec["slug"], report, lambda: build_show(spec, people))


def build_show(spec: dict, people: dict) -> PodcastShowPage:
    show = PodcastShowPage(
        title=spec["title"],
        intro=spec["intro"],
        description=spec["description"],
        cover=cover_image(spec["cover_title"]),
        author=spec["author"],
        owner_name=spec["owner_name"],
        owner_email=spec["owner_email"],
        apple_category=spec["apple_category"],
        apple_subcategory=spec["apple_subcategory"],
        copyright=spec["copyright"],
        funding_url=spec["funding_url"],
        funding_label=spec["funding_label"],
    )
    show.credits = credits(spec["credits"], people)
    return show


def load_audio(slug: str, title: str) -> EpisodeAudio:
    content = (AUDIO_DIR / f"{slug}.mp3").read_bytes()
    existing = EpisodeAudio.objects.filter(sha256=hashlib.sha256(content).hexdigest()).first()
    if existing is not None:
        return existing
    audio = EpisodeAudio(title=title, file=ContentFile(content, name=f"{slug}.mp3"))
    audio.read_facts()
    audio.save()
    return audio


def load_episode(show, spec: dict, people: dict, report: Report) -> None:
    child_page(
        show,
        spec["slug"],
        report,
        lambda: build_episode(spec, people),
        label=f"episode {spec['slug']}",
    )


def build_episode(spec: dict, people: dict) -> PodcastEpisodePage:
    transcript = (AUDIO_DIR / f"{spec['slug']}.vtt").read_text()
    cues = parse_transcript(transcript.encode(), "transcript.vtt")
    episode = PodcastEpisodePage(
        title=spec["title"],
        intro=spec["intro"],
        show_notes=spec["notes"],
        audio=load_audio(spec["slug"], spec["title"]),
        season_number=spec["season"],
        episode_number=spec["episode"],
        transcript=transcript,
        first_published_at=timezone.now() - timedelta(days=spec["days_ago"]),
    )
    episode.credits = credits(spec["credits"], people)
    episode.chapters = [
        EpisodeChapter(
            start=timedelta(seconds=int(cues[chapter.get("sentence", 0)].start)),
            title=chapter["title"],
            url=chapter.get("url", ""),
        )
        for chapter in spec["chapters"]
    ]
    return episode
