from django import template
from django.http import HttpRequest

register = template.Library()

# Page models whose live instances serve a feed at the route named "feed"; every public page
# links them with <link rel="alternate">. A new feed adds (model label, MIME type) here.
SITE_FEEDS: list[tuple[str, str]] = [
    ("media_pages.EditorialIndexPage", "application/rss+xml"),
]


def tag_index(request: HttpRequest | None):
    from media_pages.models import TagIndexPage

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


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def site_feed_links(context) -> dict:
    """``<link rel="alternate">`` for each feed of the site (one query per feed type)."""
    from django.apps import apps

    request = context.get("request")
    feeds = getattr(request, "_collectif_feeds", None)
    if feeds is None:
        feeds = []
        for label, mime_type in SITE_FEEDS:
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            for page in model.objects.live().public().order_by("path"):
                url = page.get_url(request) + page.reverse_subpage("feed")
                feeds.append({"title": page.title, "url": url, "type": mime_type})
        if request is not None:
            request._collectif_feeds = feeds
    return {"feeds": feeds}
