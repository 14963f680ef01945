"""From a visitor's query to ranked, visible, faceted results, the same way on every engine.

The engine (SQLite, PostgreSQL or OpenSearch) only ranks: it returns page ids for the page index
and (page id, cue) pairs for the transcript index. Everything after that happens in the database,
so every engine obeys the same rules: visibility is checked against the live tree (drafts,
private pages and content a page type hides are dropped even if the index is stale), facets and
filters are counted by SQL over the hit ids, and the number of queries does not grow with the
number of results.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from community.contributions import visible_credits
from community.models import Credit, Person, Role
from media_pages.community_links import community_index, person_url_for, role_url_for
from media_pages.models import PageTag, TranscriptCue
from media_pages.transcripts import timestamp
from media_pages.visibility import visible_pages

from . import french
from .highlight import highlight, snippet

MAX_PAGE_HITS = 300
MAX_CUE_HITS = 300
# Reciprocal rank fusion: a page's score adds weight / (RANK_OFFSET + rank) from each list.
RANK_OFFSET = 10
PAGE_WEIGHT = 1.0
TRANSCRIPT_WEIGHT = 0.8
# A profile whose biography mentions a word matters less than a page about it.
PROFILE_WEIGHT = 0.8
# The best results are read again to favour those with the words as typed (plurals aside) over
# those the stemmer merged with them: "collections" finds "collection" before "collectif".
RERANK_TOP = 30
CLOSENESS_WEIGHT = PAGE_WEIGHT / RANK_OFFSET
FORMAT_LABELS = {
    "video": _("Video"),
    "audio": _("Audio"),
    "interactive": _("Interactive presentation"),
    "text": _("Text"),
}
FACET_NAMES = ("type", "format", "tag", "person", "role", "year")
FACET_LIMIT = 12
MAX_PROFILE_HITS = 50
# A result is a page or a profile (a person's or a role's page, routed by the community page):
# ("page", page id), ("person", person id) or ("role", role id).
PAGE, PERSON, ROLE = "page", "person", "role"
Key = tuple[str, int]
PROFILE_MODELS = {PERSON: Person, ROLE: Role}


@dataclass
class Passage:
    start: float
    html: str

    @property
    def seconds(self) -> int:
        return int(self.start)

    @property
    def label(self) -> str:
        return timestamp(self.start)


@dataclass
class Hit:
    title: str
    url: str
    type_label: str
    format_label: str
    date: date | None
    snippet: str
    passage: Passage | None = None


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]


@dataclass
class Ranked:
    """Visible hits in rank order, with what facets and sorting need to know about them."""

    order: list[Key] = field(default_factory=list)
    scores: dict[Key, float] = field(default_factory=dict)
    models: dict[Key, type] = field(default_factory=dict)
    dates: dict[Key, date | None] = field(default_factory=dict)
    passages: dict[Key, TranscriptCue] = field(default_factory=dict)
    pages: dict[int, Page] = field(default_factory=dict)

    def page_ids(self, keys) -> list[int]:
        return [key[1] for key in keys if key[0] == PAGE]


def indexed_page_models() -> dict[int, type]:
    """Content type id -> model, for every concrete page model that declares a search format."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and hasattr(model, "search_format")
    ]
    content_types = ContentType.objects.get_for_models(*models)
    return {content_types[model].pk: model for model in models}


def content_type_key(model: type) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def rank(terms: str, operator: str) -> Ranked:
    """Visible results matching ``terms``, best first, fused from the page, transcript and
    profile indexes by reciprocal rank."""
    scores: dict[Key, float] = defaultdict(float)
    page_ids = [
        page.pk for page in Page.objects.live().search(terms, operator=operator)[:MAX_PAGE_HITS]
    ]
    for position, page_id in enumerate(page_ids):
        scores[(PAGE, page_id)] += PAGE_WEIGHT / (RANK_OFFSET + position)
    best_cue: dict[Key, TranscriptCue] = {}
    backend = get_search_backend()
    cues = backend.search(terms, TranscriptCue, operator=operator)[:MAX_CUE_HITS]
    for position, cue in enumerate(cues):
        key = (PAGE, cue.page_id)
        if key not in best_cue:
            best_cue[key] = cue
            scores[key] += TRANSCRIPT_WEIGHT / (RANK_OFFSET + position)
    for kind, model in PROFILE_MODELS.items():
        found = backend.search(terms, model, operator=operator)[:MAX_PROFILE_HITS]
        for position, profile in enumerate(found):
            scores[(kind, profile.pk)] += PROFILE_WEIGHT / (RANK_OFFSET + position)

    ranked = Ranked(passages=best_cue)
    models = indexed_page_models()
    for page_id, (content_type_id, when) in visible(ranked.page_ids(scores)).items():
        ranked.models[(PAGE, page_id)] = models[content_type_id]
        ranked.dates[(PAGE, page_id)] = when
    for key in visible_profiles(scores):
        ranked.models[key] = PROFILE_MODELS[key[0]]
        ranked.dates[key] = None
    ranked.order = sorted(ranked.models, key=lambda key: (-scores[key], key))
    rerank_by_closeness(ranked, scores, terms)
    ranked.scores = {key: scores[key] for key in ranked.order}
    return ranked


