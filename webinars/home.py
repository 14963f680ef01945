"""The next sessions on the home page (``media_pages.home_highlights``), with how to register."""

from django.http import HttpRequest
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page

from media_pages.home_highlights import HOME_HIGHLIGHTS_HOOK, HomeHighlight
from media_pages.visibility import visible_pages
from webinars.models import WebinarPage

NEXT_SESSIONS = 3


@hooks.register(HOME_HIGHLIGHTS_HOOK)
def next_sessions(request: HttpRequest | None, home: Page) -> HomeHighlight | None:
    """The sessions not yet over, soonest first (one query)."""
    now = timezone.now()
    sessions = list(
        visible_pages(WebinarPage.objects.descendant_of(home))
        .filter(end__gte=now)
        .order_by("start", "pk")[:NEXT_SESSIONS]
    )
    for session in sessions:
        session.registration_open_now = session.registration_is_open(now)
    return HomeHighlight(20, "webinars/home/next_sessions.html", sessions) if sessions else None
