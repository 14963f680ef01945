from django import template
from django.http import HttpRequest

from media_pages.models import TagIndexPage

register = template.Library()


def tag_index(request: HttpRequest | None) -> TagIndexPage | None:
    if request is not None and hasattr(request, "_collectif_tag_index"):
        return request._collectif_tag_index
    index = TagIndexPage.objects.live().public().order_by("path").first()
    if request is not None:
        request._collectif_tag_index = index
    return index


@register.simple_tag(takes_context=True)
def tag_url(context, tag) -> str:
    """The tag page listing every content with ``tag``; empty when the site has none."""
    request = context.get("request")
    index = tag_index(request)
    if index is None:
        return ""
    return index.get_url(request) + index.reverse_subpage("tag", args=[tag.slug])
