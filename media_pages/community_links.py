"""Where a person's or a role's public page is: routes of the site's live community page."""

from django.http import HttpRequest

from community.models import Person, Role
from media_pages.models.community_index import CommunityIndexPage


def community_index(request: HttpRequest | None) -> CommunityIndexPage | None:
    """The live community page of the site (people's profiles), looked up once per request."""
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
