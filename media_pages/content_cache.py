"""One token for "the public content as it is now", shared by every process through the cache.

Whatever the public sees can change when a page is saved, published, unpublished, moved or
deleted, when its privacy changes, when a site setting, a person credited or a file changes.
Each of these replaces the token; everything cached from content (the page cache, the site
chrome, the podcast feeds) is stored under the token it was built with and ignored once the
token changed. Reading it costs one cache lookup per request, never a database query on Redis
(one small one with the database cache), whatever the amount of content.

The token is replaced at once and again when the transaction commits: a request that read the
old rows in between cannot leave them cached under the new token.
"""

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

T = TypeVar("T")
K = TypeVar("K")
GENERATION_KEY = "content-generation"
REQUEST_ATTRIBUTE = "_collectif_content_generation"


def _new_token() -> str:
    return uuid.uuid4().hex[:16]


# The token the current request read, for code that has no request at hand (site settings).
current_token: ContextVar[str | None] = ContextVar("current_content_token", default=None)


def content_generation(request: HttpRequest | None = None) -> str:
    """The current token (read once per request)."""
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    if request is None and current_token.get() is not None:
        return current_token.get()
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, _new_token(), timeout=None)
        token = cache.get(GENERATION_KEY) or _new_token()
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, token)
    return token


def cached_for_content(
    request: HttpRequest | None, name: str, build: Callable[[], T], timeout: int | None = None
) -> T:
    """``build()``, kept until the content token changes: in this process, then in the cache.

    For the site chrome (menu, footer links, feed links, site settings, one-of-a-kind pages)
    that every page shows: their queries then run once per change, not once per page view, and
    each process reads the shared copy once. What also changes with the clock (the next
    sessions) gives a shorter ``timeout``. The value is shared by this process's requests:
    read it, never change it.
    """
    return memoized(request, name, lambda: _shared(request, name, build, timeout), timeout)


def _shared(request: HttpRequest | None, name: str, build: Callable[[], T], timeout) -> T:
    key = f"content:{content_generation(request)}:{name}"
    found = cache.get(key)
    if found is None:
        found = (build(),)
        cache.set(key, found, settings.CONTENT_CACHE_SECONDS if timeout is None else timeout)
    return found[0]


class NotKept(Exception):
    """Raised by a ``build`` whose value must be used once but not kept."""

    def __init__(self, value) -> None:
        self.value = value


class _ProcessMemo:
    """Values built from content, kept in this process while the content token stays the same.

    Nothing goes through the shared cache: a value costs no lookup once built, and the token
    read at the start of each request is what makes a change visible at once in every process.
    Bounded in entries and in characters of text (least recently used go first): keys and
    rendered fragments may come from addresses visitors type.
    """

    def __init__(self, entries: int, characters: int) -> None:
        self.entries, self.characters = entries, characters
        self.token: str | None = None
        self.values: OrderedDict[str, tuple[float | None, int, object]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, token: str, name: str, build: Callable[[], T], seconds: int | None) -> T:
        with self.lock:
            if token != self.token:
                self.token, self.values, self.size = token, OrderedDict(), 0
            found = self.values.get(name)
            if found is not None and (found[0] is None or found[0] > time.monotonic()):
                self.values.move_to_end(name)
                return found[2]
        try:
            value = build()
        except NotKept as once:
            return once.value
        self.keep(token, {name: value}, seconds)
        return value

    def get_many(
        self,
        token: str,
        names: dict[str, K],
        build: Callable[[list[K]], dict[K, T]],
        seconds: int | None,
    ) -> dict[K, T]:
        """``{key: value}`` for ``names`` (name -> key); those not kept are built in one call."""
        found: dict[K, T] = {}
        with self.lock:
            if token != self.token:
                self.token, self.values, self.size = token, OrderedDict(), 0
            now = time.monotonic()
            for name, key in names.items():
                kept = self.values.get(name)
                if kept is not None and (kept[0] is None or kept[0] > now):
                    self.values.move_to_end(name)
                    found[key] = kept[2]
        missing = [key for key in names.values() if key not in found]
        if missing:
            built = build(missing)
            by_key = {key: name for name, key in names.items()}
            self.keep(token, {by_key[key]: value for key, value in built.items()}, seconds)
            found.update(built)
        return found

    def keep(self, token: str, values: dict[str, object], seconds: int | None) -> None:
        expires = None if seconds is None else time.monotonic() + seconds
        with self.lock:
            if token != self.token:
                return
            for name, value in values.items():
                size = len(name) + _characters(value)
                previous = self.values.pop(name, None)
                self.size += size - (previous[1] if previous else 0)
                self.values[name] = (expires, size, value)
            while self.values and (len(self.values) > self.entries or self.size > self.characters):
                self.size -= self.values.popitem(last=False)[1][1]


