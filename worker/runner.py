"""``db_worker``'s loop plus a housekeeping thread: heartbeat, lost tasks, periodic jobs."""

import logging
import threading

from django.conf import settings
from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker

from worker import recovery, schedule

logger = logging.getLogger(__name__)


class Housekeeping(threading.Thread):
    """Runs beside the task loop, so that a long task neither stops the heart nor the clock."""

    def __init__(self, worker_id: str):
        super().__init__(name="worker-housekeeping", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while True:
                self.tick()
                if self.stopped.wait(settings.WORKER_HEARTBEAT_SECONDS):
                    return
        finally:
            connections.close_all()

    def tick(self) -> None:
        try:
            recovery.beat(self.worker_id)
            recovery.recover_stale_tasks()
            schedule.enqueue_due_jobs()
        except Exception:
            # The next tick tries again; a database that is away for a moment must not end it.
            logger.exception("Worker housekeeping failed")


class CollectifWorker(Worker):
    def run(self) -> None:
        recovery.beat(self.worker_id)
        recovery.forget_the_long_dead()
        housekeeping = Housekeeping(self.worker_id)
        housekeeping.start()
        try:
            super().run()
        finally:
            housekeeping.stopped.set()
            housekeeping.join(timeout=10)
            recovery.forget(self.worker_id)
