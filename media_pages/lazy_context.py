"""Context values computed when a template first reads them, and once.

A page's main content is often a kept fragment (``{% content_fragment %}``): what only that
content shows then costs nothing. Django's templates call a callable they find in the context,
so ``when_read(build)`` is ``build()`` at its first use, and the same value after.
"""

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def when_read(build: Callable[[], T]) -> Callable[[], T]:
    return functools.cache(build)
