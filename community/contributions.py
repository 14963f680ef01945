"""Who did what: the credits on live, public pages, grouped the ways the public pages show them.

Each function runs a fixed number of queries, whatever the number of people, roles or pages.
"""

from collections import defaultdict
from itertools import groupby

from django.db.models import QuerySet
from wagtail.models import Page

from .models import Credit, Person, Role


def visible_credits(visible_pages: QuerySet[Page]) -> QuerySet[Credit]:
    """Credits on ``visible_pages``: the site's visibility rule, given by the caller.

    The rule lives in ``media_pages.visibility``, which this app may not import.
    """
    return Credit.objects.filter(page__in=visible_pages.values("pk"))


def visible_people(visible_pages: QuerySet[Page]) -> QuerySet[Person]:
    """People credited on at least one of ``visible_pages``; the others stay unlisted."""
    return Person.objects.filter(pk__in=visible_credits(visible_pages).values("person_id"))


def contributions_by_role(
    person: Person, visible_pages: QuerySet[Page]
) -> list[tuple[Role, list[Page]]]:
    """``(role, pages)`` in the roles' order, each role's pages newest first."""
    credits = (
        visible_credits(visible_pages)
        .filter(person=person)
        .select_related("role", "page")
        .order_by("role__sort_order", "role__name_fr", "-page__first_published_at", "-page_id")
    )
    return [
        (role, [credit.page for credit in role_credits])
        for role, role_credits in groupby(credits, key=lambda credit: credit.role)
    ]


def roles_by_person(people: list[Person], visible_pages: QuerySet[Page]) -> dict[int, list[Role]]:
    """The roles each person is credited in, in the roles' order."""
    pairs = (
        visible_credits(visible_pages)
        .filter(person__in=[person.pk for person in people])
        .select_related("role")
        .order_by("role__sort_order", "role__name_fr")
    )
    roles: dict[int, list[Role]] = defaultdict(list)
    for credit in pairs:
        if credit.role not in roles[credit.person_id]:
            roles[credit.person_id].append(credit.role)
    return roles


def people_by_role(roles: list[Role], visible_pages: QuerySet[Page]) -> dict[int, list[Person]]:
    """The people credited in each role, by name, each once."""
    credits = (
        visible_credits(visible_pages)
        .filter(role__in=[role.pk for role in roles])
        .select_related("person", "person__photo")
        .order_by("person__name", "person_id")
    )
    people: dict[int, list[Person]] = defaultdict(list)
    for credit in credits:
        if credit.person not in people[credit.role_id]:
            people[credit.role_id].append(credit.person)
    return people


def credits_by_role(page: Page) -> list[tuple[Role, list[Credit]]]:
    """A page's credits grouped by role (roles in their order, people in the editor's order).

    Works in preview too, where the credits are the unsaved ones held by the page.
    """
    credits = list(page.credits.select_related("person", "role"))
    return _group(credits)


def _group(credits: list[Credit]) -> list[tuple[Role, list[Credit]]]:
    credits = [c for c in credits if c.person_id and c.role_id]
    credits.sort(key=lambda c: (c.role.sort_order, c.role.name_fr, c.sort_order or 0))
    return [(role, list(group)) for role, group in groupby(credits, key=lambda c: c.role)]
