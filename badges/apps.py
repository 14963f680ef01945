from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    name = "badges"
    verbose_name = _("Open Badges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Django's place for connecting signals, once every app is loaded.
        from badges import triggers

        triggers.connect()
