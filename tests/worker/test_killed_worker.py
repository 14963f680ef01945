"""The real ``run_worker`` killed with SIGKILL in the middle of a task, then another one started.

The SMTP server kills the worker while the registrant's confirmation is being handed over, the
moment the only copy of the cancel link would be lost: the task stays RUNNING in the database.
The next worker sees that nobody runs it any more, queues it again and sends the email.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import WebinarIndexPageFactory, WebinarPageFactory
from tests.newsletter.test_worker_resume import worker_database_url
from webinars.models import Registration

from ..webinars.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class KillFirstDelivery:
    def __init__(self):
        self.worker_pid: int | None = None
        self.kills = 0
        self.received = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.kills == 0 and self.worker_pid:
                os.kill(self.worker_pid, signal.SIGKILL)
                self.kills += 1
                return "451 4.3.0 The worker died before this reply"
            self.received.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def task_row(sqlite_path: Path | None, task_id: str) -> tuple[str, list]:
    """(status, worker ids) of the task, as the workers' database has it."""
    if sqlite_path is None:
        result = DBTaskResult.objects.get(pk=task_id)
        return result.status, result.worker_ids
    with sqlite3.connect(sqlite_path, timeout=20) as db:
        status, worker_ids = db.execute(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE id = ?",
            (task_id.replace("-", ""),),
        ).fetchone()
    return status, json.loads(worker_ids)


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-startup-delay",
         "--no-reload"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def wait_for(condition, what: str, worker: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + 120
    while not condition():
        if worker is not None and worker.poll() is not None:
            pytest.fail(f"the worker exited while waiting for {what}: {worker.stderr.read()}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


def test_a_task_left_running_by_a_killed_worker_is_retried_by_the_next(settings, tmp_path, home):
    if connection.vendor not in ("sqlite", "postgresql"):
        pytest.skip(f"no way to share a {connection.vendor} test database with a worker")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from webinars.tasks import send_registration_message

    session = WebinarPageFactory(parent=WebinarIndexPageFactory(parent=home), capacity=5)
    registration = Registration.objects.create(
        session=session, name="Inès Roy", email="ines@example.org", consent_at=timezone.now()
    )
    task_id = str(send_registration_message.enqueue(registration.pk, "confirmation").id)
    database_url, sqlite_path = worker_database_url(tmp_path)

    handler = KillFirstDelivery()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url,
        "VAR_DIR": tempfile.mkdtemp(dir=tmp_path),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        # The test database has no cache table: the worker keeps its cache in memory.
        "CACHE_URL": "locmem://",
        "SITE_URL": "https://collectif.example.org",
        "WORKER_HEARTBEAT_SECONDS": "0.2",
        "TASK_STALE_SECONDS": "1",
        "TASK_MAX_ATTEMPTS": "3",
    }
    workers = []
    try:
        first = start_worker(env)
        workers.append(first)
        handler.worker_pid = first.pid
        assert first.wait(timeout=120) == -signal.SIGKILL, first.stderr.read()
        assert task_row(sqlite_path, task_id)[0] == "RUNNING"

        second = start_worker(env)
        workers.append(second)
        wait_for(lambda: task_row(sqlite_path, task_id)[0] == "SUCCESSFUL", "the retry", second)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)
        controller.stop()

    _status, worker_ids = task_row(sqlite_path, task_id)
    assert len(worker_ids) == 2 and worker_ids[0] != worker_ids[1]
    [confirmation] = handler.received
    assert confirmation["To"] == "ines@example.org"
    assert "/annulation/?jeton=" in confirmation.get_body(("plain",)).get_content()
    # Quiet by default: the retry is worth a warning, a task's every state is not.
    output = second.stdout.read() + second.stderr.read()
    assert "queued again" in output
    assert "state=" not in output
