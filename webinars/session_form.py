"""The session editor's form: the transcript file is uploaded right on the page, as episodes do."""

from wagtail.admin.forms import WagtailAdminPageForm

from media_pages.transcript_upload import TranscriptUploadMixin


class SessionForm(TranscriptUploadMixin, WagtailAdminPageForm):
    pass
