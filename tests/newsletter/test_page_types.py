"""Archive and issue pages: rules, admin creation, rendering, previews, feed, query budget."""

from datetime import timedelta

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from media_pages.models import HomePage
from newsletter.blocks import upcoming_sessions
from newsletter.models import NewsletterIndexPage, NewsletterPage
from tests.factories import (
    NewsletterIndexPageFactory,
    NewsletterPageFactory,
    StandardPageFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
    make_site_with_home,
    next_week_at,
)


def rows(values: list) -> dict:
    """A ListBlock's form data."""
    items = {
        str(i): {"value": v, "deleted": "", "order": str(i), "id": ""} for i, v in enumerate(values)
    }
    return {"count": str(len(values)), **items}


class NewsletterPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_with_home()
        cls.archive = NewsletterIndexPageFactory(parent=cls.home)
        cls.about = StandardPageFactory(parent=cls.home, title="À propos", intro="Qui sommes-nous.")
        cls.issue = NewsletterPageFactory(
            parent=cls.archive,
            body=[
                ("paragraph", "<p>Bonjour</p>"),
                ("featured", {"heading": "À lire", "pages": [cls.about]}),
                ("call_to_action", {"text": "Participer", "page": cls.about, "link": ""}),
                ("agenda", {"heading": "Agenda", "count": 3}),
            ],
        )
        cls.admin = get_user_model().objects.create_superuser("redac", "r@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_archive_sits_under_home_and_holds_only_issues(self):
        self.assertAllowedParentPageTypes(NewsletterIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsletterIndexPage, {NewsletterPage})
        self.assertAllowedParentPageTypes(NewsletterPage, {NewsletterIndexPage})
        self.assertAllowedSubpageTypes(NewsletterPage, set())
        self.assertIn(NewsletterIndexPage, HomePage.allowed_subpage_models())

    def test_editor_creates_an_issue_in_the_admin(self):
        self.assertCanCreate(
            self.archive,
            NewsletterPage,
            nested_form_data(
                {
                    "credits": inline_formset([]),
                    "title": "Lettre de décembre",
                    "slug": "lettre-de-decembre",
                    "subject": "Les nouvelles de décembre",
                    "preheader": "Bilan de l’année",
                    "language": "fr",
                    "intro": "",
                    "body": streamfield(
                        [
                            ("paragraph", rich_text("<p>Bonne fin d’année.</p>")),
                            (
                                "call_to_action",
                                {"text": "Voir", "page": "", "link": "https://example.org/"},
                            ),
                        ]
                    ),
                }
            ),
        )
        issue = NewsletterPage.objects.get(slug="lettre-de-decembre")
        self.assertEqual(issue.body[1].value.url(), "https://example.org/")

    def test_a_subject_with_a_line_break_is_refused_in_french_and_nothing_is_saved(self):
        data = nested_form_data(
            {
                "credits": inline_formset([]),
                "title": "Lettre piégée",
                "slug": "lettre-piegee",
                "subject": "Nouvelles\r\nBcc: x@evil.example",
                "preheader": "",
                "language": "fr",
                "intro": "",
                "body": streamfield([]),
            }
        )
        url = f"/admin/pages/add/newsletter/newsletterpage/{self.archive.pk}/"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "L’objet doit tenir sur une ligne")
        self.assertFalse(NewsletterPage.objects.filter(slug="lettre-piegee").exists())

    def issue_data(self, slug: str, body: list) -> dict:
        return nested_form_data(
            {
                "credits": inline_formset([]),
                "title": slug.capitalize(),
                "slug": slug,
                "subject": "Nouvelles",
                "preheader": "",
                "language": "fr",
                "intro": "",
                "body": streamfield(body),
            }
        )

    def test_a_published_since_block_added_by_hand_needs_no_empty_row(self):
        url = f"/admin/pages/add/newsletter/newsletterpage/{self.archive.pk}/"
        empty = self.issue_data("vide", [("recent", {"heading": "Du nouveau", "pages": rows([])})])
        empty["action-publish"] = "action-publish"
        response = self.client.post(url, empty)
        # Block errors travel in the editor's JSON data, accents escaped.
        self.assertContains(response, "Choisissez au moins une page \\u00e0 annoncer")
        self.assertFalse(NewsletterPage.objects.filter(slug="vide").exists())

        chosen = rows([self.about.pk, ""])  # an empty row left beside a chosen page
        data = self.issue_data("remplie", [("recent", {"heading": "Du nouveau", "pages": chosen})])
        data["action-publish"] = "action-publish"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        issue = NewsletterPage.objects.get(slug="remplie")
        self.assertTrue(issue.live)
        self.assertEqual([page.pk for page in issue.body[0].value["pages"]], [self.about.pk])

    def test_the_email_format_is_not_called_an_address(self):
        content = self.client.get(f"/admin/pages/{self.issue.pk}/edit/").content.decode()
        self.assertIn("Courriel", content)
        self.assertNotIn("Adresse électronique", content)

    def test_call_to_action_needs_a_page_or_an_address(self):
        from wagtail.blocks.struct_block import StructBlockValidationError

        from newsletter.blocks import CallToActionBlock

        block = CallToActionBlock()
        with self.assertRaises(StructBlockValidationError):
            block.clean(block.to_python({"text": "Voir", "page": None, "link": ""}))

    def test_pages_render_and_preview_in_every_mode(self):
        self.assertPageIsRenderable(self.archive)
        self.assertPageIsRenderable(self.issue)
        data = nested_form_data(
            {
                "credits": inline_formset([]),
                "title": "Aperçu",
                "slug": "apercu",
                "subject": "Sujet",
                "preheader": "",
                "language": "fr",
                "body": streamfield([("paragraph", rich_text("<p>Aperçu du courriel</p>"))]),
            }
        )
        for mode in ("", "email", "email-text"):
            with self.subTest(mode=mode):
                self.assertPageIsPreviewable(self.issue, mode=mode, post_data=data)
        archive_data = nested_form_data(
            {"credits": inline_formset([]), "title": "Archive", "slug": "archive",
             "consent_text": "J’accepte."}
        )  # fmt: skip
        self.assertPageIsPreviewable(self.archive, post_data=archive_data)

    def test_email_preview_is_the_inlined_email(self):
        response = self.issue.make_preview_request(preview_mode="email")
        content = response.content.decode()
        self.assertNotIn("<style", content)
        self.assertIn('style="', content)
        self.assertIn("Qui sommes-nous.", content)
        text = self.issue.make_preview_request(preview_mode="email-text")
        self.assertTrue(text["Content-Type"].startswith("text/plain"))

    def test_issue_shows_cards_from_the_chosen_pages(self):
        response = self.client.get(self.issue.url)
        content = response.content.decode()
        self.assertIn("Qui sommes-nous.", content)
        self.assertIn(f'href="{self.about.url}"', content)

    def test_new_issue_is_prefilled_with_what_was_published_since_the_last_one(self):
        fresh = StandardPageFactory(parent=self.home, title="Nouveau compte rendu")
        fresh.first_published_at = timezone.now()
        fresh.save()
        old = StandardPageFactory(parent=self.home, title="Vieille page")
        old.first_published_at = timezone.now() - timedelta(days=365)
        old.save()
        response = self.client.get(f"/admin/pages/add/newsletter/newsletterpage/{self.archive.pk}/")
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn("Nouveau compte rendu", content)
        self.assertNotIn("Vieille page", content)

    def test_archive_lists_issues_and_links_its_feed(self):
        response = self.client.get(self.archive.url)
        content = response.content.decode()
        self.assertIn(self.issue.title, content)
        self.assertIn('type="application/rss+xml"', content)
        self.assertIn(f"{self.archive.url}feed.xml", content)


