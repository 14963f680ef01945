from django.http import Http404, HttpRequest, HttpResponseRedirect
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Page

from media_pages.blocks.public_pages import PUBLIC_PAGES_ONLY
from media_pages.feeds import SITE_FEEDS_HOOK, SiteFeed, site_feed
from media_pages.home_highlights import HOME_HIGHLIGHTS_HOOK, HomeHighlight
from media_pages.models import EditorialIndexPage, EditorialPage
from media_pages.serving import MEDIA_ACCESS_HOOK, Access
from media_pages.visibility import is_published_now, visible_pages


@hooks.register(SITE_FEEDS_HOOK)
def editorial_feeds(request: HttpRequest | None) -> list[SiteFeed]:
    return [
        site_feed(index.title, index.get_url(request) + index.reverse_subpage("feed"))
        for index in visible_pages(EditorialIndexPage.objects.all()).order_by("path")
    ]


@hooks.register("before_serve_page")
def hide_pages_not_published_yet(page, request, serve_args, serve_kwargs):
    """A live page dated in the future (import, shell) or expired answers 404 at its address.

    Its view restrictions are checked by Wagtail's own hook (password or login form).
    """
    if not is_published_now(page):
        raise Http404


@hooks.register("construct_page_chooser_queryset")
def only_public_pages_for_public_choosers(pages, request):
    """Choosers of pages shown to the public (newsletter cards) offer only visible pages."""
    if request.GET.get("user_perms") == PUBLIC_PAGES_ONLY:
        return visible_pages(pages)
    return pages


@hooks.register(MEDIA_ACCESS_HOOK)
def documents_through_their_own_view(request, path: str):
    """Documents are served by Wagtail's view, which checks their collection's privacy."""
    if not path.startswith("documents/"):
        return None
    document = get_document_model().objects.filter(file=path).first()
    if document is None:
        return Access.REFUSED
    return HttpResponseRedirect(document.url)


@hooks.register(HOME_HIGHLIGHTS_HOOK)
def latest_editorial(request: HttpRequest | None, home: Page) -> HomeHighlight | None:
    editorial = (
        visible_pages(EditorialPage.objects.descendant_of(home))
        .order_by("-first_published_at", "-pk")
        .first()
    )
    if editorial is None:
        return None
    return HomeHighlight(30, "media_pages/home/latest_editorial.html", editorial)
