"""SQLite FTS5 with French stemming: the index and the queries both go through ``search.french``.

FTS5 only splits words (and folds accents); it has no French stemmer. So the text is analysed
in Python before it is stored (stems for full-text fields, folded words for autocomplete), and
each query gets the same treatment before it reaches ``MATCH``.
"""

from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from search import french


class FrenchObjectIndexer(ObjectIndexer):
    @cached_property
    def title(self) -> str:
        return french.stemmed_text(super().title)

    @cached_property
    def body(self) -> str:
        return french.stemmed_text(super().body)

    @cached_property
    def autocomplete(self) -> str:
        return french.folded_text(super().autocomplete)


class FrenchSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs) -> None:
        if not model.get_search_fields():
            return
        indexers = [FrenchObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {
            indexer.id: {
                "title": indexer.title,
                "autocomplete": indexer.autocomplete,
                "body": indexer.body,
            }
            for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed:
            entries.filter(object_id=object_id).update(**data[object_id])
        self.entries.bulk_create(
            IndexEntry(content_type_id=content_type_pk, object_id=object_id, **fields)
            for object_id, fields in data.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class FrenchQueryMixin:
    """Rewrites plain-text and phrase queries into what the index stores."""

    analyse = staticmethod(french.stemmed_text)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            query = PlainText(self.analyse(query.query_string), operator=query.operator)
        elif isinstance(query, Phrase):
            query = Phrase(self.analyse(query.query_string))
        return super().build_search_query_content(query, config=config)


class FrenchSQLiteSearchQueryCompiler(FrenchQueryMixin, SQLiteSearchQueryCompiler):
    pass


class FrenchSQLiteAutocompleteQueryCompiler(FrenchQueryMixin, SQLiteAutocompleteQueryCompiler):
    analyse = staticmethod(french.folded_text)


class FrenchSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = FrenchSQLiteIndex
    query_compiler_class = FrenchSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchSQLiteAutocompleteQueryCompiler
