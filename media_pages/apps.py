from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MediaPagesConfig(AppConfig):
    name = "media_pages"
    verbose_name = _("Pages and media")

    def ready(self) -> None:
        # Django's documented place to connect signals: the models are loaded by now.
        from media_pages import public_address, signals

        signals.connect()
        post_migrate.connect(public_address.sync_after_migrate, sender=self)
