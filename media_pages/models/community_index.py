from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
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
from media_pages.pagination import paginate
from media_pages.visibility import visible_pages

from .base import BasePage

PEOPLE_PER_PAGE = 24


class CommunityIndexPage(RoutablePageMixin, BasePage):
    """The collective's people and roles: ``personnes/<slug>/``, ``roles/``, ``roles/<slug>/``.

    People and roles are snippets, not pages, so their public pages are routes of this one.
    Who holds a role is read from the credits on live pages: crediting someone is enough.
    """

    parent_page_types = ["media_pages.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("community page")
        verbose_name_plural = _("community pages")

    @path("")
    def people_route(self, request: HttpRequest) -> HttpResponse:
        people_page = paginate(
            request,
            visible_people(visible_pages()).select_related("photo").order_by("name"),
            PEOPLE_PER_PAGE,
        )
        roles = roles_by_person(list(people_page.object_list), visible_pages())
        context = self.get_context(request)
        context["people"] = [(person, roles.get(person.pk, [])) for person in people_page]
        context["people_page"] = people_page
        return TemplateResponse(request, self.get_template(request), context)

    @path("personnes/<slug:slug>/", name="person")
    def person_route(self, request: HttpRequest, slug: str) -> HttpResponse:
        person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
        contributions = contributions_by_role(person, visible_pages())
        if not contributions:  # credited only on drafts or private pages, or nowhere
            raise Http404
        context = self.get_context(request)
        context.update(
            person=person,
            contributions=contributions,
            canonical_url=self.get_full_url(request) + self.reverse_subpage("person", args=[slug]),
        )
        return TemplateResponse(request, "media_pages/person_page.html", context)

    @path("roles/", name="roles")
    def roles_route(self, request: HttpRequest) -> HttpResponse:
        roles = list(Role.objects.all())
        people = people_by_role(roles, visible_pages())
        context = self.get_context(request)
        context.update(
            roles=[(role, people.get(role.pk, [])) for role in roles],
            canonical_url=self.get_full_url(request) + self.reverse_subpage("roles"),
        )
        return TemplateResponse(request, "media_pages/role_list.html", context)

    @path("roles/<slug:slug>/", name="role")
    def role_route(self, request: HttpRequest, slug: str) -> HttpResponse:
        role = get_object_or_404(Role, slug=slug)
        context = self.get_context(request)
        context.update(
            role=role,
            people=people_by_role([role], visible_pages()).get(role.pk, []),
            canonical_url=self.get_full_url(request) + self.reverse_subpage("role", args=[slug]),
        )
        return TemplateResponse(request, "media_pages/role_page.html", context)

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
