"""Searches made on the served site are counted by each gunicorn worker in memory and written
when it stops, as a deployment stops it: the "Search terms" report loses none of them."""

import sqlite3
import urllib.parse
import urllib.request
from pathlib import Path

from tests.live_site import gunicorn, prepared_site, stop_gracefully

COUNTED = """
SELECT SUM(hits.hits) FROM wagtailsearchpromotions_querydailyhits AS hits
JOIN wagtailsearchpromotions_query AS query ON query.id = hits.query_id
WHERE query.query_string = ?
"""


def test_searches_counted_in_memory_are_written_when_the_server_stops():
    with prepared_site([], from_demo=True) as env, gunicorn(env) as base:
        for _ in range(6):
            address = base + "/recherche/?" + urllib.parse.urlencode({"q": "classe inversée"})
            with urllib.request.urlopen(address, timeout=30) as response:
                assert response.status == 200
        # Counted, not written yet: the first write waits SEARCH_HITS_FLUSH_SECONDS.
        [database] = Path(env["VAR_DIR"]).glob("*.sqlite3")
        with sqlite3.connect(database) as connection:
            assert connection.execute(COUNTED, ["classe inversée"]).fetchone()[0] is None
        stop_gracefully(base)
        with sqlite3.connect(database) as connection:
            assert connection.execute(COUNTED, ["classe inversée"]).fetchone()[0] == 6
