from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from media_pages.content_cache import memoized
from media_pages.pagination import requested_page_number
from media_pages.visibility import visible_pages

from .base import BasePage, PageTag

PAGES_PER_TAG_PAGE = 30


class TagIndexPage(RoutablePageMixin, BasePage):
    """Every tag in use, and for each tag its content of every type (``<slug>/``)."""

    parent_page_types = ["media_pages.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tag index")
        verbose_name_plural = _("tag indexes")

    def visible_page_ids(self):
        return visible_pages().values("pk")

    @path("")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        tags = (
            Tag.objects.annotate(
                page_count=Count(
                    "media_pages_pagetag_items",
                    filter=Q(media_pages_pagetag_items__content_object__in=self.visible_page_ids()),
                    distinct=True,
                )
            )
            .filter(page_count__gt=0)
            .order_by("name")
        )
        context = self.get_context(request)
        context["tags"] = tags
        return TemplateResponse(request, self.get_template(request), context)

    @path("<str:tag_slug>/", name="tag")
    def tag_route(self, request: HttpRequest, tag_slug: str) -> HttpResponse:
        number = requested_page_number(request)
        found = memoized(
            request, f"tag:{tag_slug}:{number}", lambda: self.tagged_listing(tag_slug, number)
        )
        if found is None:
            raise Http404
        tag, page_obj, groups = found
        context = self.get_context(request)
        context.update(tag=tag, tagged_pages=page_obj, groups=groups)
        return TemplateResponse(request, "media_pages/tag_page.html", context)

    def tagged_listing(self, tag_slug: str, number: int) -> tuple | None:
        """The tag, the requested page of its visible pages and those grouped by type."""
        tag = Tag.objects.filter(slug=tag_slug).first()
        if tag is None:
            return None
        tagged = (
            visible_pages()
            .filter(pk__in=PageTag.objects.filter(tag=tag).values("content_object_id"))
            .order_by("-first_published_at", "-pk")
        )
        page_obj = Paginator(tagged, PAGES_PER_TAG_PAGE).get_page(number)
        if not page_obj.object_list:
            return None
        return tag, page_obj, self.group_by_type(page_obj.object_list)

    @staticmethod
    def group_by_type(pages) -> list[tuple[str, list[Page]]]:
        """``(type name, pages)`` pairs; one query per page type, not per page."""
        specific = list(pages.specific())
        groups: dict[str, list[Page]] = defaultdict(list)
        for page in specific:
            groups[str(page.specific_class._meta.verbose_name_plural)].append(page)
        return sorted(groups.items())
