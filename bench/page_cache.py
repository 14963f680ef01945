"""The cached home page beside a static CSS file from the same gunicorn, in interleaved rounds.

    .venv/bin/python bench/page_cache.py [rounds] [requests] [concurrency]

The row "home page cached" of `make bench` alone, quick enough to iterate on the page cache:
anonymous GETs of ``/`` (answered from the page cache) and of the hashed site CSS (WhiteNoise).
Each round loads both once; the ratio is the median of per-round ratios (page / static, higher
is better). Beside req/s, the CPU time the gunicorn processes spent per request: the client
shares the machine, so on a loaded machine this ratio moves less than the rates do.
``CACHE_URL`` (``file:///…``, ``locmem://``) measures another cache backend. Set
``COLLECTIF_SITE_TEMPLATES`` to a directory to keep the demo site between runs.
"""

import os
import statistics
import sys
from pathlib import Path

from _server import gunicorn, load, prepared_site

TICK = os.sysconf("SC_CLK_TCK")


def server_cpu(port: str) -> float:
    """Seconds of CPU used so far by the gunicorn master and workers bound to ``port``."""
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if b"gunicorn" in cmdline and f"127.0.0.1:{port}".encode() in cmdline:
            fields = stat.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    concurrency = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    with prepared_site([], from_demo=True) as env:
        static_root = Path(env["STATIC_ROOT"], "css")
        css = next(
            p for p in os.listdir(static_root) if p.startswith("site.") and p.count(".") == 2
        )
        with gunicorn(env) as base:
            targets = {
                "home_cached": (base + "/", {}),
                "static_css": (f"{base}/static/css/{css}", {}),
            }
            port = base.rsplit(":", 1)[1]
            samples: dict[str, list[float]] = {name: [] for name in targets}
            cpu: dict[str, list[float]] = {name: [] for name in targets}
            for _round in range(rounds):
                for name, (url, headers) in targets.items():
                    began = server_cpu(port)
                    result = load(url, requests, concurrency, headers)
                    cpu[name].append((server_cpu(port) - began) / (requests + 1) * 1e6)
                    samples[name].append(result["rps"])

    def ratio(page: str, reference: str) -> float:
        pairs = zip(samples[page], samples[reference], strict=True)
        return statistics.median(a / b for a, b in pairs)

    med = {name: statistics.median(values) for name, values in samples.items()}
    backend = os.environ.get("CACHE_URL", "database cache")
    print(f"\n{rounds} rounds x {requests} requests, concurrency {concurrency}, {backend}, "
          f"load avg {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"home cached {med['home_cached']:.0f} req/s | static CSS {med['static_css']:.0f} req/s"
          f" | {ratio('home_cached', 'static_css'):.2f}x of static")  # fmt: skip
    page_cpu, static_cpu = (
        statistics.median(cpu["home_cached"]),
        statistics.median(cpu["static_css"]),
    )
    print(f"server CPU per request: home cached {page_cpu:.0f} us | static CSS {static_cpu:.0f} us"
          f" | {static_cpu / page_cpu:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
