"""Which site and which page a request is for, without a query once the content is known.

Wagtail finds the site (one query), the site's root paths (one cache lookup) and walks the page
tree (two queries per level: the child, then its specific type) on every request. All three
depend on content alone, so each process keeps them under the content token
(``media_pages.content_cache.memoized``): the first request after a change walks the tree, the
next ones get a fresh copy of the page found. A sub-route of a routable page (``feed.xml``, a
person's page) is resolved again on every request, which needs no query.
"""

import pickle

from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.urls import re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from media_pages.content_cache import memoized


def _find_site(request: HttpRequest) -> bytes:
    site = Site._find_for_request(request)
    if site is not None:
        _root = site.root_page  # loaded with it: menus and breadcrumbs start from the root
    return pickle.dumps(site)


def _site_root_paths() -> tuple:
    return tuple(Site.get_site_root_paths())


class CurrentSiteMiddleware:
    """Sets what ``Site.find_for_request`` and page URLs read, from this process's memory."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        hostname = split_domain_port(request._get_raw_host())[0]
        key = f"site:{hostname}:{request.get_port()}"
        # A copy per request: code may cache related objects on the instance.
        request._wagtail_site = pickle.loads(memoized(request, key, lambda: _find_site(request)))
        request._wagtail_cached_site_root_paths = list(
            memoized(request, "site-root-paths", _site_root_paths)
        )
        return self.get_response(request)


def _walk_tree(request: HttpRequest, site: Site, components: list[str]) -> tuple | None:
    """Wagtail's own routing: the page found, pickled, and how many components it consumed."""
    try:
        page = site.root_page.localized.specific.route(request, components).page
    except Http404:
        return None
    depth_below_root = page.depth - site.root_page.depth
    return pickle.dumps(page), depth_below_root


def route_for_request(request: HttpRequest, path: str):
    """Wagtail's ``Page.route_for_request``, the tree walk kept until the content changes."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    found = memoized(
        request,
        f"route:{site.pk}:{path}",
        lambda: _walk_tree(request, site, components),
    )
    if found is None:
        return None
    page_bytes, depth_below_root = found
    page: Page = pickle.loads(page_bytes)
    try:
        return page.route(request, components[depth_below_root:])
    except Http404:
        return None


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, given the route from memory."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    return wagtail_views.serve(request, path)


def wagtail_urlpatterns() -> list:
    """Wagtail's front-end patterns, in their order (password and login forms first), with
    ``serve`` in place of Wagtail's page view under the same name."""
    return [
        re_path(pattern.pattern.regex.pattern, serve, name=pattern.name)
        if pattern.name == "wagtail_serve"
        else pattern
        for pattern in wagtail_urls.urlpatterns
    ]
