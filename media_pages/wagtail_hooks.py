from django.http import HttpRequest
from wagtail import hooks

from media_pages.feeds import SITE_FEEDS_HOOK, SiteFeed, site_feed
from media_pages.models import EditorialIndexPage


@hooks.register(SITE_FEEDS_HOOK)
def editorial_feeds(request: HttpRequest | None) -> list[SiteFeed]:
    return [
        site_feed(index.title, index.get_url(request) + index.reverse_subpage("feed"))
        for index in EditorialIndexPage.objects.live().public().order_by("path")
    ]
