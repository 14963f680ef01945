"""The relevance set scored on every engine; the scores are printed, low scores fail."""

import pytest
from django.db import connection

from .relevance import load_queries, score

MIN_RECALL = 0.9
MIN_MRR = 0.85


def report(capsys, outcome) -> None:
    with capsys.disabled():
        print(f"\n[relevance] {outcome.line()}")
        for miss in outcome.misses:
            print(f"[relevance]   miss {miss}")


def test_the_relevance_set_has_at_least_thirty_french_queries():
    assert len(load_queries()) >= 30


@pytest.mark.django_db
def test_relevance_on_the_database_backend(demo_content, capsys):
    outcome = score(f"{connection.vendor}")
    report(capsys, outcome)
    assert outcome.recall >= MIN_RECALL, outcome.misses
    assert outcome.mrr >= MIN_MRR, outcome.misses


@pytest.mark.opensearch
@pytest.mark.django_db
def test_relevance_on_opensearch(demo_content, opensearch, capsys):
    opensearch()
    outcome = score("opensearch")
    report(capsys, outcome)
    assert outcome.recall >= MIN_RECALL, outcome.misses
    assert outcome.mrr >= MIN_MRR, outcome.misses
