import pickle
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from media_pages.content_cache import memoized
from media_pages.visibility import visible_pages

from . import results
from .cards import PAGE, cards
from .forms import SearchForm
from .hit_log import record_search
from .query import plain_terms

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
MIN_SUGGESTION_LENGTH = 2


def _url(params: dict[str, str], **changes: str | None) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({key: value for key, value in merged.items() if value})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query, sort, filters = form.query(), form.sort_order(), form.filters()
    terms = plain_terms(query)
    context = {
        "form": form,
        "search_query": query,
        "sort": sort,
        "sorts": [(value, label, value == sort) for value, label in form.fields["sort"].choices],
        "ignored_filters": form.ignored_filters(),
        "only_common_words": bool(terms) and not results.has_content_words(terms),
        # The same for every visitor: from the address and the public content only.
        "fragments_shared": True,
    }
    if terms and not context["only_common_words"]:
        record_search(query)
        context.update(_kept_results(request, query, terms, sort, filters, form.page_number()))
    return TemplateResponse(request, "search/search.html", context)


def _kept_results(
    request: HttpRequest, query: str, terms: str, sort: str, filters: dict, page_number: int
) -> dict:
    """The results of a query, built once per content token (search-index updates replace it
    too) and at most ``FRAGMENT_CACHE_SECONDS``, as some types hide pages until a date comes.

    Kept pickled: each request gets its own copy, and the bound on kept characters holds.
    """
    key = "|".join(
        [
            "search",
            request.get_host(),
            get_language() or "",
            query,
            sort,
            urlencode(sorted(filters.items())),
            str(page_number),
        ]
    )
    kept = memoized(
        request,
        key,
        lambda: pickle.dumps(_results(request, query, terms, sort, filters, page_number)),
        settings.FRAGMENT_CACHE_SECONDS,
    )
    return pickle.loads(kept)


def _results(
    request: HttpRequest, query: str, terms: str, sort: str, filters: dict, page_number: int
) -> dict:
    ranked, broadened = results.search(terms, request)
    ids = results.sort_ids(results.apply_filters(ranked, filters), ranked, sort)
    paginator = Paginator(ids, RESULTS_PER_PAGE)
    page_obj = paginator.get_page(page_number)
    params = {"q": query, "sort": "" if sort == "relevance" else sort, **filters}
    facets = results.facets(ranked, ids, filters)
    for facet in facets:
        for option in facet.options:
            option.url = _url(params, **{facet.name: None if option.selected else option.value})
    promotions = []
    if page_number == 1 and not filters:
        promotions = list(
            SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
            .select_related("page")
            .order_by("sort_order")
        )
        public = set(
            visible_pages()
            .filter(pk__in=[p.page_id for p in promotions if p.page_id])
            .values_list("pk", flat=True)
        )
        promotions = [p for p in promotions if p.page_id is None or p.page_id in public]
    return {
        "search_results": page_obj,
        "hits": results.hits_for(list(page_obj.object_list), ranked, terms),
        "facets": facets,
        "active_filters": [
            (name, value, _url(params, **{name: None})) for name, value in filters.items()
        ],
        "broadened": broadened,
        "promotions": promotions,
        "pagination_query": urlencode({k: v for k, v in params.items() if v}),
        "sort_hidden": [(k, v) for k, v in params.items() if v and k != "sort"],
    }


@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    """``{"query": ..., "results": [{"title", "url", "type"}]}`` for the search box."""
    form = SearchForm(request.GET)
    terms = plain_terms(form.query())
    suggestions = []
    if len(terms) >= MIN_SUGGESTION_LENGTH:
        found = [page.pk for page in Page.objects.live().autocomplete(terms)[: SUGGESTIONS * 3]]
        keys = [(PAGE, page_id) for page_id in found]
        shown = cards(request, keys)
        suggestions = [
            {
                "title": shown[key].title,
                "url": shown[key].url,
                "type": str(shown[key].model._meta.verbose_name).capitalize(),
            }
            for key in keys
            if key in shown
        ][:SUGGESTIONS]
    return JsonResponse({"query": form.query(), "results": suggestions})
