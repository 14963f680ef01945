"""One factory per page model; tests build their trees with these, never with fixtures."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Page, Site

from media_pages.models import (
    HomePage,
    SitemapPage,
    StandardPage,
    WebinarIndexPage,
    WebinarPage,
)

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


class WebinarIndexPageFactory(wagtail_factories.PageFactory):
    title = "Webinaires et sessions"
    slug = factory.Sequence(lambda n: f"sessions-{n}")
    intro = "Les rendez-vous du collectif."

    class Meta:
        model = WebinarIndexPage


def next_week_at(hour: int = 14, days: int = 7) -> datetime:
    day = timezone.localtime(timezone.now(), PARIS).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS)


class WebinarPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Webinaire {n}")
    slug = factory.Sequence(lambda n: f"webinaire-{n}")
    intro = "Une session du collectif."
    session_format = "webinaire"
    mode = "distance"
    online_url = "https://visio.example.org/salle-collectif"
    start = factory.LazyFunction(next_week_at)
    end = factory.LazyAttribute(lambda page: page.start + timedelta(hours=1, minutes=30))

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
