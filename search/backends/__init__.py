"""Wagtail search backends that understand French, one per engine.

``search.backends.database`` replaces ``wagtail.search.backends.database``: Snowball stems on
SQLite, the ``collectif_french`` text search configuration on PostgreSQL. ``search.backends.
opensearch`` is Wagtail's OpenSearch backend whose autocomplete also folds accents; its
French analyzer comes from ``INDEX_SETTINGS`` (``config.settings.environment``).
"""
