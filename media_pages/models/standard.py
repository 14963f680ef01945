from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from media_pages.blocks import BodyBlock
from media_pages.lazy_context import when_read
from media_pages.visibility import visible_pages

from .base import BasePage


class StandardPage(BasePage):
    """A page of free content: about, legal notice, accessibility statement..."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["media_pages.HomePage", "media_pages.StandardPage"]
    subpage_types = ["media_pages.StandardPage"]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class SitemapPage(BasePage):
    """The human site map required by RGAA: every live public page, as nested lists."""

    parent_page_types = ["media_pages.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("site map")
        verbose_name_plural = _("site maps")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = when_read(self.build_tree)
        return context

    def build_tree(self) -> list[dict]:
        """Nested ``{"page", "children"}`` nodes from the site root, in one query."""
        root = self.get_site().root_page
        pages = (
            visible_pages(Page.objects.descendant_of(root, inclusive=True))
            .only("id", "path", "depth", "title", "url_path")
            .order_by("path")
        )
        nodes_by_path: dict[str, dict] = {}
        top: list[dict] = []
        for page in pages:
            node = {"page": page, "children": []}
            nodes_by_path[page.path] = node
            parent = nodes_by_path.get(page.path[: -Page.steplen])
            (parent["children"] if parent else top).append(node)
        return top
