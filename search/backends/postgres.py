"""PostgreSQL full-text search with the ``collectif_french`` configuration.

``collectif_french`` is PostgreSQL's ``french`` (Snowball stems, stop words) with ``unaccent``
before stemming; ``collectif_simple`` folds accents without stemming, for autocomplete. Both are
created by the ``collectif_search`` migration, which needs the ``unaccent`` extension.
"""

from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

SEARCH_CONFIG = "collectif_french"
AUTOCOMPLETE_CONFIG = "collectif_simple"


class FrenchPostgresSearchBackend(PostgresSearchBackend):
    def __init__(self, params: dict):
        params = {"SEARCH_CONFIG": SEARCH_CONFIG, **params}
        super().__init__(params)
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", AUTOCOMPLETE_CONFIG)
