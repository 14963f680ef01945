"""URL patterns that reach pages by a file name (see ``media_pages.routing``)."""

from django.urls import re_path
from wagtail import views as wagtail_views

from media_pages.routing import FILE_SUFFIXES


def page_file_urlpatterns() -> list:
    """Send ``<page path>/<name>.<xml|json|vtt|srt|ics>`` to Wagtail's page serving."""
    suffixes = "|".join(FILE_SUFFIXES)
    return [re_path(rf"^((?:[\w\-]+/)+[\w\-]+\.(?:{suffixes}))$", wagtail_views.serve)]
