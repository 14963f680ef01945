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
from datetime import date

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from media_pages.models import TranscriptCue
from media_pages.transcripts import timestamp

from . import french
from .cards import PAGE, PROFILE_MODELS, Card, Key, cards
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
    """Visible hits in rank order, with the cards facets, sorting and hits are made from."""

    order: list[Key] = field(default_factory=list)
    scores: dict[Key, float] = field(default_factory=dict)
    cards: dict[Key, Card] = field(default_factory=dict)
    passages: dict[Key, TranscriptCue] = field(default_factory=dict)

    def page_ids(self, keys) -> list[int]:
        return [key[1] for key in keys if key[0] == PAGE]

    def date(self, key: Key) -> date | None:
        return self.cards[key].date


def content_type_key(model: type) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def rank(terms: str, operator: str, request: HttpRequest | None = None) -> Ranked:
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

    ranked = Ranked(passages=best_cue, cards=cards(request, list(scores)))
    ranked.order = sorted(ranked.cards, key=lambda key: (-scores[key], key))
    rerank_by_closeness(ranked, scores, terms)
    ranked.scores = {key: scores[key] for key in ranked.order}
    return ranked


def rerank_by_closeness(ranked: Ranked, scores: dict[Key, float], terms: str) -> None:
    """Add to the top results' scores how closely their text matches the words as typed."""
    for key in ranked.order[:RERANK_TOP]:
        card, cue = ranked.cards[key], ranked.passages.get(key)
        scores[key] += CLOSENESS_WEIGHT * french.closeness(
            terms, cue.text if cue else "", card.words
        )
    ranked.order = sorted(ranked.order, key=lambda key: (-scores[key], key))


def search(terms: str, request: HttpRequest | None = None) -> tuple[Ranked, bool]:
    """Pages with all the words; when none has them all, pages with some (``True`` then)."""
    ranked = rank(terms, "and", request)
    if not ranked.order and len(terms.split()) > 1:
        return rank(terms, "or", request), True
    return ranked, False


def apply_filters(ranked: Ranked, filters: dict[str, str]) -> list[Key]:
    """The ranked results that pass every selected facet value.

    Only the type facet applies to people and roles; the others describe pages.
    """
    keys = list(ranked.order)
    card = ranked.cards.__getitem__
    if filters.get("type"):
        keys = [k for k in keys if content_type_key(card(k).model) == filters["type"]]
    if any(filters.get(name) for name in FACET_NAMES if name != "type"):
        keys = [k for k in keys if k[0] == PAGE]
    if filters.get("format"):
        keys = [k for k in keys if card(k).model.search_format == filters["format"]]
    if filters.get("year"):
        keys = [k for k in keys if card(k).date and str(card(k).date.year) == filters["year"]]
    if filters.get("tag"):
        keys = [k for k in keys if any(slug == filters["tag"] for slug, _n in card(k).tags)]
    if filters.get("person") or filters.get("role"):
        keys = [k for k in keys if _credited(card(k), filters.get("person"), filters.get("role"))]
    return keys


def _credited(card: Card, person: str | None, role: str | None) -> bool:
    """Whether one credit of the page is of ``person`` in ``role`` (either may be left out)."""
    return any(
        (not person or person_slug == person) and (not role or role_slug == role)
        for person_slug, _name, role_slug, *_names in card.credits
    )


def facets(ranked: Ranked, keys: list[Key], filters: dict[str, str]) -> list[Facet]:
    """Counts of each facet value over the filtered results ``keys`` (drill-down)."""
    found = [ranked.cards[k] for k in keys]
    pages = [card for card in found if card.kind == PAGE]
    type_counts = Counter(content_type_key(card.model) for card in found)
    labels = {
        content_type_key(card.model): str(card.model._meta.verbose_name).capitalize()
        for card in ranked.cards.values()
    }
    format_counts = Counter(card.model.search_format for card in pages)
    year_counts = Counter(str(card.date.year) for card in found if card.date)
    english = (get_language() or "fr").startswith("en")
    tags = _counted(pages, lambda card: card.tags)
    people = _counted(pages, lambda card: card.people)
    roles = [
        ((slug, (english and name_en) or name_fr), count)
        for (slug, name_fr, name_en), count in _counted(pages, lambda card: card.roles)
    ]

    def options(name: str, items) -> list[FacetOption]:
        return [
            FacetOption(value, label, count, filters.get(name) == value)
            for value, label, count in items
        ]

    def named(items) -> list[tuple[str, str, int]]:
        return [(value[0], value[1], count) for value, count in items]

    result = [
        Facet("type", _("Content type"), options(
            "type", [(k, labels.get(k, k), n) for k, n in type_counts.most_common()])),
        Facet("format", _("Format"), options(
            "format",
            [(k, str(FORMAT_LABELS.get(k, k)), n) for k, n in format_counts.most_common()])),
        Facet("tag", _("Tag"), options("tag", named(tags))),
        Facet("person", _("Person"), options("person", named(people))),
        Facet("role", _("Role"), options("role", named(roles))),
        Facet("year", _("Year"), options(
            "year", sorted(((y, y, n) for y, n in year_counts.items()), reverse=True))),
    ]  # fmt: skip
    return [
        # Labels as text in the language of the request: results are kept, and lazy labels
        # cost more to keep and read back than the rest of them.
        Facet(facet.name, str(facet.label), facet.options)
        for facet in result
        if facet.options
    ]


def _counted(pages: list[Card], values) -> list[tuple[tuple, int]]:
    """The ``FACET_LIMIT`` values found on most pages (each page counted once per value), most
    first, then by name (the value's second part, after its slug)."""
    counts = Counter(value for card in pages for value in set(values(card)))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0][1], item[0][0]))
    return ordered[:FACET_LIMIT]


def hits_for(keys: list[Key], ranked: Ranked, query: str) -> list[Hit]:
    """The result cards of one page of results, in the given order."""
    hits = []
    for key in keys:
        card, cue = ranked.cards[key], ranked.passages.get(key)
        hits.append(
            Hit(
                title=card.title,
                url=card.url,
                type_label=str(card.model._meta.verbose_name).capitalize(),
                format_label=str(FORMAT_LABELS.get(card.model.search_format, ""))
                if card.kind == PAGE
                else "",
                date=card.date,
                snippet=snippet(card.text, query),
                passage=Passage(cue.start, highlight(cue.text, query)) if cue else None,
            )
        )
    return hits


def sort_ids(keys: list[Key], ranked: Ranked, sort: str) -> list[Key]:
    """Relevance keeps the ranked order; date puts the newest first, undated last."""
    if sort == "date":
        return sorted(keys, key=lambda k: (ranked.date(k) or date.min, k), reverse=True)
    return keys


def has_content_words(query: str) -> bool:
    return bool(french.stems(query))
