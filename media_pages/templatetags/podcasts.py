from django import template
from django.http import HttpRequest

from media_pages.transcripts import timestamp as format_timestamp

register = template.Library()


@register.simple_tag(takes_context=True)
def podcast_feeds(context) -> list[tuple[str, str]]:
    """(title, feed URL) of every live public show, for ``<link rel="alternate">`` (one query)."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return []
    if not hasattr(request, "_collectif_podcast_feeds"):
        from media_pages.models import PodcastShowPage

        shows = (
            PodcastShowPage.objects.live()
            .public()
            .filter(new_feed_url="")
            .only("pk", "title", "url_path", "path", "depth")
            .order_by("path")[:20]
        )
        request._collectif_podcast_feeds = [(show.title, show.feed_url(request)) for show in shows]
    return request._collectif_podcast_feeds


@register.filter
def seconds(value: float | int | None) -> int:
    """Whole seconds, for ``#t=`` links and ``data-seek``."""
    return int(value or 0)


@register.filter
def timestamp(value: float | int | None) -> str:
    """``1:02`` or ``1:02:03``, as people read times."""
    return format_timestamp(float(value or 0))
