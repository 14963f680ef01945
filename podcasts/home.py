"""The latest episode on the home page (``media_pages.home_highlights``), with its player."""

from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page

from media_pages.home_highlights import HOME_HIGHLIGHTS_HOOK, HomeHighlight
from podcasts.models import PodcastEpisodePage


@hooks.register(HOME_HIGHLIGHTS_HOOK)
def latest_episode(request: HttpRequest | None, home: Page) -> HomeHighlight | None:
    """The newest published episode that has a sound (two queries)."""
    episode = (
        PodcastEpisodePage.published()
        .descendant_of(home)
        .filter(audio__isnull=False)
        .select_related("audio")
        .first()
    )
    if episode is None:
        return None
    episode.show_title = episode.get_parent().title
    return HomeHighlight(10, "podcasts/home/latest_episode.html", episode)
