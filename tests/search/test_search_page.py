"""The search page answers every query string with a page, never a server error."""

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import StandardPageFactory

# Surrogates cannot be sent in a URL at all: a browser never produces them.
NO_SURROGATES = st.characters(blacklist_categories=("Cs",))


@pytest.fixture
def indexed(home):
    StandardPageFactory(
        parent=home, title="Valeurs du collectif", intro="Bienveillance et ouverture"
    )
    StandardPageFactory(parent=home, title="Brouillon secret", live=False)
    call_command("update_index", verbosity=0)
    return home


@pytest.mark.django_db
def test_search_finds_live_pages_only(client, indexed):
    content = client.get("/recherche/", {"q": "valeurs"}).content.decode()
    assert "Valeurs du collectif" in content
    assert "Brouillon secret" not in client.get("/recherche/", {"q": "secret"}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"q": "valeurs", "page": "abc"},
        {"q": "valeurs", "page": "-3"},
        {"q": "valeurs", "page": "99999999999999999999"},
        {"q": "x" * 10_000},
        {"q": "\x00"},
        {"q": '"unbalanced AND (OR'},
        {"q": "🎙️ podcast"},
        {"q": "l'évaluation"},
        {"q": ["a", "b"]},
    ],
)
def test_bad_query_strings_get_a_page_not_an_error(client, indexed, query):
    response = client.get("/recherche/", query)
    assert response.status_code == 200


@pytest.mark.django_db
def test_any_page_ignores_an_unknown_or_bad_parameter(client, indexed):
    assert client.get("/", {"page": "abc", "q": "\x00"}).status_code == 200


@pytest.mark.django_db
def test_search_only_accepts_get(client, indexed):
    assert client.post("/recherche/", {"q": "x"}).status_code == 405


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(NO_SURROGATES, max_size=300), page=st.text(NO_SURROGATES, max_size=12))
def test_search_never_fails_whatever_the_text(client, indexed, q, page):
    response = client.get("/recherche/", {"q": q, "page": page})
    assert response.status_code == 200
