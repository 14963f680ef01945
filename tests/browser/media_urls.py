"""The site's URLs plus uploaded media with byte ranges, so chromium can seek in a video.

Production serves media from a web server or object storage, both Range-capable; Django's own
``static.serve`` answers whole files only, and a browser cannot seek in those.
"""

import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.urls import re_path
from django.utils._os import safe_join

from config.urls import urlpatterns as site_urlpatterns

RANGE = re.compile(r"bytes=(\d+)-(\d*)")


def serve_media(request, path: str):
    try:
        full = Path(safe_join(settings.MEDIA_ROOT, path))
    except Exception as error:
        raise Http404 from error
    if not full.is_file():
        raise Http404
    size = full.stat().st_size
    match = RANGE.fullmatch(request.headers.get("Range", ""))
    if not match:
        response = FileResponse(full.open("rb"))
        response["Accept-Ranges"] = "bytes"
        return response
    start = int(match.group(1))
    end = min(int(match.group(2) or size - 1), size - 1)
    with full.open("rb") as handle:
        handle.seek(start)
        body = handle.read(end - start + 1)
    response = HttpResponse(body, status=206, content_type="video/webm")
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response


urlpatterns = [re_path(r"^media/(?P<path>.+)$", serve_media), *site_urlpatterns]
