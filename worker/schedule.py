"""Periodic jobs: each is enqueued by whichever worker claims its next run first.

django-tasks 0.12 has no scheduler. Every ``run_worker`` process looks at this list once per
tick; the claim is one conditional UPDATE of ``PeriodicJob.next_run_at``, so with several
workers (or after a restart) a job is enqueued once per period, never once per worker.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from worker import tasks
from worker.models import PeriodicJob


@dataclass(frozen=True)
class Periodic:
    task: Task
    every: timedelta

    @property
    def name(self) -> str:
        return self.task.module_path


def periodic_jobs() -> list[Periodic]:
    publishing = timedelta(seconds=settings.SCHEDULED_PUBLISHING_SECONDS)
    return [
        Periodic(tasks.publish_scheduled_pages, publishing),
        Periodic(tasks.purge_search_query_log, timedelta(hours=24)),
        Periodic(tasks.prune_task_results, timedelta(hours=24)),
    ]


def enqueue_due_jobs(now: datetime | None = None) -> list[str]:
    """Enqueue the jobs whose time has come; the names of those this worker enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        PeriodicJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
        claimed = PeriodicJob.objects.filter(name=job.name, next_run_at__lte=now).update(
            next_run_at=now + job.every
        )
        if claimed and not _still_waiting(job):
            job.task.enqueue()
            enqueued.append(job.name)
    return enqueued


def _still_waiting(job: Periodic) -> bool:
    """A run not picked up yet (workers busy) is not doubled by the next period's."""
    return DBTaskResult.objects.filter(
        task_path=job.name, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).exists()
