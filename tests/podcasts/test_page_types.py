"""Podcast page rules, creation in the admin (with the audio upload), rendering and preview."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from media_pages.models import HomePage
from podcasts.models import EpisodeAudio, PodcastEpisodePage, PodcastIndexPage, PodcastShowPage
from tests.factories import (
    AUDIO_DIR,
    ArtworkFactory,
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
    make_site_with_home,
)


def audio_upload(name: str = "tone.mp3", content: bytes | None = None) -> SimpleUploadedFile:
    data = (AUDIO_DIR / name).read_bytes() if content is None else content
    return SimpleUploadedFile(name, data, content_type="audio/mpeg")


def episode_form(**fields) -> dict:
    data = {
        "credits": inline_formset([]),
        "chapters": inline_formset([]),
        "title": "Évaluer autrement",
        "slug": "evaluer-autrement",
        "show_notes": rich_text("<p>Notes</p>"),
        "episode_type": "full",
        "transcript": "",
    }
    data.update(fields)
    return nested_form_data(data)


class PodcastPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_with_home()
        cls.section = PodcastIndexPageFactory(parent=cls.home)
        cls.show = PodcastShowPageFactory(parent=cls.section)
        cls.episode = PodcastEpisodePageFactory(parent=cls.show, episode_number=1)
        cls.admin = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_page_rules_go_both_ways(self):
        self.assertAllowedParentPageTypes(PodcastIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PodcastIndexPage, {PodcastShowPage})
        self.assertAllowedParentPageTypes(PodcastShowPage, {PodcastIndexPage})
        self.assertAllowedSubpageTypes(PodcastShowPage, {PodcastEpisodePage})
        self.assertAllowedParentPageTypes(PodcastEpisodePage, {PodcastShowPage})
        self.assertAllowedSubpageTypes(PodcastEpisodePage, set())
        self.assertIn(PodcastIndexPage, HomePage.allowed_subpage_models())
        self.assertNotIn(PodcastShowPage, HomePage.allowed_subpage_models())

    def test_editor_creates_a_section_and_a_show(self):
        self.assertCanCreate(
            self.home,
            PodcastIndexPage,
            nested_form_data(
                {"credits": inline_formset([]), "title": "Balados", "slug": "balados"}
            ),
        )
        self.assertCanCreate(
            self.section,
            PodcastShowPage,
            nested_form_data(
                {
                    "credits": inline_formset([]),
                    "title": "Deuxième émission",
                    "slug": "deuxieme",
                    "description": "Une autre émission.",
                    "cover": ArtworkFactory().pk,
                    "language": "fr",
                    "apple_category": "Education",
                    "apple_subcategory": "How To",
                    "author": "Collectif",
                    "owner_name": "Staff",
                    "owner_email": "staff@example.org",
                    "show_type": "serial",
                    "feed_locked": "on",
                }
            ),
        )
        show = PodcastShowPage.objects.get(slug="deuxieme")
        assert show.podcast_guid is not None

    def test_editor_creates_an_episode_by_uploading_its_audio(self):
        self.assertCanCreate(
            self.show, PodcastEpisodePage, episode_form(audio_upload=audio_upload("tone.m4a"))
        )
        episode = PodcastEpisodePage.objects.get(slug="evaluer-autrement")
        assert episode.audio.mime_type == "audio/x-m4a"
        assert abs(episode.audio.duration - 3) < 1 and episode.audio.size > 10_000
        assert episode.audio.file.name.endswith(".m4a")

    def test_each_page_type_renders_and_previews(self):
        for page in (self.section, self.show, self.episode):
            with self.subTest(page=page.title):
                self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(
            self.section,
            post_data=nested_form_data({"credits": inline_formset([]), "title": "P", "slug": "p"}),
        )
        self.assertPageIsPreviewable(
            self.episode,
            post_data=episode_form(audio=self.episode.audio_id, slug=self.episode.slug),
        )

    def edit(self, page, data):
        return self.client.post(f"/admin/pages/{page.pk}/edit/", data)

    def test_bad_uploads_are_refused_in_french_and_nothing_saved_is_lost(self):
        before = (self.episode.audio_id, self.episode.guid, self.episode.title)
        cases = {
            "texte.mp3": b"Un compte rendu, pas un son.\n" * 40,
            "vide.mp3": b"",
            "coupe.mp3": (AUDIO_DIR / "tone.mp3").read_bytes()[:5000],
        }
        messages = {
            "texte.mp3": "n’est pas un fichier audio",
            "vide.mp3": "",
            "coupe.mp3": "incomplet",
        }
        for name, content in cases.items():
            with self.subTest(upload=name), translation.override("fr"):
                data = episode_form(
                    title="Titre modifié",
                    slug=self.episode.slug,
                    audio=self.episode.audio_id,
                    audio_upload=audio_upload(name, content),
                )
                response = self.edit(self.episode, data)
                assert response.status_code == 200
                errors = response.context["form"].errors
                assert "audio_upload" in errors, errors
                assert messages[name] in " ".join(errors["audio_upload"])
                self.episode.refresh_from_db()
                assert (self.episode.audio_id, self.episode.guid, self.episode.title) == before
        assert EpisodeAudio.objects.count() == 1

    def test_an_oversized_upload_is_refused_with_the_limit(self):
        with self.settings(PODCAST_AUDIO_MAX_BYTES=5_000), translation.override("fr"):
            response = self.edit(
                self.episode,
                episode_form(slug=self.episode.slug, audio=self.episode.audio_id,
                             audio_upload=audio_upload()),
            )  # fmt: skip
        assert "trop volumineux" in " ".join(response.context["form"].errors["audio_upload"])

    def test_replacing_the_audio_keeps_the_guid(self):
        guid = self.episode.guid
        response = self.edit(
            self.episode,
            episode_form(slug=self.episode.slug, audio=self.episode.audio_id,
                         audio_upload=audio_upload("tone.opus"), **{"action-publish": "publish"}),
        )  # fmt: skip
        assert response.status_code == 302, response.context["form"].errors
        self.episode.refresh_from_db()
        assert self.episode.audio.extension == "opus"
        assert self.episode.guid == guid

    def test_an_invalid_transcript_and_a_taken_episode_number_are_refused(self):
        response = self.client.post(
            f"/admin/pages/add/podcasts/podcastepisodepage/{self.show.pk}/",
            episode_form(audio=self.episode.audio_id, transcript="pas des sous-titres",
                         episode_number=1),
        )  # fmt: skip
        errors = response.context["form"].errors
        assert "transcript" in errors and "episode_number" in errors

    def test_cover_art_that_apps_refuse_is_explained(self):
        small = ArtworkFactory(file__width=800, file__height=600, file__filename="petit.png")
        with translation.override("fr"):
            response = self.edit(
                self.show,
                nested_form_data({
                    "credits": inline_formset([]), "title": self.show.title, "slug": self.show.slug,
                    "description": "d", "cover": small.pk, "language": "fr",
                    "apple_category": "Education", "author": "a", "owner_name": "o",
                    "owner_email": "o@example.org", "show_type": "episodic",
                }),
            )  # fmt: skip
        message = " ".join(response.context["form"].errors["cover"])
        assert "carrée" in message and "1400" in message