def rerank_by_closeness(ranked: Ranked, scores: dict[Key, float], terms: str) -> None:
    """Add to the top results' scores how closely their text matches the words as typed."""
    top = ranked.order[:RERANK_TOP]
    texts = result_texts(ranked, top)
    for key in top:
        scores[key] += CLOSENESS_WEIGHT * french.closeness(terms, texts.get(key, ""))
    ranked.order = sorted(ranked.order, key=lambda key: (-scores[key], key))


def result_texts(ranked: Ranked, keys: list[Key]) -> dict[Key, str]:
    """The searchable text of each result: title and text, and the transcript passage found."""
    texts: dict[Key, str] = {}
    ranked.pages = {
        page.pk: page for page in Page.objects.filter(pk__in=ranked.page_ids(keys)).specific()
    }
    for page_id, page in ranked.pages.items():
        cue = ranked.passages.get((PAGE, page_id))
        texts[(PAGE, page_id)] = " ".join((page.title, page.search_text(), cue.text if cue else ""))
    for person in Person.objects.filter(pk__in=[k[1] for k in keys if k[0] == PERSON]):
        texts[(PERSON, person.pk)] = " ".join((person.name, person.organisation, person.bio))
    for role in Role.objects.filter(pk__in=[k[1] for k in keys if k[0] == ROLE]):
        texts[(ROLE, role.pk)] = " ".join(
            (role.name_fr, role.name_en, role.description_fr, role.description_en)
        )
    return texts


def search(terms: str) -> tuple[Ranked, bool]:
    """Pages with all the words; when none has them all, pages with some (``True`` then)."""
    ranked = rank(terms, operator="and")
    if not ranked.order and len(terms.split()) > 1:
        return rank(terms, operator="or"), True
    return ranked, False


def visible(page_ids) -> dict[int, tuple[int, date | None]]:
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


