from django import template
from django.http import HttpRequest
from wagtail.models import Page, Site

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
            list(root.get_children().live().public().in_menu()) if root else []
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
