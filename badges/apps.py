from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    name = "badges"
    verbose_name = _("Open Badges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Django's place for connecting signals, once every app is loaded.
        from badges import triggers
        from badges.models import Award, BadgeClass  # models are loaded only now
        from media_pages.content_cache import invalidate_on_change  # after model loading

        triggers.connect()
        # Badge pages, assertions and baked images are public pages of the page cache: a
        # revocation or a new criterion shows at once.
        invalidate_on_change(BadgeClass, Award)
