"""The embedded database backend, in French on SQLite and PostgreSQL (others: Wagtail's own)."""

from django.db import connection


def SearchBackend(params: dict):  # Wagtail looks this name up
    # Each import below is for one database engine: only the engine in use is loaded.
    if connection.vendor == "postgresql":
        # (PostgreSQL) our French backend, built on modelsearch's PostgreSQL backend.
        from .postgres import FrenchPostgresSearchBackend

        return FrenchPostgresSearchBackend(params)
    if connection.vendor == "sqlite" and _sqlite_fts_ready():
        # (SQLite) our French backend, built on modelsearch's FTS5 backend.
        from .sqlite import FrenchSQLiteSearchBackend

        return FrenchSQLiteSearchBackend(params)
    # Any other database: Wagtail's own backend for it.
    from modelsearch.backends.database import SearchBackend as DefaultSearchBackend

    return DefaultSearchBackend(params)


_fts_seen: set[str] = set()


def _sqlite_fts_ready() -> bool:
    """Whether the database has FTS5 and its index table: asked until it has (a query each
    time, and every search builds its backend), then taken as settled for that database."""
    name = str(connection.settings_dict["NAME"])
    if name not in _fts_seen:
        # (SQLite) modelsearch's FTS5 helpers, imported only on SQLite.
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        if fts5_available() and fts_table_exists():
            _fts_seen.add(name)
    return name in _fts_seen
