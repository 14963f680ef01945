"""A throwaway Collectif site served by gunicorn with production settings.

Browser tests and benchmarks use it: a fresh ``VAR_DIR`` (SQLite file, media, static files),
migrated, with collected static files and whatever ``manage.py`` calls the caller asks for,
served by a real WSGI server in its own process group. Nothing is shared with the pytest
database, so a test can never see another test's leftovers.

Building the demo takes most of a minute on two cores, so ``prepared_site(..., from_demo=True)``
starts from a copy of one demo site built once per test run (shared by the xdist workers under a
file lock): its own copy of the database and media, the collected static files read in place.
"""

import atexit
import contextlib
import fcntl
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from config.serve import gunicorn_command
from config.settings.environment import DATABASE_CACHE_TABLE as CACHE_TABLE

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "VAR_DIR": str(var_dir),
            "SECRET_KEY": "live-site-" + "x" * 60,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_COOKIES": "0",
            "LOG_LEVEL": "ERROR",
            "SERVE_MEDIA": "1",
        }
    )
    env.pop("DATABASE_URL", None)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


DEMO_CALLS = [["load_demo_content"], ["update_index"]]
# Set by the pytest controller (tests/conftest.py) before the xdist workers start, so that all of
# them share one demo template; anything else (a bench) gets a directory of its own.
TEMPLATES_VARIABLE = "COLLECTIF_SITE_TEMPLATES"


@contextmanager
def prepared_site(
    setup_calls: list[list[str]], *, from_demo: bool = False
) -> Iterator[dict[str, str]]:
    """A migrated site with static files (a copy of the demo if asked), then ``setup_calls``."""
    var_dir = Path(tempfile.mkdtemp(prefix="collectif-live-"))
    env = site_env(var_dir)
    try:
        if from_demo:
            template = demo_template()
            copy_site(template, var_dir)
            env["STATIC_ROOT"] = str(template / "static")
        else:
            manage(env, "migrate", "--no-input", "-v0")
            manage(env, "collectstatic", "--no-input", "-v0")
        for args in setup_calls:
            manage(env, *args)
        yield env
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def templates_root() -> Path:
    root = os.environ.get(TEMPLATES_VARIABLE)
    if not root:
        root = tempfile.mkdtemp(prefix="collectif-templates-")
        os.environ[TEMPLATES_VARIABLE] = root
        atexit.register(shutil.rmtree, root, True)
    return Path(root)


def demo_template() -> Path:
    """The demo site of this run (migrated, static collected, demo loaded, indexed), built once."""
    template = templates_root() / "demo"
    with open(templates_root() / "demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder; the others wait, then reuse
        if not (template / "ready").exists():
            shutil.rmtree(template, ignore_errors=True)
            template.mkdir(parents=True)
            env = site_env(template)
            for args in [["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]]:
                manage(env, *args)
            for args in DEMO_CALLS:
                manage(env, *args)
            (template / "ready").touch()
    return template


def copy_site(template: Path, var_dir: Path) -> None:
    """The template's database (a consistent SQLite backup, its cache emptied) and media."""
    [database] = template.glob("*.sqlite3")
    source = sqlite3.connect(database)
    target = sqlite3.connect(var_dir / database.name)
    try:
        source.backup(target)
        target.execute(f"DELETE FROM {CACHE_TABLE}")
        target.commit()
    finally:
        source.close()
        target.close()
    if (template / "media").exists():
        shutil.copytree(template / "media", var_dir / "media")


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        # --preload: the workers fork from a master that imported Django once, so the site
        # answers sooner (this server is started once per browser module).
        process = subprocess.Popen(
            [*gunicorn_command(f"127.0.0.1:{port}", workers), "--preload"],
            cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_until_served(process, base, log)
            _servers[base] = process
            yield base
        finally:
            _servers.pop(base, None)
            # The site is thrown away with its directory: nothing to shut down gracefully, and
            # gunicorn's own shutdown waits seconds for its workers and keep-alive clients.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


_servers: dict[str, subprocess.Popen] = {}


def stop_gracefully(base: str) -> None:
    """Stop the server at ``base`` as a deployment does (SIGTERM): its workers finish and exit."""
    process = _servers[base]
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)


def _wait_until_served(process: subprocess.Popen, base: str, log) -> None:
    for _ in range(200):
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn exited:\n{log.read().decode()[-3000:]}")
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer within 20 s")
