"""The site's one rate limiter: fixed windows counted in Django's shared cache, per client.

Counters live in ``caches["default"]``: configure a cache shared by all web processes in
production (database, Redis, Memcached), or each process counts on its own.

The client is the socket address, unless the site runs behind proxies it trusts
(``TRUSTED_PROXY_COUNT``): then it is the address the outermost trusted proxy saw, read from
the right of ``X-Forwarded-For`` (entries further left are written by the client and can be
anything). IPv6 clients are counted per /64 network, which one household or device usually
holds whole.
"""

import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

UNKNOWN = "unknown"


def _valid_address(text: str) -> str | None:
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address.ipv4_mapped or address) if address.version == 6 else str(address)


def client_address(request: HttpRequest) -> str:
    """The visitor's address (or IPv6 /64) as far as the trusted proxies tell."""
    socket_address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            entry.strip()
            for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if entry.strip()
        ]
        if len(forwarded) >= proxies:
            client = _valid_address(forwarded[-proxies])
            if client:
                return client
    return _valid_address(socket_address) or UNKNOWN


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` attempts of ``action`` per client in a window of ``window`` seconds."""

    action: str
    limit: int
    window: int

    @classmethod
    def from_setting(cls, action: str, setting: str, default: tuple[int, int]) -> "RateLimit":
        limit, window = getattr(settings, setting, default)
        return cls(action, limit, window)

    def key(self, request: HttpRequest) -> str:
        return f"ratelimit:{self.action}:{client_address(request)}"

    def hit(self, request: HttpRequest) -> bool:
        """Count one attempt; ``True`` while the client stays within the limit."""
        cache = caches["default"]
        key = self.key(request)
        cache.add(key, 0, timeout=self.window)
        try:
            attempts = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=self.window)
            attempts = 1
        return attempts <= self.limit

    def exceeded(self, request: HttpRequest) -> bool:
        """Whether the client is already over the limit, without counting an attempt."""
        return (caches["default"].get(self.key(request)) or 0) >= self.limit
