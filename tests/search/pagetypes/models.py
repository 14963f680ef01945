from django.db import models
from django.utils import timezone
from wagtail.search import index

from media_pages.models import BasePage


class RecordingTestPage(BasePage):
    """Like a future webinar or episode: a video with its own date, hidden until that date."""

    recorded_on = models.DateField()
    summary = models.TextField(blank=True)

    search_format = "video"
    search_date_field = "recorded_on"
    search_fields = [*BasePage.search_fields, index.SearchField("summary")]

    parent_page_types = ["media_pages.HomePage", "media_pages.StandardPage"]
    subpage_types: list[str] = []

    @classmethod
    def search_visible(cls, pages):
        return pages.filter(recorded_on__lte=timezone.localdate())

    def search_text(self) -> str:
        return f"{self.intro} {self.summary}"