def to_date(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def apply_filters(ranked: Ranked, filters: dict[str, str]) -> list[Key]:
    """The ranked results that pass every selected facet value.

    Only the type facet applies to people and roles; the others describe pages.
    """
    keys = list(ranked.order)
    if filters.get("type"):
        keys = [k for k in keys if content_type_key(ranked.models[k]) == filters["type"]]
    if any(filters.get(name) for name in FACET_NAMES if name != "type"):
        keys = [k for k in keys if k[0] == PAGE]
    if filters.get("format"):
        keys = [k for k in keys if ranked.models[k].search_format == filters["format"]]
    if filters.get("year"):
        keys = [k for k in keys if ranked.dates[k] and str(ranked.dates[k].year) == filters["year"]]
    if filters.get("tag"):
        tagged = set(
            PageTag.objects.filter(
                content_object_id__in=ranked.page_ids(keys), tag__slug=filters["tag"]
            ).values_list("content_object_id", flat=True)
        )
        keys = [k for k in keys if k[1] in tagged]
    credit_filter = {}
    if filters.get("person"):
        credit_filter["person__slug"] = filters["person"]
    if filters.get("role"):
        credit_filter["role__slug"] = filters["role"]
    if credit_filter:
        credited = set(
            Credit.objects.filter(page_id__in=ranked.page_ids(keys), **credit_filter).values_list(
                "page_id", flat=True
            )
        )
        keys = [k for k in keys if k[1] in credited]
    return keys


def facets(ranked: Ranked, keys: list[Key], filters: dict[str, str]) -> list[Facet]:
    """Counts of each facet value over the filtered results ``keys`` (drill-down)."""
    type_counts = Counter(content_type_key(ranked.models[k]) for k in keys)
    labels = {
        content_type_key(m): str(m._meta.verbose_name).capitalize() for m in ranked.models.values()
    }
    format_counts = Counter(ranked.models[k].search_format for k in keys if k[0] == PAGE)
    year_counts = Counter(str(ranked.dates[k].year) for k in keys if ranked.dates[k])
    ids = ranked.page_ids(keys)
    tags = (
        PageTag.objects.filter(content_object_id__in=ids)
        .values("tag__slug", "tag__name")
        .annotate(count=Count("content_object_id", distinct=True))
        .order_by("-count", "tag__name")[:FACET_LIMIT]
    )
    people = (
        Credit.objects.filter(page_id__in=ids)
        .values("person__slug", "person__name")
        .annotate(count=Count("page_id", distinct=True))
        .order_by("-count", "person__name")[:FACET_LIMIT]
    )
    roles = (
        Credit.objects.filter(page_id__in=ids)
        .values("role__slug", "role__name_fr", "role__name_en")
        .annotate(count=Count("page_id", distinct=True))
        .order_by("-count", "role__name_fr")[:FACET_LIMIT]
    )
    english = (get_language() or "fr").startswith("en")

    def options(name: str, items) -> list[FacetOption]:
        return [
            FacetOption(value, label, count, filters.get(name) == value)
            for value, label, count in items
        ]

    result = [
        Facet("type", _("Content type"), options(
            "type", [(k, labels.get(k, k), n) for k, n in type_counts.most_common()])),
        Facet("format", _("Format"), options(
            "format",
            [(k, str(FORMAT_LABELS.get(k, k)), n) for k, n in format_counts.most_common()])),
        Facet("tag", _("Tag"), options(
            "tag", [(t["tag__slug"], t["tag__name"], t["count"]) for t in tags])),
        Facet("person", _("Person"), options(
            "person", [(p["person__slug"], p["person__name"], p["count"]) for p in people])),
        Facet("role", _("Role"), options("role", [
            (r["role__slug"], (english and r["role__name_en"]) or r["role__name_fr"], r["count"])
            for r in roles])),
        Facet("year", _("Year"), options(
            "year", sorted(((y, y, n) for y, n in year_counts.items()), reverse=True))),
    ]  # fmt: skip
    return [facet for facet in result if facet.options]


def hits_for(keys: list[Key], ranked: Ranked, query: str, request=None) -> list[Hit]:
    """The result cards of one page of results, in the given order."""
    missing = [pk for pk in ranked.page_ids(keys) if pk not in ranked.pages]
    pages = {**ranked.pages, **{p.pk: p for p in Page.objects.filter(pk__in=missing).specific()}}
    people = Person.objects.in_bulk([k[1] for k in keys if k[0] == PERSON])
    roles = Role.objects.in_bulk([k[1] for k in keys if k[0] == ROLE])
    hits = []
    for key in keys:
        kind, pk = key
        model = ranked.models[key]
        type_label = str(model._meta.verbose_name).capitalize()
        if kind == PAGE and pk in pages:
            page = pages[pk]
            cue = ranked.passages.get(key)
            hit = Hit(
                title=page.title,
                url=page.get_url(request),
                type_label=type_label,
                format_label=str(FORMAT_LABELS.get(model.search_format, "")),
                date=ranked.dates.get(key),
                snippet=snippet(page.search_text(), query),
                passage=Passage(cue.start, highlight(cue.text, query)) if cue else None,
            )
        elif kind == PERSON and pk in people:
            person = people[pk]
            text = " ".join(part for part in (person.organisation, person.bio) if part)
            hit = Hit(
                person.name, person_url_for(request, person), type_label, "", None,
                snippet(text, query),
            )  # fmt: skip
        elif kind == ROLE and pk in roles:
            role = roles[pk]
            hit = Hit(
                role.name, role_url_for(request, role), type_label, "", None,
                snippet(role.description, query),
            )  # fmt: skip
        else:
            continue
        hits.append(hit)
    return hits


def sort_ids(keys: list[Key], ranked: Ranked, sort: str) -> list[Key]:
    """Relevance keeps the ranked order; date puts the newest first, undated last."""
    if sort == "date":
        return sorted(keys, key=lambda k: (ranked.dates[k] or date.min, k), reverse=True)
    return keys


def has_content_words(query: str) -> bool:
    return bool(french.stems(query))
