from collections import defaultdict

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from media_pages.pagination import paginate
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
        tag = get_object_or_404(Tag, slug=tag_slug)
        tagged = (
            visible_pages()
            .filter(pk__in=PageTag.objects.filter(tag=tag).values("content_object_id"))
            .order_by("-first_published_at", "-pk")
        )
        page_obj = paginate(request, tagged, PAGES_PER_TAG_PAGE)
        if not page_obj.object_list:
            raise Http404
        context = self.get_context(request)
        context.update(
            tag=tag,
            tagged_pages=page_obj,
            groups=self.group_by_type(page_obj.object_list),
        )
        return TemplateResponse(request, "media_pages/tag_page.html", context)

    @staticmethod
    def group_by_type(pages) -> list[tuple[str, list[Page]]]:
        """``(type name, pages)`` pairs; one query per page type, not per page."""
        specific = list(pages.specific())
        groups: dict[str, list[Page]] = defaultdict(list)
        for page in specific:
            groups[str(page.specific_class._meta.verbose_name_plural)].append(page)
        return sorted(groups.items())
