from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from media_pages.blocks import BodyBlock
from media_pages.content_cache import cached_for_content
from media_pages.home_highlights import home_highlights
from media_pages.visibility import visible_pages

from .base import BasePage


class HomePage(BasePage):
    """The collective's front page: who they are, then one section per child section page."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("presentation"))

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "media_pages.StandardPage",
        "media_pages.SitemapPage",
        "media_pages.EditorialIndexPage",
        "media_pages.PresentationIndexPage",
        "media_pages.TagIndexPage",
        "media_pages.CommunityIndexPage",
        "podcasts.PodcastIndexPage",
        "webinars.WebinarIndexPage",
        "newsletter.NewsletterIndexPage",
    ]
    max_count_per_parent = 1

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @property
    def main_content_seconds(self) -> int:
        # What is new follows the clock (a session that ends): as fresh as the highlights.
        return settings.HOME_HIGHLIGHTS_SECONDS

    def menu_sections(self) -> list:
        """The sections with their covers: one query per page type, so kept in the cache
        until the content changes (the home page's cost must not grow with its sections)."""
        pages = list(visible_pages(self.get_children()).in_menu().specific())
        prefetch_related_objects([p for p in pages if hasattr(p, "cover_id")], "cover")
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = cached_for_content(request, f"home-sections:{self.pk}",
                                                 self.menu_sections)  # fmt: skip
        # What is new changes with the content (the token) and with the clock: a session that
        # ends or opens its registration shows within HOME_HIGHLIGHTS_SECONDS.
        context["highlights"] = cached_for_content(
            request,
            f"home-highlights:{self.pk}",
            lambda: home_highlights(request, self),
            timeout=settings.HOME_HIGHLIGHTS_SECONDS,
        )
        return context
