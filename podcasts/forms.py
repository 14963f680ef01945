"""The episode editor's form: the audio and the transcript are uploaded right on the page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from media_pages.transcripts import parse_transcript
from podcasts.models.audio import EpisodeAudio


class EpisodeForm(WagtailAdminPageForm):
    audio_upload = forms.FileField(
        label=_("Upload the audio"),
        required=False,
        help_text=_("MP3, M4A (AAC), Ogg Vorbis or Opus. Duration and size are read from it."),
    )
    transcript_upload = forms.FileField(
        label=_("Upload a transcript file"),
        required=False,
        help_text=_("A WebVTT (.vtt) or SubRip (.srt) file; it replaces the text below."),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("audio_upload")
        if upload:
            self.store_audio(upload, cleaned)
        transcript = cleaned.get("transcript_upload")
        if transcript:
            content = transcript.read()
            try:
                parse_transcript(content, transcript.name)
            except ValidationError as error:
                self.add_error("transcript_upload", error)
            else:
                cleaned["transcript"] = content.decode("utf-8-sig")
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
