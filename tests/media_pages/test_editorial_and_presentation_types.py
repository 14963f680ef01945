"""Page rules, creation in the admin, rendering and preview for the new page families."""

from django.contrib.auth import get_user_model
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from media_pages.models import (
    CommunityIndexPage,
    EditorialIndexPage,
    EditorialPage,
    HomePage,
    PresentationIndexPage,
    PresentationPage,
    TagIndexPage,
)
from tests.factories import (
    CommunityIndexPageFactory,
    EditorialIndexPageFactory,
    EditorialPageFactory,
    PresentationIndexPageFactory,
    PresentationPageFactory,
    TagIndexPageFactory,
    make_site_with_home,
)

GENIALLY = "https://view.genially.com/65da9accbbb01e0014a797ae/presentation"


class NewPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_with_home()
        cls.editorials = EditorialIndexPageFactory(parent=cls.home)
        cls.editorial = EditorialPageFactory(parent=cls.editorials)
        cls.presentations = PresentationIndexPageFactory(parent=cls.home)
        cls.presentation = PresentationPageFactory(parent=cls.presentations)
        cls.tags = TagIndexPageFactory(parent=cls.home)
        cls.community = CommunityIndexPageFactory(parent=cls.home)
        cls.admin = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_page_rules_are_declared_both_ways(self):
        self.assertAllowedParentPageTypes(EditorialIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EditorialIndexPage, {EditorialPage})
        self.assertAllowedParentPageTypes(EditorialPage, {EditorialIndexPage})
        self.assertAllowedSubpageTypes(EditorialPage, set())
        self.assertAllowedParentPageTypes(PresentationIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PresentationIndexPage, {PresentationPage})
        self.assertAllowedParentPageTypes(PresentationPage, {PresentationIndexPage})
        self.assertAllowedSubpageTypes(PresentationPage, set())
        self.assertAllowedParentPageTypes(TagIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(TagIndexPage, set())
        self.assertAllowedParentPageTypes(CommunityIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CommunityIndexPage, set())

    def test_one_tag_page_and_one_community_page_per_home(self):
        self.assertFalse(TagIndexPage.can_create_at(self.home))
        self.assertFalse(CommunityIndexPage.can_create_at(self.home))

    def test_editor_creates_an_editorial_in_the_admin(self):
        self.assertCanCreate(
            self.editorials,
            EditorialPage,
            nested_form_data(
                {
                    "title": "Les tendances de l’année",
                    "slug": "tendances",
                    "intro": "Ce que l’année dit de nos pratiques.",
                    "body": streamfield([("paragraph", rich_text("<p>Un texte.</p>"))]),
                    "credits": inline_formset([]),
                    "related_links": inline_formset([{"related_page": self.presentation.pk}]),
                }
            ),
        )
        page = EditorialPage.objects.get(slug="tendances")
        self.assertEqual(page.related_pages(), [self.presentation.page_ptr])

    def test_editor_creates_a_presentation_in_the_admin(self):
        self.assertCanCreate(
            self.presentations,
            PresentationPage,
            nested_form_data(
                {
                    "title": "Les rôles",
                    "slug": "les-roles",
                    "presentation_url": GENIALLY,
                    "text_alternative": rich_text("<p>Le contenu en texte.</p>"),
                    "credits": inline_formset([]),
                }
            ),
        )

    def test_index_pages_are_created_in_the_admin(self):
        home = make_site_with_home(slug="autre-accueil")
        for model in (EditorialIndexPage, PresentationIndexPage, TagIndexPage, CommunityIndexPage):
            with self.subTest(model=model.__name__):
                slug = model.__name__.lower()
                self.assertCanCreate(
                    home,
                    model,
                    nested_form_data(
                        {"title": model.__name__, "slug": slug, "credits": inline_formset([])}
                    ),
                )

    def test_each_page_type_renders(self):
        for page in (
            self.editorials,
            self.editorial,
            self.presentations,
            self.presentation,
            self.tags,
            self.community,
        ):
            with self.subTest(page=page.title):
                self.assertPageIsRenderable(page)

    def test_each_page_type_previews(self):
        body = streamfield([("paragraph", rich_text("<p>Aperçu</p>"))])
        cases = [
            (self.editorials, {"title": "Éditoriaux", "slug": "editoriaux"}),
            (
                self.editorial,
                {
                    "title": "Aperçu",
                    "slug": "apercu",
                    "intro": "Chapô",
                    "body": body,
                    "related_links": inline_formset([]),
                },
            ),
            (self.presentations, {"title": "Présentations", "slug": "presentations"}),
            (
                self.presentation,
                {
                    "title": "Aperçu",
                    "slug": "apercu",
                    "presentation_url": GENIALLY,
                    "text_alternative": rich_text("<p>Texte</p>"),
                },
            ),
            (self.tags, {"title": "Étiquettes", "slug": "etiquettes"}),
            (self.community, {"title": "Communauté", "slug": "communaute"}),
        ]
        for page, data in cases:
            with self.subTest(page=page.title):
                data["credits"] = inline_formset([])
                self.assertPageIsPreviewable(page, post_data=nested_form_data(data))

    def test_a_link_from_an_unknown_service_is_refused_in_french_and_nothing_is_lost(self):
        url = f"/admin/pages/add/media_pages/presentationpage/{self.presentations.pk}/"
        data = nested_form_data(
            {
                "title": "Présentation douteuse",
                "slug": "douteuse",
                "presentation_url": "https://example.com/ma-presentation",
                "text_alternative": rich_text("<p>Mon texte soigneusement rédigé.</p>"),
                "credits": inline_formset([]),
            }
        )
        data["action-publish"] = "publish"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ne peuvent pas être intégrées")
        self.assertContains(response, "Genially")
        self.assertContains(response, "soigneusement")  # the text typed is still there
        self.assertFalse(PresentationPage.objects.filter(slug="douteuse").exists())

    def test_an_editorial_needs_a_standfirst(self):
        url = f"/admin/pages/add/media_pages/editorialpage/{self.editorials.pk}/"
        data = nested_form_data(
            {
                "title": "Sans chapô",
                "slug": "sans-chapo",
                "intro": "",
                "body": streamfield([("paragraph", rich_text("<p>Corps conservé.</p>"))]),
                "credits": inline_formset([]),
                "related_links": inline_formset([]),
            }
        )
        data["action-publish"] = "publish"
        response = self.client.post(url, data)
        self.assertContains(response, "chapô")
        self.assertFalse(EditorialPage.objects.filter(slug="sans-chapo", live=True).exists())
