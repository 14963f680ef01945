"""The episode editor's form: the audio and the transcript are uploaded right on the page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.snippets.widgets import AdminSnippetChooser

from media_pages.transcript_upload import TranscriptUploadMixin
from podcasts.models.audio import EpisodeAudio


class AudioChooser(AdminSnippetChooser):
    """Wagtail builds "Choose <verbose name>", which French cannot say without an article."""

    def __init__(self, model=None, **kwargs):
        super().__init__(model or EpisodeAudio, **kwargs)
        self.choose_one_text = _("Choose an uploaded audio file")
        self.choose_another_text = _("Choose another audio file")
        self.link_to_chosen_text = _("Edit this audio file")


class EpisodeForm(TranscriptUploadMixin, WagtailAdminPageForm):
    audio_upload = forms.FileField(
        label=_("Upload the audio"),
        required=False,
        help_text=_("MP3, M4A (AAC), Ogg Vorbis or Opus. Duration and size are read from it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and self.parent_page is not None:
            previous = self.instance.latest_season_in(self.parent_page)
            if previous is not None and self.initial.get("season_number") is None:
                self.initial["season_number"] = previous

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("audio_upload")
        if upload:
            self.store_audio(upload, cleaned)
        if not self.instance.path and self.instance.number_taken_in(
            self.parent_page, cleaned.get("season_number"), cleaned.get("episode_number")
        ):
            self.add_error("episode_number", _("Another episode of this season has this number."))
        return cleaned

    def store_audio(self, upload, cleaned: dict) -> None:
        """Check the upload and keep it at once, so a later error elsewhere does not lose it.

        The same file uploaded twice (or sent again by a preview) reuses the first row.
        """
        audio = EpisodeAudio(file=upload, title=cleaned.get("title") or "")
        try:
            audio.read_facts()
        except ValidationError as error:
            self.add_error("audio_upload", error)
            return
        existing = EpisodeAudio.objects.filter(sha256=audio.sha256).first()
        if existing is None:
            audio.save()
        cleaned["audio"] = existing or audio
