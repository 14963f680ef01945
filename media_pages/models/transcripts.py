from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class TranscriptCue(index.Indexed, models.Model):
    """One timed passage of a recording's transcript, indexed so search can link to the moment.

    Rows are derived from the published transcript by ``media_pages.transcripts.replace_cues``;
    never edit them by hand.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="transcript_cues"
    )
    start = models.FloatField(_("start (seconds)"))
    end = models.FloatField(_("end (seconds)"))
    text = models.TextField(_("text"))

    search_fields = [index.SearchField("text"), index.FilterField("page")]

    class Meta:
        ordering = ["page", "start"]
        indexes = [models.Index(fields=["page", "start"])]
        verbose_name = _("transcript cue")
        verbose_name_plural = _("transcript cues")

    def __str__(self) -> str:
        return f"{self.page_id}@{self.start:.0f}s"

    @property
    def start_seconds(self) -> int:
        """Whole seconds, for ``#t=`` links."""
        return int(self.start)
