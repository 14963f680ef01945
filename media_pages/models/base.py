from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from community.panels import CreditsPanel
from media_pages.visibility import is_within_restriction


class PageTag(TaggedItemBase):
    """Tags of every content page in one table, so one tag page can list all page types."""

    content_object = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BasePage(Page):
    """What every content page shares: introduction, cover, credits, tags, social metadata.

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
    tags = ClusterTaggableManager(through=PageTag, blank=True, verbose_name=_("tags"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        # A page is found by the names of the people credited on it.
        index.RelatedFields(
            "credits", [index.RelatedFields("person", [index.SearchField("name")])]
        ),
        index.FilterField("first_published_at"),
    ]
    # The page's main content, rendered, is shared by every visitor until the content changes
    # ({% content_fragment %}): a type that shows a form or anything about the visitor says no,
    # one whose content follows the clock more closely gives its bound in seconds.
    main_content_shared = True
    main_content_seconds: int | None = None
    # How a page type shows up in search (docs/search.md "How a new page type joins"):
    # its format facet, and the date field that dates, sorts and files it by year.
    search_format = "text"
    search_date_field = "first_published_at"
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("cover"),
        CreditsPanel("credits", heading=_("Credits"), label=_("Credit")),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("tags")]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Checked on every page served: most pages are in no restricted subtree, and the list
        # of those subtrees is read once per content token rather than once per request.
        if not self.alias_of_id and not is_within_restriction(self.path):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_summary(self) -> str:
        return self.search_description or self.intro

    @classmethod
    def search_visible(cls, pages: QuerySet) -> QuerySet:
        """Narrow live public ``pages`` of this type to those search may show now.

        Override to hide more, e.g. episodes whose publication date is still to come.
        """
        return pages

    def search_text(self) -> str:
        """Plain text that search result snippets are cut from: summary, then the body."""
        parts = [self.get_summary()]
        body = getattr(self, "body", None)
        if body is not None:
            parts.append(strip_tags(str(body)))
        return " ".join(part for part in parts if part)

    def get_social_image(self):
        return self.cover
