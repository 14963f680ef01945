from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed

FEED_ITEMS = 50


def archive_feed(archive, request: HttpRequest) -> HttpResponse:
    """RSS 2.0 of the archive: the latest issues, newest first."""
    site_url = archive.get_site().root_url
    feed = Rss201rev2Feed(
        title=archive.title,
        link=archive.full_url,
        description=archive.get_summary() or archive.title,
        language="fr",
        feed_url=archive.full_url + archive.reverse_subpage("feed"),
    )
    for issue in archive.issues()[:FEED_ITEMS]:
        feed.add_item(
            title=issue.title,
            link=issue.full_url or site_url + issue.url,
            description=issue.get_summary(),
            pubdate=issue.first_published_at,
            unique_id=issue.full_url,
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
