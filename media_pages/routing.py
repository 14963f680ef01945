"""Routable sub-pages named like files (``feed.xml``, ``calendar.ics``, ``chapters.json``).

Wagtail serves only paths that end with "/" and hands routable pages ``"/feed.xml/"``; the
URL pattern in ``config/urls.py`` (``FILE_ROUTE_PATTERN``) lets such paths reach Wagtail, and
this mixin resolves them without the trailing slash. Put it before ``RoutablePageMixin``.
"""

from django.urls import Resolver404

FILE_ROUTE_PATTERN = r"^((?:[\w\-]+/)*[\w\-]+\.(?:xml|ics|json))$"


class FileRoutesMixin:
    def resolve_subpage(self, path: str):
        try:
            return super().resolve_subpage(path)
        except Resolver404:
            last = path.rstrip("/").rsplit("/", 1)[-1]
            if path.endswith("/") and "." in last:
                return super().resolve_subpage(path[:-1])
            raise
