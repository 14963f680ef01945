"""Pagination from a query parameter that visitors (and robots) can set to anything."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest

MAX_PAGE_NUMBER = 10_000


def requested_page_number(request: HttpRequest, parameter: str = "page") -> int:
    """The page number asked for, or 1 when the value is missing, not a number or absurd."""
    raw = request.GET.get(parameter, "")
    if not raw.isdigit() or len(raw) > 5:
        return 1
    number = int(raw)
    return number if 1 <= number <= MAX_PAGE_NUMBER else 1


def paginate(request: HttpRequest, items, per_page: int) -> PaginatorPage:
    """The requested page of ``items``; past the end falls back to the last page."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(requested_page_number(request))
