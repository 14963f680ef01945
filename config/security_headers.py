"""Content-Security-Policy (django-csp) and Permissions-Policy for every response.

The public site runs no inline script or style (all JavaScript is in ``static/js``), so its
policy allows scripts and styles from the site only. Third-party frames are the allow-listed
presentation services and video players (and Wagtail embeds from YouTube and Vimeo), read from
the same lists and settings as the validators, so a host allowed for editors is allowed for
browsers and nothing else is. The Wagtail admin relies on inline scripts and styles: it gets
its own, looser policy (``'unsafe-inline'``) that still forbids other origins, plugins and
``<base>`` changes.
"""

import functools

from csp.constants import HEADER, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings

from media_pages import presentation_providers
from webinars import players

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# Wagtail's own embed block (oEmbed) gives YouTube and Vimeo players.
EMBED_FRAME_ORIGINS = ["https://www.youtube.com", "https://www.youtube-nocookie.com"]


def frame_sources() -> list[str]:
    origins = [
        SELF,
        *presentation_providers.frame_origins(),
        *players.frame_origins(),
        *EMBED_FRAME_ORIGINS,
    ]
    return list(dict.fromkeys(origins))


def media_sources() -> list[str]:
    """The site, plus the storage or CDN origin when ``MEDIA_URL`` is an absolute address."""
    sources = [SELF]
    if "://" in settings.MEDIA_URL:
        scheme, rest = settings.MEDIA_URL.split("://", 1)
        sources.append(f"{scheme}://{rest.split('/', 1)[0]}")
    return sources


def public_policy() -> dict[str, list[str]]:
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Wagtail's responsive embeds size their frame with a style attribute.
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [*media_sources(), "data:"],
        "media-src": media_sources(),
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": frame_sources(),
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }


def admin_policy() -> dict[str, list[str]]:
    return {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [*media_sources(), "data:", "blob:"],
        "media-src": [*media_sources(), "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": frame_sources(),
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }


@functools.lru_cache(maxsize=16)
def built_policy(admin: bool, media_url: str, frames: tuple[str, ...]) -> str:
    """The header of a policy, built once per process for each set of its inputs."""
    return build_policy(config=admin_policy() if admin else public_policy())


class SiteCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        # django-csp builds the header from scratch for every response (a deep copy of the
        # policy, then the string): the same two headers, so each is built once. Anything that
        # makes a response's policy its own (a nonce, a decorator, a report-only policy) goes
        # through django-csp as before.
        own_policy = any(
            getattr(response, name, None) is not None
            for name in ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")
        )
        if (
            own_policy
            or getattr(request, "_csp_nonce", None) is not None
            or getattr(settings, "CONTENT_SECURITY_POLICY", None)
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or settings.DEBUG
        ):
            return super().process_response(request, response)
        if HEADER not in response:
            admin = request.path_info.startswith(ADMIN_PREFIXES)
            response[HEADER] = built_policy(admin, settings.MEDIA_URL, tuple(frame_sources()))
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None:
            admin = request.path_info.startswith(ADMIN_PREFIXES)
            parts.config = admin_policy() if admin else public_policy()
        if request.path_info.startswith(ADMIN_PREFIXES):
            parts.nonce = None  # a nonce would switch 'unsafe-inline' off
        return parts


class PermissionsPolicyMiddleware:
    """Powerful browser features off for the site and every frame it embeds.

    Fullscreen, autoplay and clipboard are left to each iframe's ``allow`` attribute: listing
    them here with ``self`` would stop the presentation and video frames from using them.
    """

    FEATURES_OFF = (
        "accelerometer",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in self.FEATURES_OFF)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
