"""Search results are kept under the content token: whatever changes the index replaces it.

Publishing replaces the token at once, but the worker updates the index a moment later; the
token is replaced again when it has, so nobody keeps results from the index as it was before.
A whole rebuild (``update_index``) replaces it when it ends.
"""

from modelsearch.tasks import insert_or_update_object_task

from media_pages.content_cache import content_changed


def index_task_finished(sender, task_result, **kwargs) -> None:
    if task_result.task.module_path == insert_or_update_object_task.module_path:
        content_changed()
