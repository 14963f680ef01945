"""Where a person's or a role's public page is: routes of the site's live community page."""

from django.http import HttpRequest

from community.models import Person, Role
from media_pages.models.community_index import CommunityIndexPage
from media_pages.sections import section_page


def community_index(request: HttpRequest | None) -> CommunityIndexPage | None:
    """The live community page of the site (people's profiles)."""
    return section_page(request, CommunityIndexPage)


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
