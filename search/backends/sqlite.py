"""SQLite FTS5 with French stemming: the index and the queries both go through ``search.french``.

FTS5 only splits words (and folds accents); it has no French stemmer. So the text is analysed
in Python before it is stored (stems for full-text fields, folded words for autocomplete), and
each query gets the same treatment before it reaches ``MATCH``.
"""

from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search import french

ID_CHUNK = 2000


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
        # One upsert, not "look, then insert": the upload view and the background task may
        # index the same item at once, and the later insert then broke the unique constraint.
        self.entries.bulk_create(
            [
                IndexEntry(content_type_id=content_type_pk, object_id=object_id, **fields)
                for object_id, fields in data.items()
            ],
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=["title", "autocomplete", "body"],
        )
        self._refresh_title_norms()


class FrenchQueryMixin:
    """Rewrites plain-text and phrase queries into what the index stores."""

    analyse = staticmethod(french.stemmed_text)

    def only_stop_words(self) -> bool:
        """Nothing left once analysed ("de", "l'"): modelsearch would compile an empty MATCH
        and raise AttributeError; such a query finds nothing."""
        query = self.query
        if isinstance(query, PlainText | Phrase):
            return not self.analyse(query.query_string).strip()
        return False

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            query = PlainText(self.analyse(query.query_string), operator=query.operator)
        elif isinstance(query, Phrase):
            query = Phrase(self.analyse(query.query_string))
        return super().build_search_query_content(query, config=config)


class FlatRankingMixin:
    """Ranks with flat queries instead of a correlated BM25 subquery per candidate row.

    modelsearch annotates every row of the filtered queryset with a subquery that runs the
    FTS ``MATCH`` again: 36 s for one word over 10,000 transcript passages (bench/search.py),
    0.4 s this way. The ``MATCH`` runs once for (entry, bm25), the queryset's own filters run on
    those ids, and the slice is sorted in Python. Same order: score ascending, then -pk.
    """

    def search(self, config, start, stop, score_field=None):
        if self.only_stop_words():
            return []
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)) or not self.order_by_relevance:
            return super().search(config, start, stop, score_field=score_field)
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        # The MATCH alone (no join): joined to the index entries, SQLite re-ran the MATCH for
        # every entry of the content type. Title weighting as in modelsearch: bm25 * (norm + 1).
        bm25 = dict(
            SQLiteFTSIndexEntry.objects.filter(match)
            .annotate(score=BM25())
            .values_list("index_entry_id", "score")
        )
        content_types = get_descendants_content_types_pks(self.queryset.model)
        pk_field = self.queryset.model._meta.pk
        entry_ids = list(bm25)
        scores = {
            pk_field.to_python(object_id): bm25[entry_id] * (title_norm + 1.0)
            for begin in range(0, len(entry_ids), ID_CHUNK)
            for entry_id, object_id, title_norm in IndexEntry.objects.filter(
                pk__in=entry_ids[begin : begin + ID_CHUNK], content_type_id__in=content_types
            ).values_list("pk", "object_id", "title_norm")
        }
        # An IN (subquery) on the text object_id made SQLite scan for every row (5 s at 10,000
        # rows); explicit id lists in chunks use the primary key index.
        candidates = list(scores)
        allowed = [
            pk
            for begin in range(0, len(candidates), ID_CHUNK)
            for pk in self.queryset.filter(pk__in=candidates[begin : begin + ID_CHUNK]).values_list(
                "pk", flat=True
            )
        ]
        ordered = sorted(allowed, key=lambda pk: (scores.get(pk, 0.0), -pk))[start:stop]
        objects = self.queryset.in_bulk(ordered)
        found = [objects[pk] for pk in ordered if pk in objects]
        if score_field:
            for obj in found:
                setattr(obj, score_field, scores.get(obj.pk))
        return found


class FrenchSQLiteSearchQueryCompiler(
    FlatRankingMixin, FrenchQueryMixin, SQLiteSearchQueryCompiler
):
    pass


class FrenchSQLiteAutocompleteQueryCompiler(
    FlatRankingMixin, FrenchQueryMixin, SQLiteAutocompleteQueryCompiler
):
    analyse = staticmethod(french.folded_text)


class FrenchSQLiteSearchResults(SQLiteSearchResults):
    def _do_count(self) -> int:
        if self.query_compiler.only_stop_words():
            return 0
        results = self.get_queryset()
        return len(results) if isinstance(results, list) else results.count()


class FrenchSQLiteSearchBackend(SQLiteSearchBackend):
    results_class = FrenchSQLiteSearchResults
    index_class = FrenchSQLiteIndex
    query_compiler_class = FrenchSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchSQLiteAutocompleteQueryCompiler
