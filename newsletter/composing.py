"""What a new issue starts with: the content published since the previous issue."""

from datetime import datetime, timedelta

from django.utils import timezone
from wagtail.models import Page

RECENT_LIMIT = 12
FIRST_ISSUE_LOOKBACK = timedelta(days=60)


def last_issue_date(archive: Page) -> datetime:
    """When the previous issue went out (or was published); 60 days ago for the first one."""
    from newsletter.models import NewsletterPage, NewsletterSend

    previous = NewsletterPage.objects.child_of(archive).live().order_by("-first_published_at")
    latest = previous.values_list("first_published_at", flat=True).first()
    sent = (
        NewsletterSend.objects.filter(issue__in=previous)
        .order_by("-requested_at")
        .values_list("requested_at", flat=True)
        .first()
    )
    dates = [date for date in (latest, sent) if date]
    return max(dates) if dates else timezone.now() - FIRST_ISSUE_LOOKBACK


def pages_published_since_last_issue(archive: Page) -> list[Page]:
    from media_pages.models import HomePage, SitemapPage
    from newsletter.models import NewsletterIndexPage, NewsletterPage

    return list(
        Page.objects.live()
        .public()
        .filter(first_published_at__gt=last_issue_date(archive))
        .not_type(NewsletterPage, NewsletterIndexPage, HomePage, SitemapPage)
        .order_by("-first_published_at")[:RECENT_LIMIT]
    )


def initial_body(archive: Page) -> list[dict]:
    """Raw StreamField data: one "published since" block listing the new pages, if any."""
    pages = pages_published_since_last_issue(archive)
    if not pages:
        return []
    return [{"type": "recent", "value": {"pages": [page.pk for page in pages]}}]
