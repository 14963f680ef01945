from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from media_pages.feeds import SITE_FEEDS_HOOK, SiteFeed, site_feed
from media_pages.serving import MEDIA_ACCESS_HOOK, access_as_its_pages
from media_pages.visibility import visible_pages
from podcasts import home  # noqa: F401 - registers its home page block
from podcasts.models import EpisodeAudio, PodcastEpisodePage, PodcastShowPage

# Every page carries these links: a site with many shows links its first ones only.
LINKED_SHOWS = 20


class EpisodeAudioViewSet(SnippetViewSet):
    """The uploaded episode sounds, with what was read from them (editors rarely come here)."""

    model = EpisodeAudio
    icon = "media"
    menu_label = _("Episode audio")
    list_display = ["title", "human_duration", "human_size", "mime_type", "created_at"]
    search_fields = ["title"]
    panels = [FieldPanel("title"), FieldPanel("file")]


register_snippet(EpisodeAudioViewSet)


@hooks.register(SITE_FEEDS_HOOK)
def podcast_feeds(request: HttpRequest | None) -> list[SiteFeed]:
    """Every live public show that has not moved its feed elsewhere (one query)."""
    shows = (
        visible_pages(PodcastShowPage.objects.all())
        .filter(new_feed_url="")
        .only("pk", "title", "url_path", "path", "depth")
        .order_by("path")[:LINKED_SHOWS]
    )
    return [site_feed(show.title, show.feed_url(request)) for show in shows]


@hooks.register(MEDIA_ACCESS_HOOK)
def episode_audio_as_its_episode(request: HttpRequest, path: str):
    """An episode's audio is served to whoever may see the episode (and to editors, to preview)."""
    if not path.startswith("podcasts/"):
        return None
    return access_as_its_pages(request, PodcastEpisodePage.objects.filter(audio__file=path))
