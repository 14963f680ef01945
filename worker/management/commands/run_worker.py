"""The task worker of Collectif: ``db_worker`` with periodic jobs and lost-task recovery.

Quiet by default (warnings and failures only); ``-v 2`` logs every task as ``db_worker`` does.
"""

import logging
import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands import db_worker

from worker.runner import CollectifWorker

LEVELS = {0: logging.CRITICAL, 1: logging.WARNING, 2: logging.INFO}


class Command(db_worker.Command):
    help = "Run the task worker with the site's periodic jobs (scheduled publishing and more)."

    def configure_logging(self, verbosity: int) -> None:
        level = LEVELS.get(verbosity, logging.DEBUG)
        # The autoreloader's "Watching for file changes" would scroll `make run`'s login away.
        logging.getLogger("django.utils.autoreload").setLevel(max(level, logging.INFO))
        for name in (TASKS_LOGGER, "django_tasks_db", "worker"):
            task_logger = logging.getLogger(name)
            task_logger.setLevel(level)
            if not task_logger.hasHandlers():
                task_logger.addHandler(logging.StreamHandler(self.stderr))

    def handle(self, *, verbosity: int, reload: bool, batch: bool, **options) -> None:
        self.configure_logging(verbosity)
        queue_name, exclude = options["queue_name"], options["exclude_queues"]
        if exclude and "*" not in queue_name.split(","):
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = CollectifWorker(
            queue_names=queue_name.split(","),
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=exclude.split(",") if exclude else [],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
