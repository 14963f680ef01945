"""The site's one page of a kind (the community page, the tag index...), found once per request."""

from django.http import HttpRequest
from wagtail.models import Page

from media_pages.content_cache import cached_for_content
from media_pages.visibility import visible_pages


def section_page(request: HttpRequest | None, model: type[Page]) -> Page | None:
    """The first live public page of ``model`` in tree order; one query per request and model."""
    found = getattr(request, "_collectif_sections", None)
    if found is None:
        found = {}
        if request is not None:
            request._collectif_sections = found
    if model not in found:
        found[model] = cached_for_content(
            request,
            f"section:{model._meta.label}",
            lambda: visible_pages(model.objects.all()).order_by("path").first(),
        )
    return found[model]
