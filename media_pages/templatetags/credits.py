"""Credits and the links to the people and roles they name: ``{% load credits %}``."""

from django import template
from wagtail.models import Page

from community.contributions import credits_by_role
from community.models import Credit, Person, Role
from media_pages.community_links import person_url_for, role_url_for

register = template.Library()


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


@register.filter
def role_name_for(role: Role, person: Person) -> str:
    """``{{ role|role_name_for:person }}``: "Animatrice" for a person who chose that form."""
    return role.name_for(person)
