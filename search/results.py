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

from community.models import Credit
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
FORMAT_LABELS = {
    "video": _("Video"),
    "audio": _("Audio"),
    "interactive": _("Interactive presentation"),
    "text": _("Text"),
}
FACET_NAMES = ("type", "format", "tag", "person", "role", "year")
FACET_LIMIT = 12


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
    page: Page
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

    order: list[int] = field(default_factory=list)
    scores: dict[int, float] = field(default_factory=dict)
    content_type: dict[int, int] = field(default_factory=dict)
    dates: dict[int, date | None] = field(default_factory=dict)
    passages: dict[int, TranscriptCue] = field(default_factory=dict)


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
    """Visible pages matching ``terms``, best first, fused from the page and transcript indexes."""
    scores: dict[int, float] = defaultdict(float)
    page_ids = [
        page.pk for page in Page.objects.live().search(terms, operator=operator)[:MAX_PAGE_HITS]
    ]
    for position, page_id in enumerate(page_ids):
        scores[page_id] += PAGE_WEIGHT / (RANK_OFFSET + position)
    best_cue: dict[int, TranscriptCue] = {}
    cues = get_search_backend().search(terms, TranscriptCue, operator=operator)[:MAX_CUE_HITS]
    for position, cue in enumerate(cues):
        if cue.page_id not in best_cue:
            best_cue[cue.page_id] = cue
            scores[cue.page_id] += TRANSCRIPT_WEIGHT / (RANK_OFFSET + position)

    ranked = Ranked(passages=best_cue)
    for page_id, (content_type_id, when) in visible(scores).items():
        ranked.content_type[page_id] = content_type_id
        ranked.dates[page_id] = when
    ranked.order = sorted(ranked.content_type, key=lambda page_id: (-scores[page_id], page_id))
    ranked.scores = {page_id: scores[page_id] for page_id in ranked.order}
    return ranked


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


def to_date(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def apply_filters(ranked: Ranked, filters: dict[str, str]) -> list[int]:
    """The ranked ids that pass every selected facet value."""
    ids = list(ranked.order)
    models = indexed_page_models()
    if filters.get("type"):
        ids = [
            i for i in ids if content_type_key(models[ranked.content_type[i]]) == filters["type"]
        ]
    if filters.get("format"):
        ids = [i for i in ids if models[ranked.content_type[i]].search_format == filters["format"]]
    if filters.get("year"):
        ids = [i for i in ids if ranked.dates[i] and str(ranked.dates[i].year) == filters["year"]]
    if filters.get("tag"):
        tagged = set(
            PageTag.objects.filter(content_object_id__in=ids, tag__slug=filters["tag"]).values_list(
                "content_object_id", flat=True
            )
        )
        ids = [i for i in ids if i in tagged]
    credit_filter = {}
    if filters.get("person"):
        credit_filter["person__slug"] = filters["person"]
    if filters.get("role"):
        credit_filter["role__slug"] = filters["role"]
    if credit_filter:
        credited = set(
            Credit.objects.filter(page_id__in=ids, **credit_filter).values_list(
                "page_id", flat=True
            )
        )
        ids = [i for i in ids if i in credited]
    return ids


def facets(ranked: Ranked, ids: list[int], filters: dict[str, str]) -> list[Facet]:
    """Counts of each facet value over the filtered results ``ids`` (drill-down)."""
    models = indexed_page_models()
    type_counts = Counter(content_type_key(models[ranked.content_type[i]]) for i in ids)
    labels = {content_type_key(m): str(m._meta.verbose_name).capitalize() for m in models.values()}
    format_counts = Counter(models[ranked.content_type[i]].search_format for i in ids)
    year_counts = Counter(str(ranked.dates[i].year) for i in ids if ranked.dates[i])
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


def hits_for(ids: list[int], ranked: Ranked, query: str) -> list[Hit]:
    """The result cards of one page of results, in the given order."""
    models = indexed_page_models()
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    hits = []
    for page_id in ids:
        page = pages.get(page_id)
        if page is None:
            continue
        model = models[ranked.content_type[page_id]]
        cue = ranked.passages.get(page_id)
        hits.append(
            Hit(
                page=page,
                type_label=str(model._meta.verbose_name).capitalize(),
                format_label=str(FORMAT_LABELS.get(model.search_format, "")),
                date=ranked.dates.get(page_id),
                snippet=snippet(page.search_text(), query),
                passage=Passage(cue.start, highlight(cue.text, query)) if cue else None,
            )
        )
    return hits


def sort_ids(ids: list[int], ranked: Ranked, sort: str) -> list[int]:
    """Relevance keeps the ranked order; date puts the newest first, undated last."""
    if sort == "date":
        return sorted(ids, key=lambda i: (ranked.dates[i] or date.min, i), reverse=True)
    return ids


def has_content_words(query: str) -> bool:
    return bool(french.stems(query))
