from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    name = "podcasts"
    verbose_name = _("Podcasts")

    def ready(self) -> None:
        from media_pages.content_cache import invalidate_on_change  # after model loading
        from podcasts.models import EpisodeAudio  # models are loaded only now

        # An episode's audio (size, duration, file) is in its page and in the feed.
        invalidate_on_change(EpisodeAudio)
