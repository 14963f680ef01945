"""Index the demo once per object, after every loader has run.

Each save of a page (draft, revision, publish, then its credits and tags) enqueues a search-index
and a reference-index task for the same object: building the demo enqueued about 420 of them,
run at once under the immediate task backend (tests) or one by one by the worker. Within
``indexed_once_at_the_end()`` those enqueues are noted, and each object's tasks are enqueued once
on the way out, with the object as it finally is.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import modelsearch.signal_handlers
import wagtail.signal_handlers


class NotedTask:
    """Stands in for a task during loading: notes each object once, in order of first save."""

    def __init__(self, task):
        self.task = task
        self.noted: dict[tuple, None] = {}

    def enqueue(self, *args):
        self.noted.setdefault(args, None)

    def enqueue_noted(self) -> int:
        for args in self.noted:
            self.task.enqueue(*args)
        return len(self.noted)


@contextmanager
def indexed_once_at_the_end() -> Iterator[None]:
    search = NotedTask(modelsearch.signal_handlers.insert_or_update_object_task)
    references = NotedTask(wagtail.signal_handlers.update_reference_index_task)
    with (
        mock.patch.object(modelsearch.signal_handlers, "insert_or_update_object_task", search),
        mock.patch.object(wagtail.signal_handlers, "update_reference_index_task", references),
    ):
        yield
    search.enqueue_noted()
    references.enqueue_noted()
