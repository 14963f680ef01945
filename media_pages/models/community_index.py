from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from community.contributions import (
    contributions_by_role,
    people_by_role,
    roles_by_person,
    visible_people,
)
from community.models import Person, Role
from media_pages.content_cache import memoized
from media_pages.pagination import requested_page_number
from media_pages.visibility import visible_pages

from .base import BasePage

PEOPLE_PER_PAGE = 24


class CommunityIndexPage(RoutablePageMixin, BasePage):
    """The collective's people and roles: ``personnes/<slug>/``, ``roles/``, ``roles/<slug>/``.

    People and roles are snippets, not pages, so their public pages are routes of this one.
    Who holds a role is read from the credits on live pages: crediting someone is enough.
    What each route shows is read once per content token (``memoized``), like a page's route.
    """

    parent_page_types = ["media_pages.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("community page")
        verbose_name_plural = _("community pages")

    @path("")
    def people_route(self, request: HttpRequest) -> HttpResponse:
        number = requested_page_number(request)
        people, people_page = memoized(
            request, f"community:{self.pk}:people:{number}", lambda: self.people_listing(number)
        )
        context = self.get_context(request)
        context["people"] = people
        context["people_page"] = people_page
        return TemplateResponse(request, self.get_template(request), context)

    @staticmethod
    def people_listing(number: int) -> tuple[list, object]:
        people = visible_people(visible_pages()).select_related("photo").order_by("name")
        people_page = Paginator(people, PEOPLE_PER_PAGE).get_page(number)
        roles = roles_by_person(list(people_page.object_list), visible_pages())
        return [(person, roles.get(person.pk, [])) for person in people_page], people_page

    @path("personnes/<slug:slug>/", name="person")
    def person_route(self, request: HttpRequest, slug: str) -> HttpResponse:
        found = memoized(request, f"community:person:{slug}", lambda: self.person_and_work(slug))
        if found is None:  # credited only on drafts or private pages, or nowhere
            raise Http404
        person, contributions = found
        context = self.get_context(request)
        context.update(
            person=person,
            contributions=contributions,
            canonical_url=self.get_full_url(request) + self.reverse_subpage("person", args=[slug]),
        )
        return TemplateResponse(request, "media_pages/person_page.html", context)

    @staticmethod
    def person_and_work(slug: str) -> tuple[Person, dict] | None:
        person = Person.objects.select_related("photo").filter(slug=slug).first()
        contributions = contributions_by_role(person, visible_pages()) if person else None
        return (person, contributions) if contributions else None

    @path("roles/", name="roles")
    def roles_route(self, request: HttpRequest) -> HttpResponse:
        context = self.get_context(request)
        context.update(
            roles=memoized(request, "community:roles", self.roles_and_people),
            canonical_url=self.get_full_url(request) + self.reverse_subpage("roles"),
        )
        return TemplateResponse(request, "media_pages/role_list.html", context)

    @staticmethod
    def roles_and_people() -> list[tuple[Role, list]]:
        roles = list(Role.objects.all())
        people = people_by_role(roles, visible_pages())
        return [(role, people.get(role.pk, [])) for role in roles]

    @path("roles/<slug:slug>/", name="role")
    def role_route(self, request: HttpRequest, slug: str) -> HttpResponse:
        found = memoized(request, f"community:role:{slug}", lambda: self.role_and_people(slug))
        if found is None:
            raise Http404
        role, people = found
        context = self.get_context(request)
        context.update(
            role=role,
            people=people,
            canonical_url=self.get_full_url(request) + self.reverse_subpage("role", args=[slug]),
        )
        return TemplateResponse(request, "media_pages/role_page.html", context)

    @staticmethod
    def role_and_people(slug: str) -> tuple[Role, list] | None:
        role = Role.objects.filter(slug=slug).first()
        if role is None:
            return None
        return role, people_by_role([role], visible_pages()).get(role.pk, [])

    def get_sitemap_urls(self, request=None) -> list[dict]:
        """The page itself, the roles, and every person credited on a live page."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return urls
        people = visible_people(visible_pages())
        urls.append({"location": base + self.reverse_subpage("roles")})
        urls += [
            {"location": base + self.reverse_subpage("role", args=[role.slug])}
            for role in Role.objects.all()
        ]
        urls += [
            {"location": base + self.reverse_subpage("person", args=[person.slug])}
            for person in people
        ]
        return urls
