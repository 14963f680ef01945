"""A GIN index on ``title || body`` of the search index entries (PostgreSQL only).

modelsearch matches ``(title || body) @@ query``: its GIN indexes on ``title`` and ``body`` alone
cannot serve that expression, so every search read the whole table. See docs/decisions.md.
"""

from django.db import migrations

INDEX = "collectif_indexentry_title_body_gin"
CREATE = f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def create_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("collectif_search", "0001_french_text_search"),
        ("wagtailsearch", "0006_customise_indexentry"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
