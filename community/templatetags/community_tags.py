from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString
from wagtail.models import Page

from community.contributions import credits_by_role
from community.json_ld import json_ld_script
from community.models import Credit, Person, Role

register = template.Library()


def community_index(request: HttpRequest | None):
    """The live community page of the site (people's profiles), looked up once per request."""
    from community.models import CommunityIndexPage

    if request is not None and hasattr(request, "_collectif_community_index"):
        return request._collectif_community_index
    index = CommunityIndexPage.objects.live().public().order_by("path").first()
    if request is not None:
        request._collectif_community_index = index
    return index


def person_url_for(request: HttpRequest | None, person: Person) -> str:
    index = community_index(request)
    if index is None or not person.slug:
        return ""
    return index.get_url(request) + index.reverse_subpage("person", args=[person.slug])


def role_url_for(request: HttpRequest | None, role: Role) -> str:
    index = community_index(request)
    if index is None:
        return ""
    return index.get_url(request) + index.reverse_subpage("role", args=[role.slug])


@register.simple_tag(takes_context=True)
def person_url(context, person: Person) -> str:
    return person_url_for(context.get("request"), person)


@register.simple_tag(takes_context=True)
def role_url(context, role: Role) -> str:
    return role_url_for(context.get("request"), role)


@register.simple_tag
def page_credits(page: Page) -> list[tuple[Role, list[Credit]]]:
    """The page's credits grouped by role: ``{% page_credits page as groups %}``."""
    if not hasattr(page, "credits"):
        return []
    return credits_by_role(page)


@register.simple_tag(takes_context=True)
def page_json_ld(context, page: Page) -> SafeString | str:
    """The page's schema.org data, for pages that define ``get_json_ld(request)``."""
    builder = getattr(page, "get_json_ld", None)
    return json_ld_script(builder(context.get("request"))) if builder else ""


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def json_ld_person(context, person: Person, url: str) -> SafeString:
    from community.json_ld import person_json_ld

    return json_ld_script(person_json_ld(person, url, context.get("request")))
