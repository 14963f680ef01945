"""Routable sub-pages with a file name (``feed.xml``, ``chapters.json``, ``transcript.vtt``...).

Wagtail's page URL pattern only accepts slugs ending with a slash, and RoutablePageMixin
appends one before resolving; feeds and sidecar files keep their real names instead.
"""

from django.http import Http404, HttpRequest
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.url_routing import RouteResult

FILE_SUFFIXES = ("xml", "json", "vtt", "srt", "ics")


class FileRoutesMixin(RoutablePageMixin):
    """Resolve a last path component such as ``feed.xml`` without the trailing slash."""

    def route(self, request: HttpRequest, path_components: list[str]):
        if self.live and len(path_components) == 1 and "." in path_components[0]:
            try:
                match = self.resolve_subpage("/" + path_components[0])
            except Http404:
                pass
            else:
                request.routable_resolver_match = match
                return RouteResult(self, args=(match.func, match.args, match.kwargs))
        return super().route(request, path_components)


def page_file_urlpatterns() -> list:
    """Send ``<page path>/<name>.<xml|json|vtt|srt>`` to Wagtail's page serving."""
    from django.urls import re_path
    from wagtail import views as wagtail_views

    suffixes = "|".join(FILE_SUFFIXES)
    return [re_path(rf"^((?:[\w\-]+/)+[\w\-]+\.(?:{suffixes}))$", wagtail_views.serve)]
