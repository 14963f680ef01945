"""A small fixed-window rate limit on the cache, per client address and action."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    # Behind a proxy, set it to pass the client address in REMOTE_ADDR (see docs/operations.md).
    return request.META.get("REMOTE_ADDR", "unknown")


def too_many(request: HttpRequest, action: str) -> bool:
    """True once this address has made more than the allowed attempts in the window."""
    limit, window = getattr(settings, "REGISTRATION_RATE_LIMIT", (10, 600))
    key = f"throttle:{action}:{client_address(request)}"
    cache.add(key, 0, timeout=window)
    try:
        attempts = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        attempts = 1
    return attempts > limit
