"""URL patterns that reach pages by a file name (see ``media_pages.routing``)."""

from django.urls import re_path

from media_pages.page_routing import serve
from media_pages.routing import FILE_SUFFIXES


def page_file_urlpatterns() -> list:
    """Send ``<page path>/<name>.<xml|json|vtt|srt|ics>`` to Wagtail's page serving."""
    suffixes = "|".join(FILE_SUFFIXES)
    return [re_path(rf"^((?:[\w\-]+/)+[\w\-]+\.(?:{suffixes}))$", serve)]
