"""Routable sub-pages with a file name (``feed.xml``, ``chapters.json``, ``transcript.vtt``...).

Wagtail's page URL pattern only accepts slugs ending with a slash, and RoutablePageMixin
appends one before resolving; feeds and sidecar files keep their real names instead.

The site's one convention: a page's feed is ``feed.xml``, its calendar ``calendar.ics``, its
captions ``transcript.vtt``. An address that changed answers with ``permanent_redirect``.
"""

from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
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


def permanent_redirect(
    page: RoutablePageMixin, request: HttpRequest, route_name: str
) -> HttpResponsePermanentRedirect:
    """To the page's route ``route_name``, query string kept: for a route that was renamed."""
    url = page.get_url(request) + page.reverse_subpage(route_name)
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
