from django import template
from django.http import HttpRequest

from media_pages.models import TagIndexPage
from media_pages.sections import section_page

register = template.Library()


def tag_index(request: HttpRequest | None) -> TagIndexPage | None:
    return section_page(request, TagIndexPage)


@register.simple_tag(takes_context=True)
def tag_url(context, tag) -> str:
    """The tag page listing every content with ``tag``; empty when the site has none."""
    request = context.get("request")
    index = tag_index(request)
    if index is None:
        return ""
    return index.get_url(request) + index.reverse_subpage("tag", args=[tag.slug])
