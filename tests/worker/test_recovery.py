"""A task left RUNNING by a worker that stopped beating goes back to the queue, with a limit."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from worker.recovery import beat, recover_stale_tasks
from worker.tasks import purge_search_query_log

pytestmark = pytest.mark.django_db


def running_task(worker_ids: list[str], started_ago: timedelta) -> DBTaskResult:
    result = purge_search_query_log.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", worker_ids=worker_ids, started_at=timezone.now() - started_ago
    )
    return DBTaskResult.objects.get(pk=result.id)


@pytest.fixture(autouse=True)
def limits(settings, db_queue):
    settings.TASK_STALE_SECONDS, settings.TASK_MAX_ATTEMPTS = 60, 3


def test_a_task_whose_worker_died_is_queued_again():
    lost = running_task(["dead"], started_ago=timedelta(minutes=5))
    assert recover_stale_tasks() == {"retried": 1, "failed": 0}
    lost.refresh_from_db()
    assert lost.status == "READY" and lost.started_at is None
    assert DBTaskResult.objects.ready().filter(pk=lost.pk).exists()


def test_a_long_task_of_a_living_worker_is_left_alone():
    beat("alive")
    long_task = running_task(["alive"], started_ago=timedelta(hours=2))
    assert recover_stale_tasks() == {"retried": 0, "failed": 0}
    long_task.refresh_from_db()
    assert long_task.status == "RUNNING"


def test_a_worker_silent_for_too_long_is_dead():
    beat("frozen", now=timezone.now() - timedelta(minutes=2))
    lost = running_task(["frozen"], started_ago=timedelta(minutes=5))
    recover_stale_tasks()
    lost.refresh_from_db()
    assert lost.status == "READY"


def test_after_the_last_attempt_the_task_fails_and_says_why():
    lost = running_task(["w1", "w2", "w3"], started_ago=timedelta(minutes=5))
    assert recover_stale_tasks() == {"retried": 0, "failed": 1}
    lost.refresh_from_db()
    assert lost.status == "FAILED"
    assert lost.exception_class_path == "worker.recovery.WorkerLost"
    assert "stopped 3 times" in lost.traceback
    assert lost.finished_at is not None
