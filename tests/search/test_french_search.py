"""French search on every engine: accents, elisions, inflections, visibility, transcripts."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from media_pages.transcripts import parse_transcript, replace_cues
from tests.factories import StandardPageFactory
from tests.search.pagetypes.models import RecordingTestPage

TRANSCRIPT = """WEBVTT

00:00:05.000 --> 00:00:09.000
Bonjour et bienvenue.

00:01:02.500 --> 00:01:08.000
Nous parlons maintenant de la remédiation après un contrôle.
""".encode()


@pytest.fixture(params=["database", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def engine(request, db):
    """Runs the test on the database backend (SQLite or PostgreSQL) and on OpenSearch."""
    if request.param == "opensearch":
        return request.getfixturevalue("opensearch")
    return lambda: call_command("update_index", verbosity=0)


@pytest.fixture
def corpus(home):
    today = timezone.localdate()
    pages = {
        "evaluation": StandardPageFactory(
            parent=home, title="L’évaluation pédagogique", intro="Des grilles pour les élèves."
        ),
        "recording": RecordingTestPage(
            title="Atelier enregistré", slug="atelier", recorded_on=today, intro="Un atelier."
        ),
        "future": RecordingTestPage(
            title="Évaluation à venir",
            slug="a-venir",
            recorded_on=today + datetime.timedelta(days=7),
            intro="Une évaluation annoncée.",
        ),
        "draft": StandardPageFactory(
            parent=home, title="Évaluation en brouillon", intro="Pas encore publiée.", live=False
        ),
        "private": StandardPageFactory(
            parent=home, title="Évaluation réservée", intro="Pour les membres."
        ),
    }
    home.add_child(instance=pages["recording"])
    home.add_child(instance=pages["future"])
    PageViewRestriction.objects.create(
        page=pages["private"], restriction_type="password", password="secret"
    )
    replace_cues(pages["recording"], parse_transcript(TRANSCRIPT, "t.vtt"))
    replace_cues(pages["draft"], parse_transcript(TRANSCRIPT, "t.vtt"))
    return pages


def titles(client, query, **params) -> list[str]:
    response = client.get("/recherche/", {"q": query, **params})
    assert response.status_code == 200
    return [hit.title for hit in response.context.get("hits", [])]


@pytest.mark.parametrize(
    "query",
    ["pedagogique", "PÉDAGOGIQUE", "l'évaluation", "évaluations", "évaluer", "evaluer", "élève"],
)
def test_french_words_find_their_accented_inflected_forms(client, corpus, engine, query):
    engine()
    assert "L’évaluation pédagogique" in titles(client, query)


def test_drafts_private_and_future_pages_never_appear(client, corpus, engine):
    engine()
    found = titles(client, "évaluation")
    assert "L’évaluation pédagogique" in found
    assert not {"Évaluation à venir", "Évaluation en brouillon", "Évaluation réservée"} & set(found)
    assert titles(client, "remédiation") == ["Atelier enregistré"]


def test_a_transcript_hit_links_to_the_moment_it_was_said(client, corpus, engine):
    engine()
    response = client.get("/recherche/", {"q": "remediations"})
    (hit,) = response.context["hits"]
    assert (hit.passage.seconds, hit.passage.label) == (62, "1:02")
    html = response.content.decode()
    assert f'href="{corpus["recording"].url}#t=62"' in html
    assert "<mark>remédiation</mark>" in html


def test_autocomplete_suggests_pages_from_the_first_letters(client, corpus, engine):
    engine()
    data = client.get("/recherche/suggestions/", {"q": "pedago"}).json()
    assert [item["title"] for item in data["results"]] == ["L’évaluation pédagogique"]
    assert data["results"][0]["url"] == corpus["evaluation"].url
    hidden = client.get("/recherche/suggestions/", {"q": "brouillon"}).json()
    assert hidden["results"] == []


@pytest.mark.opensearch
def test_opensearch_rebuilds_behind_an_alias(client, corpus, opensearch):
    from wagtail.search.backends import get_search_backend

    opensearch()
    backend = get_search_backend()
    index = backend.get_index_for_model(RecordingTestPage)
    first = set(backend.es.indices.get_alias(name=index.name))
    assert index.name not in first  # the name is an alias to a concrete index
    opensearch()
    second = set(backend.es.indices.get_alias(name=index.name))
    assert len(second) == 1 and second != first
    assert not backend.es.indices.exists(index=",".join(first))
    assert "L’évaluation pédagogique" in titles(client, "évaluer")


@pytest.mark.parametrize("query", ["de", "de la", "  le  ", "l'"])
def test_a_query_of_stop_words_only_finds_nothing_and_never_raises(corpus, engine, query):
    """Called on the backend directly (the search page may filter such queries earlier)."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    engine()
    backend = get_search_backend()
    results = backend.search(query, Page.objects.live())
    assert list(results) == []
    assert results.count() == 0
    suggestions = backend.autocomplete(query, Page.objects.live())
    assert isinstance(list(suggestions), list)
