"""PostgreSQL text search configurations for French (nothing to do on other databases)."""

from django.db import migrations

CREATE = """
CREATE TEXT SEARCH CONFIGURATION collectif_french (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION collectif_french
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION collectif_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION collectif_simple
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
"""
DROP = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS collectif_french;
DROP TEXT SEARCH CONFIGURATION IF EXISTS collectif_simple;
"""
MISSING_UNACCENT = (
    "The PostgreSQL extension 'unaccent' is missing and this role may not create it. "
    "As a superuser, run: CREATE EXTENSION IF NOT EXISTS unaccent; in this database "
    "(and in template1 so that test databases inherit it), then migrate again."
)


def create_configurations(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
        if cursor.fetchone() is None:
            cursor.execute("SAVEPOINT collectif_unaccent")
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            except Exception as error:
                cursor.execute("ROLLBACK TO SAVEPOINT collectif_unaccent")
                raise RuntimeError(MISSING_UNACCENT) from error
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'collectif_french'")
        if cursor.fetchone() is None:
            cursor.execute(CREATE)


def drop_configurations(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
