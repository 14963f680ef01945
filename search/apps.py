from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "collectif_search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from .profiles import index_roles  # models are loaded only once the apps are ready

        # Sent only for apps with models, which this one lacks: listen for the roles' own app.
        post_migrate.connect(index_roles, sender=apps.get_app_config("community"))
