from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EpisodeAudio


class EpisodeAudioViewSet(SnippetViewSet):
    """The uploaded episode sounds, with what was read from them (editors rarely come here)."""

    model = EpisodeAudio
    icon = "media"
    menu_label = _("Episode audio")
    list_display = ["title", "human_duration", "human_size", "mime_type", "created_at"]
    search_fields = ["title"]
    panels = [FieldPanel("title"), FieldPanel("file")]


register_snippet(EpisodeAudioViewSet)
