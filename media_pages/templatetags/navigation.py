from django import template
from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page, Site

from media_pages.content_cache import cached_for_content
from media_pages.feeds import SITE_FEEDS_HOOK
from media_pages.visibility import visible_pages

register = template.Library()


def _site_root(request: HttpRequest) -> Page | None:
    if not hasattr(request, "_collectif_site_root"):
        site = Site.find_for_request(request)
        request._collectif_site_root = site.root_page if site else None
    return request._collectif_site_root


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[Page]:
    """The site root's children that editors put in menus (one query per request)."""
    request = context.get("request")
    if request is None:
        return []
    if not hasattr(request, "_collectif_menu"):
        root = _site_root(request)
        request._collectif_menu = (
            cached_for_content(
                request,
                f"menu:{root.pk}",
                lambda: list(visible_pages(root.get_children()).in_menu()),
            )
            if root
            else []
        )
    return request._collectif_menu


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page: Page) -> list[Page]:
    """Ancestors from the site root (included) down to the page's parent."""
    request = context.get("request")
    root = _site_root(request) if request else None
    if root is None or page.depth <= root.depth:
        return []
    return list(page.get_ancestors().filter(depth__gte=root.depth))


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    request = context.get("request")
    root = _site_root(request) if request else None
    return root.get_url(request) if root else "/"


@register.filter
def is_within(page: Page, section: Page) -> bool:
    """True when ``page`` is ``section`` or one of its descendants (by tree path)."""
    return bool(page and section) and page.path.startswith(section.path)


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def site_feed_links(context) -> dict:
    """``<link rel="alternate">`` for every feed the families declare (``media_pages.feeds``)."""
    request = context.get("request")
    feeds = getattr(request, "_collectif_feeds", None)
    if feeds is None:

        def declared() -> list:
            return [
                feed for declare in hooks.get_hooks(SITE_FEEDS_HOOK) for feed in declare(request)
            ]

        if request is None:
            feeds = declared()
        else:
            # Absolute addresses: one copy per host.
            host = f"{request.scheme}://{request.get_host()}"
            feeds = cached_for_content(request, f"feeds:{host}", declared)
            request._collectif_feeds = feeds
    return {"feeds": feeds}