def test_agenda_lists_the_live_sessions_to_come_soonest_first(home):
    sessions = WebinarIndexPageFactory(parent=home)
    later = WebinarPageFactory(parent=sessions, start=next_week_at(days=9), title="Plus tard")
    sooner = WebinarPageFactory(parent=sessions, start=next_week_at(days=2), title="Bientôt")
    WebinarPageFactory(parent=sessions, start=next_week_at(days=3), live=False, title="Brouillon")
    past = timezone.now() - timedelta(days=3)
    WebinarPageFactory(parent=sessions, start=past, end=past + timedelta(hours=1), title="Passée")
    assert upcoming_sessions(5) == [sooner, later]
    assert upcoming_sessions(1) == [sooner]


def test_the_former_feed_address_redirects_permanently(client, home):
    archive = NewsletterIndexPageFactory(parent=home)
    response = client.get(archive.url + "rss/")
    assert response.status_code == 301
    assert response["Location"] == archive.url + "feed.xml"


@pytest.mark.django_db
def test_feed_is_valid_rss_with_the_live_issues(client, home):
    archive = NewsletterIndexPageFactory(parent=home)
    NewsletterPageFactory(parent=archive, title="Lettre publiée")
    NewsletterPageFactory(parent=archive, title="Brouillon", live=False)
    response = client.get(archive.url + "feed.xml")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Lettre publiée"]
    assert feed.entries[0].link.endswith(
        "/lettre-d-information/" + "lettre-" + feed.entries[0].link.split("lettre-")[-1]
    )


@pytest.mark.django_db
def test_archive_query_count_does_not_grow_with_issues(client, home, django_assert_max_num_queries):
    archive = NewsletterIndexPageFactory(parent=home)
    for n in range(15):
        NewsletterPageFactory(parent=archive, title=f"Numéro {n}")
    client.get(archive.url)
    with django_assert_max_num_queries(20):
        response = client.get(archive.url)
    assert response.content.decode().count("Numéro ") == 12  # one page of the archive
    with django_assert_max_num_queries(20):
        assert client.get(archive.url + "?page=2").content.decode().count("Numéro ") == 3


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "-1", "99999", "1.5", ""])
def test_bad_page_parameter_falls_back_instead_of_failing(client, home, value):
    archive = NewsletterIndexPageFactory(parent=home)
    NewsletterPageFactory(parent=archive)
    assert client.get(archive.url, {"page": value}).status_code == 200


@pytest.mark.django_db
def test_only_one_archive_per_home(home):
    NewsletterIndexPageFactory(parent=home)
    assert not NewsletterIndexPage.can_create_at(Page.objects.get(pk=home.pk))
