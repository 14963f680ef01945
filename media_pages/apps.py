from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MediaPagesConfig(AppConfig):
    name = "media_pages"
    verbose_name = _("Pages and media")

    def ready(self) -> None:
        # Django's documented place to connect signals: the models are loaded by now.
        from media_pages import content_cache, public_address, signals  # models are loaded only now

        signals.connect()
        content_cache.connect()
        # `migrate` alone prepares a database: the database cache's table comes with it.
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="create_cache_table")
        post_migrate.connect(public_address.sync_after_migrate, sender=self)


def create_cache_table(sender, using: str = "default", verbosity: int = 1, **kwargs) -> None:
    from django.core.management import call_command  # commands load the app registry

    call_command("createcachetable", database=using, verbosity=max(0, verbosity - 1))
