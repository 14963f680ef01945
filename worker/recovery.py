"""Tasks left RUNNING by a worker that died (SIGKILL, lost machine) go back to the queue.

A worker beats its heart in ``WorkerHeartbeat`` from a thread of its own, also while a long
task runs. A RUNNING task whose worker has not been seen for ``TASK_STALE_SECONDS`` was lost
with it: it is queued again, up to ``TASK_MAX_ATTEMPTS`` runs in all, then marked failed with
``WorkerLost`` so that the admin's report of failed tasks shows it.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from worker.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker running the task stopped before the task ended."""


def beat(worker_id: str, now: datetime | None = None) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"seen_at": now or timezone.now()}
    )


def forget(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def forget_the_long_dead() -> None:
    """A worker that stops cleanly leaves no heartbeat; a killed one's goes after a day."""
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - timedelta(days=1)).delete()


def recover_stale_tasks(now: datetime | None = None) -> dict[str, int]:
    """Queue again (or fail, past the limit) every task whose worker stopped beating."""
    now = now or timezone.now()
    stale_before = now - timedelta(seconds=settings.TASK_STALE_SECONDS)
    heartbeats = WorkerHeartbeat.objects.filter(seen_at__gte=stale_before)
    alive = set(heartbeats.values_list("worker_id", flat=True))
    counts = {"retried": 0, "failed": 0}
    running = DBTaskResult.objects.running().filter(started_at__lt=stale_before)
    # Most ticks find nothing: no write transaction then (SQLite has one writer at a time).
    if not running.exists():
        return counts
    with transaction.atomic():
        for result in running.select_for_update(skip_locked=True):
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            if len(result.worker_ids) < settings.TASK_MAX_ATTEMPTS:
                _retry(result, now)
                counts["retried"] += 1
            else:
                _give_up(result, now)
                counts["failed"] += 1
    return counts


def _retry(result: DBTaskResult, now: datetime) -> None:
    logger.warning(
        "Task id=%s (%s): its worker stopped; queued again (run %d of %d)",
        result.id, result.task_path, len(result.worker_ids) + 1, settings.TASK_MAX_ATTEMPTS,
    )  # fmt: skip
    result.status = TaskResultStatus.READY
    result.started_at = None
    result.run_after = now
    result.save(update_fields=["status", "started_at", "run_after"])


def _give_up(result: DBTaskResult, now: datetime) -> None:
    message = (
        f"The worker running this task stopped {len(result.worker_ids)} times "
        f"(killed or crashed); it is not run again. Worker ids: {', '.join(result.worker_ids)}."
    )
    logger.error("Task id=%s (%s) failed: %s", result.id, result.task_path, message)
    result.status = TaskResultStatus.FAILED
    result.finished_at = now
    result.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
    result.traceback = f"{WorkerLost.__module__}.WorkerLost: {message}\n"
    result.return_value = None
    result.save(
        update_fields=["status", "finished_at", "exception_class_path", "traceback", "return_value"]
    )
