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

import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

T = TypeVar("T")
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
    """``build()``, kept in the shared cache until the content token changes.

    For the site chrome (menu, footer links, feed links, site settings, one-of-a-kind pages)
    that every page shows: their queries then run once per change, not once per page view.
    What also changes with the clock (the next sessions) gives a shorter ``timeout``.
    """
    key = f"content:{content_generation(request)}:{name}"
    found = cache.get(key)
    if found is None:
        found = (build(),)
        cache.set(key, found, settings.CONTENT_CACHE_SECONDS if timeout is None else timeout)
    return found[0]


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
    for model in settings_models:
        uid = f"content_changed:{model._meta.label}"
        post_save.connect(setting_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid + ":delete")
    for model_label in ("community.Person", "community.Credit", "community.Role"):
        invalidate_on_change(apps.get_model(model_label))
    invalidate_on_change(get_image_model(), get_document_model())
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"content_changed:{id(signal)}")
