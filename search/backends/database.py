"""The embedded database backend, in French on SQLite and PostgreSQL (others: Wagtail's own)."""

from django.db import connection


def SearchBackend(params: dict):  # Wagtail looks this name up
    if connection.vendor == "postgresql":
        from .postgres import FrenchPostgresSearchBackend

        return FrenchPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        if fts5_available() and fts_table_exists():
            from .sqlite import FrenchSQLiteSearchBackend

            return FrenchSQLiteSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as DefaultSearchBackend

    return DefaultSearchBackend(params)
