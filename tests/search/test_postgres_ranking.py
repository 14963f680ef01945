"""The PostgreSQL backend ranks the index entries before it reads the rows: the same results, in
the same order and with the same scores, as modelsearch's statement ranking every joined row."""

import random

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Phrase, PlainText

from media_pages.models import TranscriptCue
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

# Stems shared by several words ("évaluation", "évaluer"), words repeated within a passage:
# many matches per word, many equal ranks, and ranks that depend on the counts.
WORDS = """évaluation évaluations évaluer formative grille grilles élève élèves atelier podcast
séance carte mentale tutorat le la des pour avec""".split()  # noqa: SIM905
QUERIES = [
    "évaluation",
    "grille",
    "élèves atelier",
    "carte mentale",
    PlainText("podcast tutorat", operator="or"),
    Phrase("carte mentale"),
    "introuvable",
    "de la",
]
SLICES = [(0, 10), (0, 3), (5, 25), (0, None), (150, None)]


@pytest.fixture
def corpus(home):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backend's own ranking")
    rng = random.Random(15)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 14))) for _ in range(300)]
    texts += ["évaluation formative"] * 6  # equal ranks: the order falls back to the pk
    other = StandardPageFactory(parent=home, title="Transcription")
    TranscriptCue.objects.bulk_create(
        TranscriptCue(page=other if n % 4 == 0 else home, start=n, end=n + 1, text=text)
        for n, text in enumerate(texts)
    )
    TranscriptCue.objects.create(page=home, start=999, end=1000, text="Une remédiation.")
    for n in range(12):
        page = StandardPageFactory(
            parent=home,
            title=" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5))),
            intro=" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 20))),
        )
        if n % 3 == 0:
            page.unpublish()
    call_command("update_index", verbosity=0)
    return other


def full_ranking():
    """modelsearch's own backend with our configurations: one statement ranks every row."""
    from modelsearch.backends.database.postgres.postgres import (  # PostgreSQL only
        PostgresSearchBackend,
    )

    from search.backends.postgres import AUTOCOMPLETE_CONFIG, SEARCH_CONFIG

    backend = PostgresSearchBackend({"SEARCH_CONFIG": SEARCH_CONFIG})
    backend.autocomplete_config = AUTOCOMPLETE_CONFIG
    return backend


def scored(results) -> list[tuple[int, float]]:
    return [(obj.pk, obj.score) for obj in results.annotate_score("score")]


def querysets(quarter_page):
    return {
        "cues": TranscriptCue.objects.all(),
        "a quarter of the cues": TranscriptCue.objects.filter(page=quarter_page),
        "live pages": Page.objects.live(),
    }


def test_results_match_the_full_ranking_in_order_and_score(corpus, monkeypatch):
    from search.backends import postgres  # PostgreSQL only

    # Few candidates at first and small chunks: filtered querysets need the rest of the ranking.
    monkeypatch.setattr(postgres, "FIRST_CANDIDATES", 4)
    monkeypatch.setattr(postgres, "ID_CHUNK", 7)
    backend, reference = get_search_backend(), full_ranking()
    assert isinstance(backend, postgres.FrenchPostgresSearchBackend)
    compared = 0
    for name, queryset in querysets(corpus).items():
        for query in QUERIES:
            for start, stop in SLICES:
                ours = scored(backend.search(query, queryset)[start:stop])
                theirs = scored(reference.search(query, queryset)[start:stop])
                assert ours == theirs, (name, query, start, stop)
                compared += bool(theirs)
    assert compared > 40  # most comparisons have results to compare


def test_autocomplete_matches_the_full_ranking(corpus):
    backend, reference = get_search_backend(), full_ranking()
    for prefix in ("éval", "gril", "ment"):
        ours = [page.pk for page in backend.autocomplete(prefix, Page.objects.live())[:10]]
        theirs = [page.pk for page in reference.autocomplete(prefix, Page.objects.live())[:10]]
        assert ours == theirs and ours, prefix


def test_a_slice_ranks_the_entries_once_and_reads_only_its_best_rows(corpus):
    from search.backends import postgres  # PostgreSQL only

    backend = get_search_backend()
    with CaptureQueriesContext(connection) as queries:
        found = list(backend.search("évaluation", TranscriptCue)[:10])
    assert len(found) == 10
    ranking = [q["sql"] for q in queries.captured_queries if "ts_rank" in q["sql"]]
    assert len(ranking) == 1 and f"LIMIT {postgres.FIRST_CANDIDATES}" in ranking[0], ranking
    assert 'JOIN "media_pages_transcriptcue"' not in ranking[0]
    cues = [q for q in queries.captured_queries if 'FROM "media_pages_transcriptcue"' in q["sql"]]
    # The candidates through the queryset's filters, then the ten rows.
    assert len(cues) == 2, [q["sql"][:120] for q in cues]


def test_the_match_is_served_by_the_title_and_body_index(corpus):
    from search.backends import postgres  # PostgreSQL only

    backend = get_search_backend()
    compiler = backend.query_compiler_class(TranscriptCue.objects.all(), PlainText("remédiation"))
    entries = compiler.ranked_entries(backend.config)
    sql, params = entries.query.sql_with_params()
    with connection.cursor() as cursor:
        # The table is tiny and its new entries wait in the index's pending list: without this
        # the planner prefers other paths, whether the index can serve the match or not.
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [postgres.INDEX_NAME])
        cursor.execute("ANALYZE wagtailsearch_indexentry")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert postgres.INDEX_NAME in plan, plan
