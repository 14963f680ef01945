"""Home page under gunicorn: requests/s and queries, beside a static file from the same server.

Run: `make bench` or `.venv/bin/python bench/home_page.py [requests] [concurrency]`.
"""

import os
import subprocess
import sys

from _server import PYTHON, ROOT, gunicorn, load, prepared_site, print_table

COUNT_QUERIES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
for path in ("/", "/a-propos/", "/plan-du-site/"):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    print(path, response.status_code, len(queries), len(response.content))
"""


def query_counts(env: dict[str, str]) -> dict[str, tuple[int, int]]:
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", COUNT_QUERIES],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    counts = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0].startswith("/"):
            counts[parts[0]] = (int(parts[2]), int(parts[3]))
    return counts


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    with prepared_site([["load_demo_content"], ["update_index"]]) as env:
        counts = query_counts(env)
        with gunicorn(env) as base:
            css = next(
                (p for p in (os.listdir(os.path.join(env["VAR_DIR"], "static", "css")))
                 if p.startswith("site.") and p.endswith(".css") and p != "site.css"),
                "site.css",
            )  # fmt: skip
            static = load(f"{base}/static/css/{css}", requests, concurrency)
            rows = []
            for path in ("/", "/a-propos/", "/plan-du-site/"):
                result = load(base + path, requests, concurrency)
                queries, _size = counts.get(path, ("?", 0))
                rows.append([
                    path, f"{result['rps']:.0f}", f"{result['p50_ms']:.1f}",
                    f"{result['p95_ms']:.1f}", queries, result["bytes"],
                    f"{static['rps'] / result['rps']:.1f}x", result["statuses"],
                ])  # fmt: skip
            rows.append([
                f"static {css}", f"{static['rps']:.0f}", f"{static['p50_ms']:.1f}",
                f"{static['p95_ms']:.1f}", 0, static["bytes"], "1.0x", static["statuses"],
            ])  # fmt: skip
    print_table(
        f"gunicorn, 2 workers, {requests} requests, concurrency {concurrency}, SQLite, demo",
        ["path", "req/s", "p50 ms", "p95 ms", "queries", "bytes", "static/page", "status"],
        rows,
    )


if __name__ == "__main__":
    main()
