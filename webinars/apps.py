from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = _("Sessions")

    def ready(self) -> None:
        # Django's documented place to connect signals: the models are loaded by now.
        from webinars import signals

        signals.connect()
        from media_pages.content_cache import invalidate_on_change  # after model loading
        from webinars.models import Registration  # models are loaded only now

        # A session page shows the places left.
        invalidate_on_change(Registration)
