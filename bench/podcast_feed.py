"""Podcast feed for 10, 100 and 1,000 episodes: cold build, cached, 304, and the same bytes
as a static file served by the same gunicorn in the same run.

Run: `.venv/bin/python bench/podcast_feed.py [requests] [concurrency]`. Cold builds are timed
in-process (the cache is emptied before each); the rest over HTTP under gunicorn.
"""

import json
import subprocess
import sys
from pathlib import Path

from _server import PYTHON, ROOT, gunicorn, load, prepared_site, print_table

SIZES = (10, 100, 1000)

BUILD = """
import json, time, statistics
from datetime import timedelta
from pathlib import Path
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.models import Site
from podcasts.models import PodcastEpisodePage, PodcastIndexPage, PodcastShowPage
from demo.loaders.podcasts import cover_image, load_audio

home = Site.objects.get(is_default_site=True).root_page.specific
section = home.add_child(instance=PodcastIndexPage(title="Bench", slug="bench"))
audio = load_audio("bienvenue", "Bench")
now = timezone.now()
notes = "<p>Notes de l’épisode : des pratiques &amp; des questions, <b>en bref</b>.</p>" * 3
out = Path(settings.STATIC_ROOT) / "bench"
out.mkdir(exist_ok=True)
client = Client(HTTP_HOST="127.0.0.1")
for size in SIZES:
    show = section.add_child(instance=PodcastShowPage(
        title=f"Bench {size}", slug=f"bench-{size}", description="Banc d’essai.",
        cover=cover_image("Bench cover"), author="Bench", owner_name="Bench",
        owner_email="bench@example.org", apple_subcategory="Courses"))
    for n in range(size):
        moment = now - timedelta(hours=n + 1)
        show.add_child(instance=PodcastEpisodePage(
            title=f"Épisode {n} : évaluer & partager", slug=f"e{n}", audio=audio,
            intro="Un épisode du banc d’essai.", show_notes=notes, episode_number=n + 1,
            first_published_at=moment, last_published_at=moment))
    url = show.url + "feed.xml"
    timings = []
    for _ in range(5 if size < 1000 else 3):
        cache.clear()
        client.get("/")
        began = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
    body = client.get(url).content
    (out / f"feed-{size}.xml").write_bytes(body)
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip").content
    print("RESULT", json.dumps({"size": size, "url": url, "cold_ms": statistics.median(timings),
          "bytes": len(body), "gzip": len(zipped),
          "items": body.count(b"<item>")}))
"""


def build(env: dict[str, str]) -> list[dict]:
    script = f"SIZES = {SIZES!r}\n" + BUILD
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT, env={**env, "ALLOWED_HOSTS": "127.0.0.1,testserver"},
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return [json.loads(line[7:]) for line in output.splitlines() if line.startswith("RESULT ")]


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    with prepared_site([["load_demo_content"]]) as env:
        results = build(env)
        assert Path(env["VAR_DIR"], "static", "bench").is_dir()
        rows = []
        with gunicorn(env) as base:
            for result in results:
                feed = base + result["url"]
                load(feed, 2, 1)  # each worker builds and caches its copy
                cached = load(feed, requests, concurrency)
                etag = _etag(feed)
                revalidated = load(feed, requests, concurrency, {"If-None-Match": etag})
                static = load(f"{base}/static/bench/feed-{result['size']}.xml", requests,
                              concurrency)  # fmt: skip
                rows.append([
                    result["size"], result["items"], f"{result['bytes'] / 1024:.0f} KiB",
                    f"{result['gzip'] / 1024:.0f} KiB", f"{result['cold_ms']:.0f}",
                    f"{cached['rps']:.0f} / {cached['p50_ms']:.1f}",
                    f"{revalidated['rps']:.0f} / {revalidated['p50_ms']:.1f}",
                    f"{static['rps']:.0f} / {static['p50_ms']:.1f}",
                    f"{static['rps'] / cached['rps']:.1f}x",
                    sorted({*cached["statuses"], *revalidated["statuses"], *static["statuses"]}),
                ])  # fmt: skip
    print_table(
        f"podcast feed, gunicorn 2 workers, {requests} requests, concurrency {concurrency}, "
        "SQLite; req/s / p50 ms",
        ["episodes", "items", "feed", "gzip", "cold build ms",
         "cached", "304", "static same bytes", "static/cached", "statuses"],
        rows,
    )  # fmt: skip


def _etag(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers["ETag"]


if __name__ == "__main__":
    main()
