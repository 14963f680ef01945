"""Bench plumbing: the live site from tests/live_site.py, a concurrent HTTP load, a table.

Benchmarks print figures; they never fail a build. Timings are noisy on shared machines, so
every table puts a reference (a static file served by the same server) in the same run and
reports ratios.
"""

import statistics
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live_site import PYTHON, ROOT, gunicorn, prepared_site

__all__ = ["PYTHON", "ROOT", "gunicorn", "load", "prepared_site", "print_table"]


def load(url, requests: int, concurrency: int, headers: dict | None = None) -> dict:
    """Send ``requests`` GETs with ``concurrency`` threads; requests/s, latencies and bytes.

    ``url`` is an address, or a function giving the address of the request number it is given
    (-1 for the warm-up request).
    """

    def one(index: int) -> tuple[float, int, int]:
        address = url(index) if callable(url) else url
        request = urllib.request.Request(address, headers=headers or {})
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                size, status = len(response.read()), response.status
        except urllib.error.HTTPError as error:
            size, status = len(error.read()), error.code
        return time.perf_counter() - began, size, status

    one(-1)  # warm caches and connections
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
