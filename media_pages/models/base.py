from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """What every content page shares: an introduction, a cover image and social metadata.

    Page families (webinars, podcasts, editorials...) inherit from it, so that credits, tags
    and search fields added here reach all of them at once. Override ``get_summary`` or
    ``get_social_image`` when a family has a better source for them.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown at the top of the page and on cards."),
    )
    cover = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("cover")]

    class Meta:
        abstract = True

    def get_summary(self) -> str:
        return self.search_description or self.intro

    def get_social_image(self):
        return self.cover
