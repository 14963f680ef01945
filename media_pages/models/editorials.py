import math

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from media_pages.blocks import BodyBlock
from media_pages.editorial_feed import EditorialFeed
from media_pages.json_ld import article_json_ld
from media_pages.lazy_context import when_read
from media_pages.pagination import paginate
from media_pages.routing import FileRoutesMixin
from media_pages.visibility import visible_pages

from .base import BasePage

WORDS_PER_MINUTE = 200
EDITORIALS_PER_PAGE = 10


def _text_of(value) -> list[str]:
    """Every string inside StreamField raw data (rich text included), for word counts."""
    if isinstance(value, str):
        return [strip_tags(value)]
    if isinstance(value, dict):
        return [
            text
            for key, item in value.items()
            if key not in {"id", "type"}
            for text in _text_of(item)
        ]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _text_of(item)]
    return []


class EditorialIndexPage(FileRoutesMixin, BasePage):
    """The editorials, newest first, with their RSS feed at ``feed.xml``."""

    parent_page_types = ["media_pages.HomePage"]
    subpage_types = ["media_pages.EditorialPage"]

    class Meta:
        verbose_name = _("editorial index")
        verbose_name_plural = _("editorial indexes")

    def editorials(self):
        return (
            visible_pages(EditorialPage.objects.child_of(self))
            .select_related("cover")
            .order_by("-first_published_at", "-pk")
        )

    @path("")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        context = self.get_context(request)
        context["editorials"] = when_read(
            lambda: paginate(request, self.editorials(), EDITORIALS_PER_PAGE)
        )
        return TemplateResponse(request, self.get_template(request), context)

    @path("feed.xml", name="feed")
    def feed_route(self, request: HttpRequest) -> HttpResponse:
        return EditorialFeed(self)(request)


class EditorialPage(BasePage):
    """An editorial: the éditorialiste puts trends in perspective.

    The standfirst (chapô) is the shared ``intro`` field, so cards, search results and the
    feed show it without a second field to keep in step.
    """

    body = StreamField(BodyBlock(), verbose_name=_("body"))

    parent_page_types = ["media_pages.EditorialIndexPage"]
    subpage_types: list[str] = []

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro", heading=_("Standfirst")),
        FieldPanel("cover"),
        FieldPanel("body"),
        InlinePanel("credits", heading=_("Credits"), label=_("Credit")),
        InlinePanel("related_links", heading=_("Related content"), label=_("Related page")),
    ]

    class Meta:
        verbose_name = _("editorial")
        verbose_name_plural = _("editorials")

    def clean(self) -> None:
        super().clean()
        if not self.intro.strip():
            raise ValidationError(
                {"intro": _("An editorial needs a standfirst (one or two sentences).")}
            )

    @property
    def standfirst(self) -> str:
        return self.intro

    @property
    def word_count(self) -> int:
        return sum(len(text.split()) for text in _text_of(list(self.body.raw_data)))

    @property
    def reading_time(self) -> int:
        """Minutes at 200 words a minute, at least one."""
        return max(1, math.ceil((self.word_count + len(self.intro.split())) / WORDS_PER_MINUTE))

    def related_pages(self) -> list[Page]:
        """Live, public related pages in the editor's order (one query)."""
        links = list(self.related_links.all())
        ids = [link.related_page_id for link in links if link.related_page_id]
        pages = visible_pages().in_bulk(ids)
        return [pages[page_id] for page_id in ids if page_id in pages]

    def get_json_ld(self, request: HttpRequest | None = None) -> dict:
        """schema.org ``Article`` for search engines, authors taken from the credits."""
        return article_json_ld(self, request)


class EditorialRelatedLink(Orderable):
    page = ParentalKey(EditorialPage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
