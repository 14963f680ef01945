"""The one way editors attach a transcript to a recording (session or podcast episode).

The page form gets a file field next to the page's ``transcript`` text: an uploaded WebVTT or
SRT file is checked cue by cue (``parse_transcript``) and, when it is sound, its text replaces
the stored transcript. A refused file leaves the rest of the form and the stored text intact.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from media_pages.transcripts import parse_transcript

ACCEPTED_TYPES = ".vtt,.srt,text/vtt,application/x-subrip"


class TranscriptUploadMixin(forms.Form):
    transcript_upload = forms.FileField(
        label=_("Upload a transcript file"),
        required=False,
        help_text=_("A WebVTT (.vtt) or SubRip (.srt) file; it replaces the text below."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_TYPES}),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("transcript_upload")
        if upload:
            content = upload.read()
            try:
                parse_transcript(content, upload.name)
            except ValidationError as error:
                self.add_error("transcript_upload", error)
            else:
                cleaned["transcript"] = content.decode("utf-8-sig")
        return cleaned
