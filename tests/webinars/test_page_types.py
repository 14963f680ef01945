"""Page rules, creation in the admin, rendering and preview of the session pages."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from media_pages.models import HomePage
from tests.factories import (
    WebinarIndexPageFactory,
    WebinarPageFactory,
    make_site_with_home,
    next_week_at,
)
from webinars.models import WebinarIndexPage, WebinarPage


def session_form_data(**overrides) -> dict:
    start = next_week_at(10)
    data = {
        "credits": inline_formset([]),
        "title": "Atelier podcast",
        "slug": "atelier-podcast",
        "intro": "Enregistrer sa première émission.",
        "session_format": "atelier",
        "mode": "hybride",
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "place": "Salle B12, 3 rue des Écoles, Lyon",
        "online_url": "https://visio.example.org/atelier",
        "capacity": "20",
        "summary": rich_text("<p>On enregistre ensemble.</p>"),
        "sketches": streamfield([]),
        "deliverables": streamfield([]),
        "related_pages": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


class SessionPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_with_home()
        cls.index = WebinarIndexPageFactory(parent=cls.home, slug="sessions")
        cls.session = WebinarPageFactory(parent=cls.index)
        cls.admin = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_index_sits_under_home_and_holds_only_sessions(self):
        self.assertAllowedParentPageTypes(WebinarIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(WebinarIndexPage, {WebinarPage})
        self.assertIn(WebinarIndexPage, HomePage.allowed_subpage_models())

    def test_session_sits_only_under_the_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(WebinarPage, {WebinarIndexPage})
        self.assertAllowedSubpageTypes(WebinarPage, set())

    def test_editor_creates_the_index_in_the_admin(self):
        self.assertCanCreate(
            self.home,
            WebinarIndexPage,
            nested_form_data(
                {"credits": inline_formset([]), "title": "Webinaires", "slug": "webinaires"}
            ),
        )

    def test_editor_creates_a_session_in_paris_time(self):
        self.assertCanCreate(self.index, WebinarPage, session_form_data())
        page = WebinarPage.objects.get(slug="atelier-podcast")
        self.assertEqual(page.local_start.hour, 10)
        self.assertEqual(page.local_start.tzinfo.key, "Europe/Paris")
        self.assertEqual(page.capacity, 20)

    def test_session_ending_before_it_starts_is_refused_with_a_message(self):
        start = next_week_at(10)
        response = self.client.post(
            f"/admin/pages/add/webinars/webinarpage/{self.index.pk}/",
            session_form_data(end=(start - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "La session doit se terminer après son début.")
        self.assertFalse(WebinarPage.objects.filter(slug="atelier-podcast").exists())

    def test_in_person_session_needs_a_place(self):
        response = self.client.post(
            f"/admin/pages/add/webinars/webinarpage/{self.index.pk}/",
            session_form_data(mode="presence", place=""),
        )
        self.assertContains(response, "Indiquez le lieu d’une session en présence.")

    def test_each_page_type_renders(self):
        for page in (self.index, self.session):
            with self.subTest(page=page.title):
                self.assertPageIsRenderable(page)

    def test_each_page_type_previews(self):
        self.assertPageIsPreviewable(
            self.index,
            post_data=nested_form_data(
                {"credits": inline_formset([]), "title": "Sessions", "slug": "sessions"}
            ),
        )
        self.assertPageIsPreviewable(self.session, post_data=session_form_data())
