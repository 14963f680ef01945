"""Wagtail's OpenSearch 2 backend, with an autocomplete that folds accents and elisions.

Full-text fields use the index's ``default`` analyzer (French, set in ``INDEX_SETTINGS``).
Wagtail searches its edge-ngram autocomplete fields with the ``standard`` analyzer, which keeps
accents, so *pedago* would not find *pédagogie*: here they use ``autocomplete_search``.
"""

from modelsearch.backends.opensearch2 import (
    OpenSearch2AutocompleteQueryCompiler,
    OpenSearch2Mapping,
    OpenSearch2SearchBackend,
    OpenSearch2SearchQueryCompiler,
)


class FrenchOpenSearch2Mapping(OpenSearch2Mapping):
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "autocomplete_search",
    }


class FrenchOpenSearch2SearchQueryCompiler(OpenSearch2SearchQueryCompiler):
    mapping_class = FrenchOpenSearch2Mapping


class FrenchOpenSearch2AutocompleteQueryCompiler(OpenSearch2AutocompleteQueryCompiler):
    mapping_class = FrenchOpenSearch2Mapping


class FrenchOpenSearch2SearchBackend(OpenSearch2SearchBackend):
    mapping_class = FrenchOpenSearch2Mapping
    query_compiler_class = FrenchOpenSearch2SearchQueryCompiler
    autocomplete_query_compiler_class = FrenchOpenSearch2AutocompleteQueryCompiler


SearchBackend = FrenchOpenSearch2SearchBackend
