"""SQLite FTS5 with French stemming: the index and the queries both go through ``search.french``.

FTS5 only splits words (and folds accents); it has no French stemmer. So the text is analysed
in Python before it is stored (stems for full-text fields, folded words for autocomplete), and
each query gets the same treatment before it reaches ``MATCH``.
"""

from django.db import connection
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
        content_types = get_descendants_content_types_pks(self.queryset.model)
        pk_field = self.queryset.model._meta.pk
        scores = {
            pk_field.to_python(object_id): score
            for object_id, score in scored_objects(match, content_types)
        }
        # An IN (subquery) on the text object_id made SQLite scan for every row (5 s at 10,000
        # rows); explicit id lists in chunks use the primary key index. The candidates go through
        # the queryset's filters best first, and only until the requested slice is full: a common
        # word matching most of 100,000 passages no longer filters them all for ten results.
        candidates = sorted(scores, key=lambda pk: (scores[pk], -pk))
        allowed: list = []
        begin, size = 0, ID_CHUNK if stop is None else min(ID_CHUNK, max(2 * stop, 50))
        while begin < len(candidates):
            chunk = candidates[begin : begin + size]
            kept = set(self.queryset.filter(pk__in=chunk).values_list("pk", flat=True))
            allowed += [pk for pk in chunk if pk in kept]
            if stop is not None and len(allowed) >= stop:
                break
            begin, size = begin + size, min(ID_CHUNK, size * 4)
        ordered = allowed[start:stop]
        objects = self.queryset.in_bulk(ordered)
        found = [objects[pk] for pk in ordered if pk in objects]
        if score_field:
            for obj in found:
                setattr(obj, score_field, scores.get(obj.pk))
        return found


def scored_objects(match: MatchExpression, content_types: list[int]) -> list[tuple[str, float]]:
    """(object id, score) of every entry the MATCH finds among those content types, in one
    statement. Title weighting as in modelsearch: bm25 * (title_norm + 1).

    The MATCH is materialized first: joined directly to the index entries, SQLite ran it again
    for every entry of the content type. The join then runs in SQLite, not through Django's
    ``pk__in`` lists, whose per-value preparation cost more than the search at 100,000 entries.
    """
    fts = SQLiteFTSIndexEntry.objects.filter(match).annotate(score=BM25())
    fts_sql, fts_params = fts.values_list("index_entry_id", "score").query.sql_with_params()
    if not content_types:
        return []
    types = ", ".join(["%s"] * len(content_types))
    sql = (
        f"WITH matched(entry_id, score) AS MATERIALIZED ({fts_sql}) "
        f"SELECT entry.object_id, matched.score * (entry.title_norm + 1.0) "
        f"FROM matched JOIN {IndexEntry._meta.db_table} AS entry ON entry.id = matched.entry_id "
        f"WHERE entry.content_type_id IN ({types})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*fts_params, *content_types])
        return cursor.fetchall()


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
