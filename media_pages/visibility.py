"""The one rule of what the public may see, for every channel of the site.

A page is shown (served at its address, listed, searched, suggested, put in a feed, a calendar,
a sitemap, a newsletter card, its files served) only when it is live, public (no view
restriction on it or an ancestor), already published (first publication and go-live moment in
the past) and not expired. Pages imported or edited from the shell can carry a future
``first_published_at`` while live, and ``expire_at`` only takes effect when
``publish_scheduled`` runs, so ``live`` alone is not enough.

Page serving applies the timing part itself (``is_published_now``); view restrictions there are
Wagtail's own password or login form, so a visitor who passes them sees the page.

Which subtrees are restricted is read once per content token (any change to a restriction
replaces it, ``media_pages.content_cache``), not once per listing as Wagtail's ``public()`` does.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from media_pages.content_cache import memoized


def published_now_filter(now=None) -> Q:
    """First published and gone live in the past, not expired (as a ``Q`` on a page model)."""
    now = now or timezone.now()
    return (
        (Q(first_published_at__isnull=True) | Q(first_published_at__lte=now))
        & (Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )


def restricted_paths() -> tuple[str, ...]:
    """The tree paths of the pages that carry a view restriction (their subtrees are private)."""
    return memoized(
        None,
        "restricted-paths",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def is_within_restriction(path: str) -> bool:
    return path.startswith(restricted_paths())


def visible_pages(pages: PageQuerySet | None = None) -> PageQuerySet:
    """``pages`` (all pages by default) narrowed to what the public may see now."""
    pages = Page.objects.all() if pages is None else pages
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    if private:
        pages = pages.exclude(private)
    return pages.live().filter(published_now_filter())


def is_published_now(page: Page) -> bool:
    """Live, published in the past and not expired; view restrictions are checked elsewhere."""
    now = timezone.now()
    return (
        page.live
        and (page.first_published_at is None or page.first_published_at <= now)
        and (page.go_live_at is None or page.go_live_at <= now)
        and (page.expire_at is None or page.expire_at > now)
    )


def is_visible(page: Page) -> bool:
    """What ``visible_pages`` would keep, for one page already loaded."""
    return is_published_now(page) and not page.get_view_restrictions().exists()
