"""The latest letter on the home page (``media_pages.home_highlights``)."""

from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page

from media_pages.home_highlights import HOME_HIGHLIGHTS_HOOK, HomeHighlight
from media_pages.visibility import visible_pages
from newsletter.models import NewsletterPage


@hooks.register(HOME_HIGHLIGHTS_HOOK)
def latest_letter(request: HttpRequest | None, home: Page) -> HomeHighlight | None:
    letter = (
        visible_pages(NewsletterPage.objects.descendant_of(home))
        .order_by("-first_published_at", "-pk")
        .first()
    )
    return HomeHighlight(40, "newsletter/home/latest_letter.html", letter) if letter else None
