"""Pagination from a query parameter that visitors (and robots) can set to anything.

Every paginated listing of the site goes through ``paginate`` (or ``requested_page_number``
when it builds its own ``Paginator``): a page number that is not plain ASCII digits gives the
first page, one past the end gives the last page, so no value of ``?page=`` answers 500.
"""

import re

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest

MAX_PAGE_NUMBER = 10_000
# Not str.isdigit(): it accepts "²" or "٣", which int() then refuses or reads as another number.
PAGE_NUMBER = re.compile(r"[0-9]{1,5}")


def page_number_from(raw: object) -> int:
    """``raw`` as a page number, or 1 when it is missing, not a plain number or absurd."""
    if not isinstance(raw, str) or not PAGE_NUMBER.fullmatch(raw):
        return 1
    number = int(raw)
    return number if 1 <= number <= MAX_PAGE_NUMBER else 1


def requested_page_number(request: HttpRequest, parameter: str = "page") -> int:
    """The page number asked for, or 1 when the value is missing, not a number or absurd."""
    return page_number_from(request.GET.get(parameter, ""))


def paginate(request: HttpRequest, items, per_page: int) -> PaginatorPage:
    """The requested page of ``items``; past the end falls back to the last page."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(requested_page_number(request))
