import atexit

from django.apps import AppConfig, apps
from django.core.signals import request_finished
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_tasks.signals import task_finished


class SearchConfig(AppConfig):
    name = "search"
    label = "collectif_search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from wagtail.contrib.search_promotions.models import SearchPromotion  # models load now

        from media_pages.content_cache import invalidate_on_change  # after model loading

        from .hit_log import hit_log  # imports models, loaded only now
        from .index_changes import index_task_finished  # imports models, loaded only now
        from .profiles import index_roles  # models are loaded only once the apps are ready

        # Sent only for apps with models, which this one lacks: listen for the roles' own app.
        post_migrate.connect(index_roles, sender=apps.get_app_config("community"))
        request_finished.connect(hit_log.flush_if_due, dispatch_uid="search-hit-log")
        # A web process that stops writes the searches it counted since its last write.
        atexit.register(hit_log.flush)
        task_finished.connect(index_task_finished, dispatch_uid="search-index-changed")
        invalidate_on_change(SearchPromotion)
