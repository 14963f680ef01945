"""A fixed-window counter in Django's cache, against scripted subscription requests.

In production, point ``CACHES`` at a cache shared by the web processes (database or Redis):
with the default per-process memory cache each process counts on its own.
"""

from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit on ``key``; False once more than ``limit`` hits fell in the window."""
    cache_key = f"ratelimit:{key}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        hits = 1
    return hits <= limit
