"""Which real services the suite can reach, and why not when it cannot.

``python -m tests.services postgres`` exits 0 when PostgreSQL answers and prints the reason
otherwise; the Makefile uses it to decide whether to run the suite a second time on it.
"""

import os
import shutil
import sys
from pathlib import Path

DEFAULT_POSTGRES_URL = "postgres://collectif:collectif@127.0.0.1:5432/collectif"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_PATH = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def postgres_url() -> str:
    return os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def postgres_unreachable_reason() -> str | None:
    try:
        import psycopg
    except ImportError as error:
        return f"psycopg is not installed ({error})"
    url = postgres_url().replace("postgres://", "postgresql://", 1)
    try:
        with psycopg.connect(url, connect_timeout=3) as connection:
            connection.execute("SELECT 1")
    except Exception as error:  # any failure means: not reachable for tests
        return f"PostgreSQL at {postgres_url()} did not answer: {error}".strip()
    return None


def browser_unavailable_reason() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if not AXE_PATH.exists():
        return f"axe-core not found at {AXE_PATH} (npm ci)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "postgres":
        reason = postgres_unreachable_reason()
        print(reason or "reachable")
        return 1 if reason else 0
    if command == "postgres-url":
        print(postgres_url())
        return 0
    print("usage: python -m tests.services postgres|postgres-url", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
