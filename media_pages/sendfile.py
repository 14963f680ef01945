"""How Wagtail's document view sends a file once it has checked the collection's privacy.

With ``MEDIA_INTERNAL_URL`` set (production behind nginx), the web server sends the file from
its ``internal`` location (``X-Accel-Redirect``); otherwise Python streams it.
"""

import os
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from wagtail.utils import sendfile_streaming_backend


def sendfile(request, filename, **kwargs):
    internal = getattr(settings, "MEDIA_INTERNAL_URL", "")
    if not internal:
        return sendfile_streaming_backend.sendfile(request, filename, **kwargs)
    relative = os.path.relpath(filename, os.path.abspath(settings.MEDIA_ROOT))
    response = HttpResponse(content_type=kwargs.get("mimetype"))
    response["X-Accel-Redirect"] = internal + quote(relative.replace(os.sep, "/"))
    return response
