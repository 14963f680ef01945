"""Page rules, creation in the admin, rendering and preview for every page type."""

from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from media_pages.models import (
    CommunityIndexPage,
    EditorialIndexPage,
    HomePage,
    PresentationIndexPage,
    SitemapPage,
    StandardPage,
    TagIndexPage,
)
from podcasts.models import PodcastIndexPage
from tests.factories import SitemapPageFactory, StandardPageFactory, make_site_with_home
from webinars.models import WebinarIndexPage


class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_with_home()
        cls.standard = StandardPageFactory(
            parent=cls.home,
            body=[("paragraph", "<p>Bienveillance &amp; ouverture</p>")],
        )
        cls.sitemap = SitemapPageFactory(parent=cls.home)
        cls.admin = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_home_page_only_sits_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        from newsletter.models import NewsletterIndexPage

        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                SitemapPage,
                EditorialIndexPage,
                PresentationIndexPage,
                TagIndexPage,
                CommunityIndexPage,
                PodcastIndexPage,
                WebinarIndexPage,
                NewsletterIndexPage,
            },
        )

    def test_standard_pages_nest_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_site_map_is_a_leaf_under_home(self):
        self.assertAllowedParentPageTypes(SitemapPage, {HomePage})
        self.assertAllowedSubpageTypes(SitemapPage, set())

    def test_editor_creates_a_standard_page_in_the_admin(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "credits": inline_formset([]),
                    "title": "Mentions légales",
                    "slug": "mentions-legales",
                    "intro": "Qui édite ce site.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Éditeur", "level": "h2"}),
                            ("paragraph", rich_text("<p>Le collectif.</p>")),
                        ]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(slug="mentions-legales")
        self.assertEqual(page.body[0].value["text"], "Éditeur")

    def test_only_one_site_map_per_home(self):
        self.assertFalse(SitemapPage.can_create_at(self.home))

    def test_each_page_type_renders(self):
        for page in (self.home, self.standard, self.sitemap):
            with self.subTest(page=page.title):
                self.assertPageIsRenderable(page)

    def test_each_page_type_previews(self):
        body = streamfield([("paragraph", rich_text("<p>Aperçu avant publication</p>"))])
        cases = [
            (self.home, {"title": "Accueil", "slug": "accueil", "body": body}),
            (self.standard, {"title": "À propos", "slug": "a-propos", "body": body}),
            (self.sitemap, {"title": "Plan du site", "slug": "plan-du-site"}),
        ]
        for page, data in cases:
            with self.subTest(page=page.title):
                data["credits"] = inline_formset([])
                self.assertPageIsPreviewable(page, post_data=nested_form_data(data))

    def test_standard_page_shows_its_body(self):
        response = self.client.get(self.standard.url)
        self.assertContains(response, "Bienveillance &amp; ouverture", html=False)
        self.assertContains(response, f"<h1>{self.standard.title}</h1>", html=True)
