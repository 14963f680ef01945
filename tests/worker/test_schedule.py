"""Periodic jobs are enqueued once per period, whichever worker looks first."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from worker.schedule import enqueue_due_jobs

pytestmark = pytest.mark.django_db

PUBLISH = "worker.tasks.publish_scheduled_pages"
ALL_JOBS = {PUBLISH, "worker.tasks.purge_search_query_log", "worker.tasks.prune_task_results"}


def queued() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def test_every_job_is_enqueued_once_however_many_workers_look(db_queue, settings):
    settings.SCHEDULED_PUBLISHING_SECONDS = 60
    now = timezone.now()
    assert set(enqueue_due_jobs(now)) == ALL_JOBS
    assert enqueue_due_jobs(now) == []  # a second worker, at the same moment
    assert enqueue_due_jobs(now + timedelta(seconds=30)) == []
    assert queued() == sorted(ALL_JOBS)


def test_a_job_comes_back_each_period_but_never_piles_up(db_queue, settings):
    settings.SCHEDULED_PUBLISHING_SECONDS = 60
    now = timezone.now()
    enqueue_due_jobs(now)
    # Nobody ran the first one yet: the next period does not add a second copy.
    assert enqueue_due_jobs(now + timedelta(seconds=61)) == []
    DBTaskResult.objects.filter(task_path=PUBLISH).update(status="SUCCESSFUL")
    assert enqueue_due_jobs(now + timedelta(seconds=122)) == [PUBLISH]
    DBTaskResult.objects.update(status="SUCCESSFUL")
    assert set(enqueue_due_jobs(now + timedelta(days=1, seconds=1))) == ALL_JOBS


def test_scheduled_publishing_runs_ahead_of_ordinary_tasks(db_queue):
    enqueue_due_jobs()
    [publish] = DBTaskResult.objects.filter(task_path=PUBLISH)
    assert publish.priority > 0
