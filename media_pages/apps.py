from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaPagesConfig(AppConfig):
    name = "media_pages"
    verbose_name = _("Pages and media")

    def ready(self) -> None:
        # Django's documented place to connect signals: the models are loaded by now.
        from media_pages import signals

        signals.connect()
