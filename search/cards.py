"""What search shows and counts of each page, person and role, kept per content token.

A result card holds what every query that finds the page needs of it: whether search may show
it now, its title, address, text, type, date, tags and credits. Cards are built in bulk (a few
queries for all the pages a query found that no card was kept for) and kept in each process
under the content token (``media_pages.content_cache.memoized_many``), at most
``FRAGMENT_CACHE_SECONDS`` since a page type may hide pages until a date comes. A new query then
costs the engine's searches and nothing per result, whatever the amount of content.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page

from community.contributions import visible_credits
from community.models import Credit, Person, Role
from media_pages.community_links import community_index, person_url_for, role_url_for
from media_pages.content_cache import memoized_many
from media_pages.models import PageTag
from media_pages.visibility import visible_pages

from . import french

# A result is a page or a profile (a person's or a role's page, routed by the community page):
# ("page", page id), ("person", person id) or ("role", role id).
PAGE, PERSON, ROLE = "page", "person", "role"
Key = tuple[str, int]
PROFILE_MODELS = {PERSON: Person, ROLE: Role}


@dataclass(frozen=True)
class Card:
    kind: str
    model: type
    title: str
    url: str
    # Snippets are cut from the text; closeness to the words typed is read in the title, the
    # text and the other words it is found by.
    text: str
    date: datetime.date | None = None
    tags: tuple[tuple[str, str], ...] = ()  # (slug, name)
    # (person slug, person name, role slug, role's French name, role's English name)
    credits: tuple[tuple[str, str, str, str, str], ...] = ()
    also_found_by: str = ""
    # Its words as typed, plurals aside: what each query's closeness is measured against.
    words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        text = " ".join((self.title, self.text, self.also_found_by))
        object.__setattr__(self, "words", frozenset(french.light_stems(text)))

    @property
    def people(self) -> set[tuple[str, str]]:
        return {credit[:2] for credit in self.credits}

    @property
    def roles(self) -> set[tuple[str, str, str]]:
        return {credit[2:] for credit in self.credits}

    @property
    def characters(self) -> int:
        texts = (self.title, self.url, self.text, self.also_found_by, *self.words)
        return sum(len(text) for text in texts)


def cards(request: HttpRequest | None, keys) -> dict[Key, Card]:
    """The cards of the ``keys`` search may show now (the others are left out)."""
    host = request.get_host() if request is not None else ""
    language = get_language() or ""
    names = {}
    for kind, pk in keys:
        # A role's name and description follow the language; pages and people do not.
        names[f"search-card|{host}|{language if kind == ROLE else ''}|{kind}|{pk}"] = (kind, pk)
    found = memoized_many(
        request,
        names,
        lambda missing: _build(request, missing),
        settings.FRAGMENT_CACHE_SECONDS,
    )
    return {key: card for key, card in found.items() if card is not None}


def _build(request: HttpRequest | None, keys: list[Key]) -> dict[Key, Card | None]:
    built: dict[Key, Card | None] = dict.fromkeys(keys)
    built.update(_page_cards(request, [pk for kind, pk in keys if kind == PAGE]))
    built.update(_profile_cards(request, keys))
    return built


def _page_cards(request: HttpRequest | None, page_ids: list[int]) -> dict[Key, Card]:
    shown = visible(page_ids)
    if not shown:
        return {}
    tags, credits = defaultdict(list), defaultdict(list)
    for page_id, slug, name in (
        PageTag.objects.filter(content_object_id__in=shown)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__slug", "tag__name")
    ):
        tags[page_id].append((slug, name))
    credit_fields = ("person__slug", "person__name", "role__slug", "role__name_fr", "role__name_en")
    for page_id, *credit in (
        Credit.objects.filter(page_id__in=shown)
        .order_by("sort_order", "pk")
        .values_list("page_id", *credit_fields)
    ):
        credits[page_id].append(tuple(credit))
    models = indexed_page_models()
    found = {}
    for page in Page.objects.filter(pk__in=shown).specific():
        content_type_id, when = shown[page.pk]
        found[(PAGE, page.pk)] = Card(
            kind=PAGE,
            model=models[content_type_id],
            title=page.title,
            url=page.get_url(request),
            text=page.search_text(),
            date=when,
            tags=tuple(tags[page.pk]),
            credits=tuple(credits[page.pk]),
        )
    return found


def _profile_cards(request: HttpRequest | None, keys: list[Key]) -> dict[Key, Card]:
    found = {}
    shown = set(visible_profiles(keys))
    person_ids = [pk for kind, pk in shown if kind == PERSON]
    for person in Person.objects.filter(pk__in=person_ids):
        text = " ".join(part for part in (person.organisation, person.bio) if part)
        found[(PERSON, person.pk)] = Card(
            PERSON, Person, person.name, person_url_for(request, person), text
        )
    for role in Role.objects.filter(pk__in=[pk for kind, pk in shown if kind == ROLE]):
        # Found in either language.
        words = " ".join((role.name_fr, role.name_en, role.description_fr, role.description_en))
        found[(ROLE, role.pk)] = Card(
            ROLE, Role, role.name, role_url_for(request, role), role.description,
            also_found_by=words,
        )  # fmt: skip
    return found


def indexed_page_models() -> dict[int, type]:
    """Content type id -> model, for every concrete page model that declares a search format."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and hasattr(model, "search_format")
    ]
    content_types = ContentType.objects.get_for_models(*models)
    return {content_types[model].pk: model for model in models}


def visible(page_ids) -> dict[int, tuple[int, datetime.date | None]]:
    """The ``page_ids`` search may show now -> (content type id, date), checked in the database.

    Live and public (no view restriction on the page or an ancestor), of a page type that
    joined the index, and kept by that type's ``search_visible``. One query per page type.
    """
    models = indexed_page_models()
    by_type: dict[int, list[int]] = defaultdict(list)
    for page_id, content_type_id in (
        visible_pages().filter(pk__in=list(page_ids)).values_list("pk", "content_type_id")
    ):
        if content_type_id in models:
            by_type[content_type_id].append(page_id)
    found = {}
    for content_type_id, ids in by_type.items():
        model = models[content_type_id]
        pages = model.search_visible(model.objects.filter(pk__in=ids))
        for page_id, when in pages.values_list("pk", model.search_date_field):
            found[page_id] = (content_type_id, to_date(when))
    return found


def visible_profiles(keys) -> list[Key]:
    """The people and roles among ``keys`` that have a public page now.

    Both are routes of the live community page; a person's page is public once they are
    credited on a page visitors can see, a role's page always is.
    """
    person_ids = [key[1] for key in keys if key[0] == PERSON]
    role_ids = [key[1] for key in keys if key[0] == ROLE]
    if not (person_ids or role_ids) or community_index(None) is None:
        return []
    shown = [
        (PERSON, person_id)
        for person_id in visible_credits(visible_pages())
        .filter(person_id__in=person_ids)
        .values_list("person_id", flat=True)
        .distinct()
    ]
    shown += [
        (ROLE, pk) for pk in Role.objects.filter(pk__in=role_ids).values_list("pk", flat=True)
    ]
    return shown


def to_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
