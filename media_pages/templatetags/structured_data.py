"""schema.org JSON-LD in pages: ``{% load structured_data %}``."""

from django import template
from django.utils.safestring import SafeString
from wagtail.models import Page

from community.models import Person
from media_pages.json_ld import json_ld_script, person_json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def page_json_ld(context, page: Page) -> SafeString | str:
    """The page's schema.org data, for pages that define ``get_json_ld(request)``."""
    builder = getattr(page, "get_json_ld", None)
    return json_ld_script(builder(context.get("request"))) if builder else ""


@register.simple_tag(takes_context=True)
def json_ld_person(context, person: Person, url: str) -> SafeString:
    return json_ld_script(person_json_ld(person, url, context.get("request")))
