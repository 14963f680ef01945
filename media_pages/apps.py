from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaPagesConfig(AppConfig):
    name = "media_pages"
    verbose_name = _("Pages and media")

    def ready(self) -> None:
        from . import signals

        signals.connect()
