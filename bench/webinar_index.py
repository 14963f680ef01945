"""Sessions index with 1,000 sessions under gunicorn, beside a static file from the same server.

Run: `.venv/bin/python bench/webinar_index.py [sessions] [requests] [concurrency]`.
"""

import os
import subprocess
import sys

from _server import PYTHON, ROOT, gunicorn, load, prepared_site, print_table

CREATE_SESSIONS = """
from datetime import timedelta
from django.utils import timezone
from webinars.models import WebinarIndexPage, WebinarPage
index = WebinarIndexPage.objects.get(slug="webinaires")
now = timezone.now()
for number in range({count}):
    start = now + timedelta(days=number - {count} + 20, hours=number % 7)
    page = WebinarPage(
        title=f"Session {{number}}", slug=f"session-{{number}}", intro="Une session du banc.",
        session_format=["webinaire", "atelier", "quiz", "pleniere"][number % 4],
        mode="distance", online_url="https://visio.example.org/banc",
        start=start, end=start + timedelta(hours=1), live=True,
    )
    index.add_child(instance=page)
    page.tags.add(["evaluation", "numerique", "podcast"][number % 3])
    page.save()
"""

COUNT_QUERIES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
for path in {paths!r}:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    print(path, response.status_code, len(queries), len(response.content))
"""

PATHS = [
    "/webinaires/",
    "/webinaires/?page=40",
    "/webinaires/?format=atelier&tag=numerique",
    "/webinaires/calendar.ics",
    "/webinaires/session-990/",
]


def shell(env: dict[str, str], code: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    concurrency = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    with prepared_site([["load_demo_content"]]) as env:
        shell(env, CREATE_SESSIONS.format(count=count))
        counts = {}
        for line in shell({**env, "ALLOWED_HOSTS": "testserver"},
                          COUNT_QUERIES.format(paths=PATHS)).splitlines():  # fmt: skip
            parts = line.split()
            if len(parts) == 4 and parts[0].startswith("/"):
                counts[parts[0]] = int(parts[2])
        with gunicorn(env) as base:
            static_dir = os.path.join(env["VAR_DIR"], "static", "css")
            css = next(
                (p for p in os.listdir(static_dir)
                 if p.startswith("site.") and p.endswith(".css") and p != "site.css"),
                "site.css",
            )  # fmt: skip
            static = load(f"{base}/static/css/{css}", requests, concurrency)
            rows = []
            for path in PATHS:
                result = load(base + path, requests, concurrency)
                rows.append([
                    path, f"{result['rps']:.0f}", f"{result['p50_ms']:.1f}",
                    f"{result['p95_ms']:.1f}", counts.get(path, "?"), result["bytes"],
                    f"{static['rps'] / result['rps']:.1f}x", result["statuses"],
                ])  # fmt: skip
            rows.append([
                f"static {css}", f"{static['rps']:.0f}", f"{static['p50_ms']:.1f}",
                f"{static['p95_ms']:.1f}", 0, static["bytes"], "1.0x", static["statuses"],
            ])  # fmt: skip
    print_table(
        f"gunicorn, 2 workers, {count} sessions, {requests} requests, concurrency {concurrency}",
        ["path", "req/s", "p50 ms", "p95 ms", "queries", "bytes", "static/page", "status"],
        rows,
    )


if __name__ == "__main__":
    main()
