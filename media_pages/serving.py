"""Uploaded media served by the site itself (the embedded default), with HTTP ranges.

Podcast apps and browsers seek in audio with ``Range`` requests; Django's ``static.serve``
answers them with the whole file. This view answers ``HEAD``, single byte ranges (206), suffix
ranges and unsatisfiable ranges (416).

Some files are private: a document in a protected collection, the audio of a private or not yet
published episode, the recording of such a session. Before any file is sent, the functions
registered for ``MEDIA_ACCESS_HOOK`` decide (the documents' one here, the episodes' one in
``podcasts``, the recordings' one in ``webinars``); the first that answers wins. In production
(``MEDIA_INTERNAL_URL`` set) the checked request is handed to the web server with
``X-Accel-Redirect`` to an ``internal`` location, which serves ranges itself; the open paths
(image renditions) can stay a plain alias (see docs/operations.md).
"""

import mimetypes
import os
import re
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    StreamingHttpResponse,
)
from django.urls import re_path
from django.utils._os import safe_join
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.query import PageQuerySet

from media_pages.visibility import published_now_filter, visible_pages

# Functions ``(request, path) -> None | Access | HttpResponse``: ``None`` when the file is not
# theirs, else who may have it, or a response to send instead (a redirect to a password form).
MEDIA_ACCESS_HOOK = "collectif_media_file_access"


class Access(Enum):
    PUBLIC = "public"
    THIS_VISITOR = "this visitor"  # passed a password or login check: not for shared caches
    REFUSED = "refused"


RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024
# Types the standard library guesses wrong or not at all on some systems.
MEDIA_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
}


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """``(first, last)`` inclusive for one ``bytes=`` range; ``None`` when unsatisfiable.

    Raises ``ValueError`` when the header is not a single byte range we understand, in
    which case the whole file is sent (RFC 9110 lets a server ignore ``Range``).
    """
    match = RANGE.match(header.strip().replace(" ", ""))
    if not match:
        raise ValueError(header)
    first, last = match.groups()
    if not first and not last:
        raise ValueError(header)
    if not first:
        length = int(last)
        if length == 0 or size == 0:
            return None
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        return None
    return start, end


def file_part(path: Path, start: int, length: int) -> Iterator[bytes]:
    with path.open("rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def _set_headers(response: HttpResponse, headers: dict[str, str]) -> None:
    for name, value in headers.items():
        response[name] = value


def access_as_its_pages(request: HttpRequest, pages: PageQuerySet) -> Access:
    """A file is anyone's when a page the public sees uses it; otherwise only the people who
    may see one of its pages (past its password or login) or editors have it."""
    if visible_pages(pages).exists():
        return Access.PUBLIC
    user = getattr(request, "user", None)
    if user is not None and user.has_perm("wagtailadmin.access_admin"):
        return Access.THIS_VISITOR
    for page in pages.live().filter(published_now_filter()):
        restrictions = page.get_view_restrictions()
        if all(restriction.accept_request(request) for restriction in restrictions):
            return Access.THIS_VISITOR
    return Access.REFUSED


def access_decision(request: HttpRequest, path: str) -> Access | HttpResponse:
    for decide in hooks.get_hooks(MEDIA_ACCESS_HOOK):
        decision = decide(request, path)
        if decision is not None:
            return decision
    return Access.PUBLIC


def cache_control(decision: Access) -> str:
    # A file checked for one visitor is not kept by shared caches for the next one.
    return "public, max-age=86400" if decision is Access.PUBLIC else "private, no-store"


def internal_redirect(path: str, content_type: str, decision: Access) -> HttpResponse:
    """Let the web server send the file from its ``internal`` location (ranges included)."""
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = settings.MEDIA_INTERNAL_URL + quote(path)
    response["Cache-Control"] = cache_control(decision)
    return response


@require_http_methods(["GET", "HEAD"])
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except SuspiciousFileOperation as error:  # a path outside MEDIA_ROOT
        raise Http404 from error
    if not full_path.is_file():
        raise Http404
    relative = Path(os.path.relpath(full_path, os.path.abspath(settings.MEDIA_ROOT))).as_posix()
    decision = access_decision(request, relative)
    if isinstance(decision, HttpResponse):
        return decision
    if decision is Access.REFUSED:
        raise Http404
    stat = full_path.stat()
    size, modified = stat.st_size, int(stat.st_mtime)
    etag = f'"{modified:x}-{size:x}"'
    content_type = MEDIA_TYPES.get(full_path.suffix.lower()) or (
        mimetypes.guess_type(full_path.name)[0] or "application/octet-stream"
    )
    if getattr(settings, "MEDIA_INTERNAL_URL", ""):
        return internal_redirect(relative, content_type, decision)
    headers = {
        "Accept-Ranges": "bytes",
        "Last-Modified": http_date(modified),
        "ETag": etag,
        "Cache-Control": cache_control(decision),
    }
    if request.headers.get("If-None-Match") == etag or (
        "If-None-Match" not in request.headers
        and (since := parse_http_date_safe(request.headers.get("If-Modified-Since", "")))
        and modified <= since
    ):
        response = HttpResponseNotModified()
        _set_headers(response, headers)
        return response

    wanted = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if wanted and (if_range is None or if_range in (etag, headers["Last-Modified"])):
        try:
            part = byte_range(wanted, size)
        except ValueError:
            part = (0, size - 1) if size else None
            wanted = None
        if wanted and part is None:
            response = HttpResponse(status=416)
            _set_headers(response, headers)
            response["Content-Range"] = f"bytes */{size}"
            return response
        if wanted:
            start, end = part
            length = end - start + 1
            if request.method == "HEAD":
                response = HttpResponse(status=206, content_type=content_type)
            else:
                response = StreamingHttpResponse(
                    file_part(full_path, start, length), status=206, content_type=content_type
                )
            _set_headers(response, headers)
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
            response["Content-Length"] = str(length)
            return response

    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
    else:
        response = FileResponse(full_path.open("rb"), content_type=content_type)
    _set_headers(response, headers)
    response["Content-Length"] = str(size)
    return response


def media_urlpatterns() -> list:
    """The ``MEDIA_URL`` route for the embedded default (a local path prefix only)."""
    prefix = settings.MEDIA_URL
    if "://" in prefix or not prefix.startswith("/"):
        return []
    return [re_path(rf"^{re.escape(prefix.lstrip('/'))}(?P<path>.+)$", serve_media)]
