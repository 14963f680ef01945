from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from .forms import SearchForm
from .query import plain_terms

RESULTS_PER_PAGE = 10


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.query()
    page_obj = None
    terms = plain_terms(query)
    if terms:
        results = Page.objects.live().public().specific().search(terms)
        Query.get(query).add_hit()
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            page_obj = paginator.page(form.page_number())
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "search_query": query,
            "search_results": page_obj,
            "pagination_query": urlencode({"q": query}),
        },
    )
