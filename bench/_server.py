"""Shared bench plumbing: a throwaway site served by gunicorn, and a concurrent HTTP load.

Benchmarks print figures; they never fail a build. Timings are noisy on shared machines, so
every table puts a reference (a static file served by the same server) in the same run and
reports ratios.
"""

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "VAR_DIR": str(var_dir),
            "SECRET_KEY": "bench-" + "x" * 60,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "ERROR",
        }
    )
    env.pop("DATABASE_URL", None)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


@contextmanager
def prepared_site(setup_args: list[list[str]]):
    """A fresh var/ with migrations, collected static files and the given manage.py calls."""
    var_dir = Path(tempfile.mkdtemp(prefix="collectif-bench-"))
    env = bench_env(var_dir)
    try:
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "collectstatic", "--no-input", "-v0")
        for args in setup_args:
            manage(env, *args)
        yield env
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2):
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def load(url: str, requests: int, concurrency: int, headers: dict | None = None) -> dict:
    """Send ``requests`` GETs with ``concurrency`` threads; requests/s, latencies and bytes."""

    def one(_index: int) -> tuple[float, int, int]:
        request = urllib.request.Request(url, headers=headers or {})
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                size, status = len(response.read()), response.status
        except urllib.error.HTTPError as error:
            size, status = len(error.read()), error.code
        return time.perf_counter() - began, size, status

    one(0)  # warm caches and connections
    began = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(one, range(requests)))
    elapsed = time.perf_counter() - began
    latencies = sorted(r[0] for r in results)
    return {
        "rps": requests / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "bytes": results[-1][1],
        "statuses": sorted({r[2] for r in results}),
    }


def print_table(title: str, header: list[str], rows: list[list]) -> None:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)))
