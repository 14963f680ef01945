"""The page cache: anonymous visitors get a page (or a feed) as stored, before any routing.

A response is stored when nothing in it belongs to one visitor: a GET or HEAD without a
session or messages cookie, answered 200 without setting a cookie (a form's CSRF token, a
message shown, a session started all set one) and not marked private. Each is stored as a
record (status, headers, ETag, the content token it was built under) holding the bytes of a
page up to ``INLINE_BYTES``: a request reads the content token and the record in one lookup,
so a hit on a page is one cache round trip. A bigger body (a long feed) is a second entry, read
only when it is sent: a conditional request that matches is answered 304 from the small record
alone, without reading the bytes.

Anything published, unpublished, moved, deleted or made private replaces the content token
(``media_pages.content_cache``), so the next request misses and the page is built again.
Pages that depend on the time of day (upcoming sessions) are kept ``PAGE_CACHE_SECONDS`` at most.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re

from media_pages.content_cache import (
    GENERATION_KEY,
    content_generation,
    forget_generation,
    remember_generation,
)

STATUS_HEADER = "X-Page-Cache"
# Headers the outer middleware sets again on every response, or that belong to one exchange.
NOT_STORED = {"set-cookie", "date", "content-length", "connection", STATUS_HEADER.lower()}
MESSAGES_COOKIE = "messages"
PRIVATE = {"private", "no-store", "no-cache"}
# Bodies up to this size travel inside the record; bigger ones are read only when sent.
INLINE_BYTES = 64 * 1024


def page_cache_key(request: HttpRequest) -> str | None:
    """The record's key, or None when this request must reach the application."""
    if request.method not in {"GET", "HEAD"} or not settings.PAGE_CACHE_SECONDS:
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return None
    if "HTTP_AUTHORIZATION" in request.META or "HTTP_RANGE" in request.META:
        return None
    path = request.path
    if path.startswith(tuple(settings.PAGE_CACHE_SKIP_PREFIXES)):
        return None
    language = cookies.get(settings.LANGUAGE_COOKIE_NAME, "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    gzip = "gz" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else ""
    identity = "|".join((request.get_host(), request.get_full_path(), language, gzip))
    return "page:" + hashlib.sha256(identity.encode()).hexdigest()


def bare_tag(tag: str) -> str:
    """An entity tag without weakness, quotes nor the ``-gzip`` of a compressed variant."""
    return tag.strip().removeprefix("W/").strip('"').removesuffix("-gzip")


def matches(request: HttpRequest, etag: str | None, last_modified: str | None) -> bool:
    """RFC 9110: If-None-Match wins; If-Modified-Since only counts without it."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        if not etag:
            return False
        tags = {bare_tag(tag) for tag in if_none_match.split(",")}
        return "*" in tags or bare_tag(etag) in tags
    since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    return bool(since and last_modified and since == last_modified)


def cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and (messages.used or getattr(messages, "_queued_messages", None)):
        return False
    control = {d.split("=")[0].strip().lower()
               for d in cc_delim_re.split(response.get("Cache-Control", ""))}  # fmt: skip
    return not control & PRIVATE


class PageCacheMiddleware:
    """Placed right after WhiteNoise: a hit costs one cache lookup (two for a big body)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.respond(request)
        finally:
            forget_generation()

    def respond(self, request: HttpRequest) -> HttpResponse:
        key = page_cache_key(request)
        if key is None:
            remember_generation(request, content_generation(request))
            return self.get_response(request)
        found = cache.get_many([GENERATION_KEY, key])
        token, record = found.get(GENERATION_KEY), found.get(key)
        if record is not None and token is not None and record["generation"] == token:
            response = self.from_record(request, record)
            if response is not None:
                return response
        remember_generation(request, token)
        response = self.get_response(request)
        if cacheable(request, response):
            self.store(request, key, response)
            response[STATUS_HEADER] = "miss"
        return response

    def from_record(self, request: HttpRequest, record: dict) -> HttpResponse | None:
        if matches(request, record["etag"], record["last_modified"]):
            response = HttpResponseNotModified()
            for name, value in record["headers"]:
                if name.lower() in {"etag", "last-modified", "cache-control", "vary",
                                    "content-location", "expires"}:  # fmt: skip
                    response[name] = value
        else:
            body = record.get("body")  # None in records stored before bodies were inline
            if body is None:
                body = b"" if request.method == "HEAD" else cache.get(record["body_key"])
                if body is None:
                    return None
            response = HttpResponse(body, status=record["status"])
            for name, value in record["headers"]:
                response[name] = value
            response["Content-Length"] = str(record["length"])
        response[STATUS_HEADER] = "hit"
        return response

    def store(self, request: HttpRequest, key: str, response: HttpResponse) -> None:
        if request.method == "HEAD":
            return
        generation = content_generation(request)
        timeout = settings.PAGE_CACHE_SECONDS
        body, body_key = response.content, None
        if len(body) > INLINE_BYTES:
            body_key = f"{key}:{uuid.uuid4().hex}"
            cache.set(body_key, body, timeout)
            body = None
        record = {
            "generation": generation,
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED],
            "etag": response.get("ETag"),
            "last_modified": response.get("Last-Modified"),
            "length": len(response.content),
            "body": body,
            "body_key": body_key,
        }
        cache.set(key, record, timeout)
