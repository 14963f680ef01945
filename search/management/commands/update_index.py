from modelsearch.management.commands.rebuild_modelsearch_index import Command as Rebuild

from media_pages.content_cache import content_changed


class Command(Rebuild):
    """Wagtail's ``update_index``; then search results kept from the old index are dropped."""

    def handle(self, **options):
        super().handle(**options)
        content_changed()
