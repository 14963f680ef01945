from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page

from media_pages.feeds import SITE_FEEDS_HOOK, SiteFeed, site_feed
from media_pages.home_highlights import HOME_HIGHLIGHTS_HOOK, HomeHighlight
from media_pages.models import EditorialIndexPage, EditorialPage


@hooks.register(SITE_FEEDS_HOOK)
def editorial_feeds(request: HttpRequest | None) -> list[SiteFeed]:
    return [
        site_feed(index.title, index.get_url(request) + index.reverse_subpage("feed"))
        for index in EditorialIndexPage.objects.live().public().order_by("path")
    ]


@hooks.register(HOME_HIGHLIGHTS_HOOK)
def latest_editorial(request: HttpRequest | None, home: Page) -> HomeHighlight | None:
    editorial = (
        EditorialPage.objects.descendant_of(home)
        .live()
        .public()
        .order_by("-first_published_at", "-pk")
        .first()
    )
    if editorial is None:
        return None
    return HomeHighlight(30, "media_pages/home/latest_editorial.html", editorial)
