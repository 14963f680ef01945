"""One factory per page model; tests build their trees with these, never with fixtures."""

import factory
import wagtail_factories
from wagtail.models import Page, Site

from media_pages.models import HomePage, SitemapPage, StandardPage


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
