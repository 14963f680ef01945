"""The SQLite backend filters its matches best first, only until the slice asked for is full."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_matches(home):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backend's own ranking (PostgreSQL ranks in SQL)")
    for n in range(30):
        body = "évaluation " * (1 + n % 4)
        StandardPageFactory(parent=home, title=f"Page {n}", intro=f"{body} numéro {n}")
    call_command("update_index", verbosity=0)


def test_a_slice_of_a_common_word_filters_only_its_best_candidates(many_matches, monkeypatch):
    from search.backends import sqlite as sqlite_backend  # its FTS model exists on SQLite only

    backend = get_search_backend()
    everything = [page.pk for page in backend.search("évaluation", Page.objects.live())]
    assert len(everything) == 30
    monkeypatch.setattr(sqlite_backend, "ID_CHUNK", 5)
    with CaptureQueriesContext(connection) as queries:
        first = [page.pk for page in backend.search("évaluation", Page.objects.live())[:3]]
    assert first == everything[:3]  # the same order as the whole list
    filtering = [q for q in queries.captured_queries if 'FROM "wagtailcore_page"' in q["sql"]]
    # One chunk of five candidates through the queryset's filters, then the three pages.
    assert len(filtering) == 2, [q["sql"][:120] for q in filtering]
    later = [page.pk for page in backend.search("évaluation", Page.objects.live())[12:17]]
    assert later == everything[12:17]
