"""The site's feeds, declared by the families that serve them, linked from every page.

Every public page carries ``<link rel="alternate">`` for each feed of the site. A family
declares its feeds with a Wagtail hook, so the shared layout needs to know no page type::

    @hooks.register(SITE_FEEDS_HOOK)
    def podcast_feeds(request):
        return [site_feed(show.title, show.feed_url(request)) for show in ...]

Each hook runs once per request and should cost at most one query.
"""

from typing import TypedDict

SITE_FEEDS_HOOK = "register_site_feeds"
RSS = "application/rss+xml"


class SiteFeed(TypedDict):
    title: str
    url: str
    type: str


def site_feed(title: str, url: str, mime_type: str = RSS) -> SiteFeed:
    return {"title": title, "url": url, "type": mime_type}
