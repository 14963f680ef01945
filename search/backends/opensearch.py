"""Wagtail's OpenSearch backend, with an autocomplete that folds accents and elisions.

Built on modelsearch's ``opensearch3`` classes: they call the ``opensearch-py`` 3.x client with
keyword arguments (the ``opensearch2`` classes pass positional ones, which that client refuses);
the server may be OpenSearch 2.x (our node is 2.19) or 3.x.

Full-text fields use the index's ``default`` analyzer (French, set in ``INDEX_SETTINGS``).
Wagtail searches its edge-ngram autocomplete fields with the ``standard`` analyzer, which keeps
accents, so *pedago* would not find *pédagogie*: here they use ``autocomplete_search``.
"""

from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
)


class FrenchOpenSearchMapping(OpenSearch3Mapping):
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "autocomplete_search",
    }


class FrenchOpenSearchSearchQueryCompiler(OpenSearch3SearchQueryCompiler):
    mapping_class = FrenchOpenSearchMapping


class FrenchOpenSearchAutocompleteQueryCompiler(OpenSearch3AutocompleteQueryCompiler):
    mapping_class = FrenchOpenSearchMapping


class FrenchOpenSearchSearchBackend(OpenSearch3SearchBackend):
    mapping_class = FrenchOpenSearchMapping
    query_compiler_class = FrenchOpenSearchSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchOpenSearchAutocompleteQueryCompiler


SearchBackend = FrenchOpenSearchSearchBackend
