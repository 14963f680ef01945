"""PostgreSQL full-text search with the ``collectif_french`` configuration.

``collectif_french`` is PostgreSQL's ``french`` (Snowball stems, stop words) with ``unaccent``
before stemming; ``collectif_simple`` folds accents without stemming, for autocomplete. Both are
created by the ``collectif_search`` migration, which needs the ``unaccent`` extension.

Ranked searches rank the index entries alone, then read the model's rows for the best of them
(``RankFirstMixin``); counts, facets and the searches modelsearch ranks otherwise (fuzzy,
``fields=``, no relevance order) keep modelsearch's own statement.
"""

from django.db.models import BigIntegerField, F, IntegerField
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

SEARCH_CONFIG = "collectif_french"
AUTOCOMPLETE_CONFIG = "collectif_simple"

# Candidates ranked in the first statement, at least: enough for a page of results even when
# the queryset's filters (live pages, a page type) drop some of them.
FIRST_CANDIDATES = 50
# Candidates sent through the queryset's filters at once (one ``pk IN (...)`` each).
ID_CHUNK = 2000
ENTRY_PREFIX = "index_entries__"
# The GIN index on ``(title || body)`` created by migration 0002, which the match needs.
INDEX_NAME = "collectif_indexentry_title_body_gin"


class RankFirstMixin:
    """Ranks the index entries on their own, then reads the rows of the best ones.

    modelsearch joins the model to its index entries on ``pk::varchar = object_id`` and sorts
    the joined rows by ``ts_rank``: PostgreSQL hashes every match with its vectors before the
    sort, 70–160 ms for a word found in a quarter of 100,000 transcript passages. Here one
    statement on the index entries (matched through the ``(title || body)`` GIN index of
    migration ``0002``) ranks the matches with modelsearch's own rank expression and returns
    the best ids in modelsearch's order (rank descending, then pk descending); the queryset's
    own filters then run on those ids, best first, only until the slice asked for is full.
    Every match is ranked, so the order is the full ranking's: a bounded list of candidates only
    decides how many of them go through the queryset's filters, and more are read if too few pass.
    """

    def ranked_search(self, config, start, stop, score_field=None) -> list | None:
        """The objects of ``[start:stop]`` in relevance order, or None where modelsearch's own
        statement applies."""
        entries = self.ranked_entries(config)
        if entries is None:
            return None
        start = start or 0
        first = None if stop is None else max(2 * stop, FIRST_CANDIDATES)
        candidates = list(entries if first is None else entries[:first])
        complete = first is None or len(candidates) < first
        allowed: list = []
        begin, size = 0, ID_CHUNK if first is None else min(ID_CHUNK, first)
        while begin < len(candidates) or not complete:
            if begin >= len(candidates):
                # Too few passed the filters: the rest of the ranking, in the same order.
                candidates += list(entries[len(candidates) :])
                complete = True
                continue
            chunk = candidates[begin : begin + size]
            kept = set(
                self.queryset.filter(pk__in={pk for pk, _rank in chunk}).values_list(
                    "pk", flat=True
                )
            )
            allowed += [(pk, rank) for pk, rank in chunk if pk in kept]
            if stop is not None and len(allowed) >= stop:
                break
            begin, size = begin + len(chunk), min(ID_CHUNK, size * 4)
        ordered = allowed[start:stop]
        objects = self.queryset.in_bulk({pk for pk, _rank in ordered})
        found = []
        for pk, rank in ordered:
            obj = objects.get(pk)
            if obj is not None:
                if score_field:
                    setattr(obj, score_field, rank)
                found.append(obj)
        return found

    def ranked_entries(self, config):
        """(pk, rank) of every matching index entry, best first, as a lazy values queryset; None
        for the searches left to modelsearch."""
        query = self.query
        pk_field = self.queryset.model._meta.pk
        while pk_field.is_relation:  # a page type's pk is its link to Page
            pk_field = pk_field.target_field
        if (
            isinstance(query, MatchAll | Fuzzy)
            or (isinstance(query, Not) and isinstance(query.subquery, MatchAll))
            or self.fields is not None
            or not self.order_by_relevance
            or not isinstance(pk_field, IntegerField)
        ):
            return None
        search_query = self.build_tsquery(query, config=config)
        vectors = [
            (on_entry(vector), on_entry(boost))
            for vector, boost in self.get_index_vectors(search_query)
        ]
        if any(vector is None or boost is None for vector, boost in vectors):
            return None
        rank = self._build_rank_expression(vectors, config)
        combined = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined = combined._combine(vector, "||", False)
        return (
            IndexEntry._default_manager.using(self.queryset.db)
            .filter(content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(_vector_=combined)
            .filter(_vector_=search_query)
            .annotate(_pk_=Cast("object_id", BigIntegerField()), _rank_=rank)
            .order_by(F("_rank_").desc(), F("_pk_").desc())
            .values_list("_pk_", "_rank_")
        )


def on_entry(value):
    """modelsearch's ``index_entries__title`` seen from the index entry itself: ``title``
    (None for anything else but a number)."""
    if isinstance(value, F):
        if value.name.startswith(ENTRY_PREFIX):
            return F(value.name.removeprefix(ENTRY_PREFIX))
        return None
    return value


class FrenchPostgresSearchQueryCompiler(RankFirstMixin, PostgresSearchQueryCompiler):
    pass


class FrenchPostgresAutocompleteQueryCompiler(RankFirstMixin, PostgresAutocompleteQueryCompiler):
    pass


class FrenchPostgresSearchResults(PostgresSearchResults):
    def _do_search(self):
        compiler = self.query_compiler
        found = compiler.ranked_search(
            compiler.get_config(self.backend), self.start, self.stop, self._score_field
        )
        return super()._do_search() if found is None else found


class FrenchPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = FrenchPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = FrenchPostgresAutocompleteQueryCompiler
    results_class = FrenchPostgresSearchResults

    def __init__(self, params: dict):
        params = {"SEARCH_CONFIG": SEARCH_CONFIG, **params}
        super().__init__(params)
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", AUTOCOMPLETE_CONFIG)
