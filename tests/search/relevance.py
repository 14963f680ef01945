"""Run the relevance set (relevance.toml) through the search and score it: recall@3 and MRR."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Page

from search import results
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
    ranked, _broadened = results.search(plain_terms(query))
    slugs = dict(Page.objects.filter(pk__in=ranked.order[:10]).values_list("pk", "slug"))
    return [slugs[page_id] for page_id in ranked.order[:10] if page_id in slugs]


def score(engine: str) -> Score:
    queries = load_queries()
    outcome = Score(engine)
    recall_sum = reciprocal_sum = 0.0
    for query, expected in queries.items():
        found = ranked_slugs(query)
        recall_sum += len(set(expected) & set(found[:TOP])) / len(expected)
        rank = next((n for n, slug in enumerate(found, 1) if slug in expected), None)
        reciprocal_sum += 1 / rank if rank else 0.0
        if not set(expected) <= set(found[:TOP]):
            outcome.misses.append(f"{query!r}: expected {expected}, got {found[:TOP]}")
    outcome.recall = recall_sum / len(queries)
    outcome.mrr = reciprocal_sum / len(queries)
    return outcome
