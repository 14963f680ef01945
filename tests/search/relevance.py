"""Run the relevance set (relevance.toml) through the search and score it: recall@3 and MRR."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Page

from community.models import Person, Role
from search import results
from search.cards import PAGE, PERSON, ROLE
from search.query import plain_terms

RELEVANCE_SET = Path(__file__).with_name("relevance.toml")
TOP = 3


def load_queries() -> dict[str, list[str]]:
    with RELEVANCE_SET.open("rb") as data:
        return tomllib.load(data)["queries"]


@dataclass
class Score:
    engine: str
    recall: float = 0.0
    mrr: float = 0.0
    misses: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.engine:<12} recall@{TOP} {self.recall:.3f}   MRR {self.mrr:.3f}"


def ranked_slugs(query: str) -> list[str]:
    """The first ten results: pages as ``parent/slug``, ``personne:<slug>``, ``role:<slug>``."""
    ranked, _broadened = results.search(plain_terms(query))
    top = ranked.order[:10]
    pages = Page.objects.filter(pk__in=ranked.page_ids(top))
    names = {
        PAGE: {page.pk: "/".join(page.url_path.strip("/").split("/")[-2:]) for page in pages},
        PERSON: {p.pk: f"personne:{p.slug}" for p in Person.objects.all()},
        ROLE: {r.pk: f"role:{r.slug}" for r in Role.objects.all()},
    }
    return [names[kind][pk] for kind, pk in top if pk in names[kind]]


def matches(expected: str, found: str) -> bool:
    return found == expected or found.endswith("/" + expected)


def score(engine: str) -> Score:
    queries = load_queries()
    outcome = Score(engine)
    recall_sum = reciprocal_sum = 0.0
    for query, expected in queries.items():
        found = ranked_slugs(query)
        hits = [e for e in expected if any(matches(e, f) for f in found[:TOP])]
        recall_sum += len(hits) / len(expected)
        rank = next(
            (n for n, name in enumerate(found, 1) if any(matches(e, name) for e in expected)), None
        )
        reciprocal_sum += 1 / rank if rank else 0.0
        if len(hits) < len(expected):
            outcome.misses.append(f"{query!r}: expected {expected}, got {found[:TOP]}")
    outcome.recall = recall_sum / len(queries)
    outcome.mrr = reciprocal_sum / len(queries)
    return outcome