def _characters(value) -> int:
    """What a kept value counts against the bound: its text, or what it says its text is."""
    if isinstance(value, str | bytes):
        return len(value)
    return getattr(value, "characters", 0)


_memo = _ProcessMemo(entries=5000, characters=32 * 1024 * 1024)


def memoized(
    request: HttpRequest | None, name: str, build: Callable[[], T], seconds: int | None = None
) -> T:
    """``build()``, kept in this process until the content token changes (or ``seconds`` pass).

    For what every request would otherwise derive again from the same content: page routes,
    the site, view restrictions, rendered fragments. The value is shared by the requests of
    this process: read it, never change it; what a request may change (a page it serves) is
    kept pickled and loaded afresh for each request.
    """
    return _memo.get(content_generation(request), name, build, seconds)


def memoized_many(
    request: HttpRequest | None,
    names: dict[str, K],
    build: Callable[[list[K]], dict[K, T]],
    seconds: int | None = None,
) -> dict[K, T]:
    """``memoized`` for many values at once: ``names`` maps each value's name to its key, and
    ``build`` makes those not kept, given their keys, in one go (one query for all of them).
    A key ``build`` leaves out is built again next time."""
    return _memo.get_many(content_generation(request), names, build, seconds)


def remember_generation(request: HttpRequest, token: str | None) -> None:
    """For the page cache, which reads the token together with its record."""
    if token is not None:
        setattr(request, REQUEST_ATTRIBUTE, token)
        current_token.set(token)


def content_changed(**kwargs) -> None:
    current_token.set(None)
    _replace_token()
    transaction.on_commit(_replace_token)


def _replace_token() -> None:
    current_token.set(None)
    cache.set(GENERATION_KEY, _new_token(), timeout=None)


def forget_generation() -> None:
    current_token.set(None)


def setting_changed(created: bool = False, **kwargs) -> None:
    # Wagtail creates a site's settings with their defaults on the first page view that reads
    # them: nothing visible changes then.
    if not created:
        content_changed()


def invalidate_on_change(*models) -> None:
    """Families call this for their own models that public pages or feeds show."""
    for model in models:
        uid = f"content_changed:{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + ":delete")


def connect() -> None:
    page_models = [m for m in apps.get_models() if issubclass(m, Page)]
    settings_models = [
        m for m in apps.get_models() if issubclass(m, BaseSiteSetting | BaseGenericSetting)
    ]
    invalidate_on_change(*page_models, PageViewRestriction, CollectionViewRestriction, Site)
    # A restriction to groups gets its groups after it is saved.
    for restriction in (PageViewRestriction, CollectionViewRestriction):
        m2m_changed.connect(
            content_changed,
            sender=restriction.groups.through,
            dispatch_uid=f"content_changed:{restriction._meta.label}:groups",
        )
    for model in settings_models:
        uid = f"content_changed:{model._meta.label}"
        post_save.connect(setting_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + ":delete")
    for model_label in ("community.Person", "community.Credit", "community.Role", "taggit.Tag"):
        invalidate_on_change(apps.get_model(model_label))
    invalidate_on_change(get_image_model(), get_document_model())
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"content_changed:{id(signal)}")
