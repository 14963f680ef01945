"""One factory per page model; tests build their trees with these, never with fixtures."""

import datetime
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Page, Site

from community.models import Person
from media_pages.models import (
    CollectifImage,
    CommunityIndexPage,
    EditorialIndexPage,
    EditorialPage,
    HomePage,
    PresentationIndexPage,
    PresentationPage,
    SitemapPage,
    StandardPage,
    TagIndexPage,
)
from podcasts.models import EpisodeAudio, PodcastEpisodePage, PodcastIndexPage, PodcastShowPage
from webinars.models import WebinarIndexPage, WebinarPage

PARIS = ZoneInfo("Europe/Paris")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Collectif Apprenant"
    slug = factory.Sequence(lambda n: f"accueil-{n}")
    intro = "Un collectif de développement de compétences et de partage."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    intro = "Une page de contenu."

    class Meta:
        model = StandardPage


class SitemapPageFactory(wagtail_factories.PageFactory):
    title = "Plan du site"
    slug = "plan-du-site"

    class Meta:
        model = SitemapPage


class EditorialIndexPageFactory(wagtail_factories.PageFactory):
    title = "Éditoriaux"
    slug = factory.Sequence(lambda n: f"editoriaux-{n}")
    intro = "Les tendances mises en perspective."

    class Meta:
        model = EditorialIndexPage


class EditorialPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Éditorial {n}")
    slug = factory.Sequence(lambda n: f"editorial-{n}")
    intro = "Un chapô qui résume l’éditorial."
    body = [("paragraph", "<p>Un texte d’éditorial.</p>")]

    class Meta:
        model = EditorialPage


class PresentationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Présentations interactives"
    slug = factory.Sequence(lambda n: f"presentations-{n}")

    class Meta:
        model = PresentationIndexPage


class PresentationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Présentation {n}")
    slug = factory.Sequence(lambda n: f"presentation-{n}")
    presentation_url = "https://view.genially.com/65da9accbbb01e0014a797ae/presentation-demo"
    text_alternative = "<p>Le contenu de la présentation, en texte.</p>"

    class Meta:
        model = PresentationPage


class TagIndexPageFactory(wagtail_factories.PageFactory):
    title = "Étiquettes"
    slug = "etiquettes"

    class Meta:
        model = TagIndexPage


class CommunityIndexPageFactory(wagtail_factories.PageFactory):
    title = "Communauté"
    slug = "communaute"

    class Meta:
        model = CommunityIndexPage


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Personne {n}")

    class Meta:
        model = Person


class WebinarIndexPageFactory(wagtail_factories.PageFactory):
    title = "Webinaires et sessions"
    slug = factory.Sequence(lambda n: f"sessions-{n}")
    intro = "Les rendez-vous du collectif."

    class Meta:
        model = WebinarIndexPage


def next_week_at(hour: int = 14, days: int = 7) -> datetime.datetime:
    day = timezone.localtime(timezone.now(), PARIS).date() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS)


class WebinarPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Webinaire {n}")
    slug = factory.Sequence(lambda n: f"webinaire-{n}")
    intro = "Une session du collectif."
    session_format = "webinaire"
    mode = "distance"
    online_url = "https://visio.example.org/salle-collectif"
    start = factory.LazyFunction(next_week_at)
    end = factory.LazyAttribute(lambda page: page.start + datetime.timedelta(hours=1, minutes=30))

    class Meta:
        model = WebinarPage


def make_site_with_home(**home_fields) -> HomePage:
    """A HomePage under Wagtail's root, served as the default site (the welcome page removed)."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, **home_fields)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Collectif"
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


# Podcasts ---------------------------------------------------------------------------------

AUDIO_DIR = Path(__file__).resolve().parent / "podcasts" / "audio"


class ArtworkFactory(wagtail_factories.ImageFactory):
    """A square 1400 px RGB PNG: valid podcast cover art."""

    title = factory.Sequence(lambda n: f"Pochette {n}")
    alt_text = factory.LazyAttribute(lambda image: f"{image.title} : un carré bleu marine")
    file = factory.django.ImageField(
        filename="pochette.png", width=1400, height=1400, color="navy", format="PNG"
    )

    class Meta:
        model = CollectifImage


def audio_file(name: str = "tone.mp3") -> EpisodeAudio:
    """An EpisodeAudio row for one of the real test recordings (reused when already there)."""
    content = (AUDIO_DIR / name).read_bytes()
    existing = EpisodeAudio.objects.filter(sha256=hashlib.sha256(content).hexdigest()).first()
    if existing is not None:
        return existing
    audio = EpisodeAudio(title=name, file=ContentFile(content, name=name))
    audio.read_facts()
    audio.save()
    return audio


class PodcastIndexPageFactory(wagtail_factories.PageFactory):
    title = "Podcasts"
    slug = factory.Sequence(lambda n: f"podcasts-{n}")

    class Meta:
        model = PodcastIndexPage


class PodcastShowPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Émission {n}")
    slug = factory.Sequence(lambda n: f"emission-{n}")
    description = "Le podcast du collectif."
    cover = factory.SubFactory(ArtworkFactory)
    author = "Collectif Apprenant"
    owner_name = "Le Staff"
    owner_email = "podcast@example.org"
    apple_subcategory = "Courses"

    class Meta:
        model = PodcastShowPage


class PodcastEpisodePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Épisode {n}")
    slug = factory.Sequence(lambda n: f"episode-{n}")
    audio = factory.LazyFunction(audio_file)
    show_notes = "<p>Notes de l’épisode.</p>"
    first_published_at = factory.Sequence(
        lambda n: timezone.now() - datetime.timedelta(days=1, minutes=n)
    )
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        model = PodcastEpisodePage


class NewsletterIndexPageFactory(wagtail_factories.PageFactory):
    title = "Lettre d’information"
    slug = "lettre-d-information"
    intro = "Les lettres du collectif."

    class Meta:
        model = "newsletter.NewsletterIndexPage"


class NewsletterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lettre n° {n}")
    slug = factory.Sequence(lambda n: f"lettre-{n}")
    subject = factory.LazyAttribute(lambda page: page.title)
    preheader = "Les nouvelles du collectif."
    language = "fr"

    class Meta:
        model = "newsletter.NewsletterPage"
