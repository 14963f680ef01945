from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from media_pages.blocks.text import RICH_TEXT_FEATURES
from media_pages.lazy_context import when_read
from media_pages.pagination import paginate
from media_pages.presentation_providers import (
    Embed,
    resolve_presentation,
    validate_presentation_url,
)
from media_pages.visibility import visible_pages

from .base import BasePage

PRESENTATIONS_PER_PAGE = 12

# Cross-origin frames: scripts and their own storage are needed by every provider, and
# they cannot reach this site's pages or cookies. No top navigation, no downloads.
IFRAME_SANDBOX = (
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms"
)


class PresentationIndexPage(RoutablePageMixin, BasePage):
    """The interactive presentations, newest first."""

    parent_page_types = ["media_pages.HomePage"]
    subpage_types = ["media_pages.PresentationPage"]

    class Meta:
        verbose_name = _("presentation index")
        verbose_name_plural = _("presentation indexes")

    @path("")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        presentations = (
            visible_pages(PresentationPage.objects.child_of(self))
            .select_related("cover")
            .order_by("-first_published_at", "-pk")
        )
        context = self.get_context(request)
        context["presentations"] = when_read(
            lambda: paginate(request, presentations, PRESENTATIONS_PER_PAGE)
        )
        return TemplateResponse(request, self.get_template(request), context)


class PresentationPage(BasePage):
    """An interactive presentation (Genially, Canva, H5P...) embedded from its public link.

    The link must belong to an allowed service (``media_pages.presentation_providers``); the
    page builds a sandboxed iframe from it. A text alternative is required (RGAA 4.1): third
    party presentations are rarely accessible, so their content is also given as text.
    """

    presentation_url = models.URLField(
        _("presentation link"),
        max_length=500,
        validators=[validate_presentation_url],
        help_text=_(
            "Public share link from Genially, Canva, Google Slides, H5P, Prezi, slides.com, "
            "a reveal.js deck or a PeerTube video."
        ),
    )
    frame_title = models.CharField(
        _("accessible title of the frame"),
        max_length=200,
        blank=True,
        help_text=_("Read by screen readers; the page title is used when empty."),
    )
    text_alternative = RichTextField(
        _("text alternative"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "The content of the presentation as text: required for visitors who cannot use "
            "the interactive version (RGAA)."
        ),
    )
    pdf_export = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF export"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["media_pages.PresentationIndexPage"]
    subpage_types: list[str] = []

    search_fields = [*BasePage.search_fields, index.SearchField("text_alternative")]
    search_format = "interactive"
    content_panels = [
        *BasePage.content_panels[:3],
        MultiFieldPanel(
            [FieldPanel("presentation_url"), FieldPanel("frame_title"), FieldPanel("pdf_export")],
            heading=_("Presentation"),
        ),
        FieldPanel("text_alternative"),
        *BasePage.content_panels[3:],
    ]

    class Meta:
        verbose_name = _("interactive presentation")
        verbose_name_plural = _("interactive presentations")

    @property
    def embed(self) -> Embed | None:
        """The provider and iframe address, ``None`` if the link is no longer allowed."""
        try:
            return resolve_presentation(self.presentation_url)
        except ValidationError:  # a host removed from the settings since the page was saved
            return None

    @property
    def accessible_title(self) -> str:
        return self.frame_title or _("Interactive presentation: %(title)s") % {"title": self.title}

    @property
    def iframe_sandbox(self) -> str:
        return getattr(settings, "PRESENTATION_IFRAME_SANDBOX", IFRAME_SANDBOX)
