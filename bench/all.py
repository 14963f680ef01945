"""`make bench`: every figure of issue 15 in one table, each beside its reference in the same run.

    .venv/bin/python bench/all.py [rounds] [requests] [concurrency]

One throwaway site (production settings, SQLite, the database cache) served by gunicorn with 2
sync workers (`config.serve`, as `make serve`), and a bare `wagtail start` project served the
same way as the reference for pages. Targets are loaded in interleaved rounds; each row gives
the medians over rounds and the median of per-round ratios (reference / Collectif for rates,
Collectif / reference for times: above 1 means Collectif is slower). "Uncached" pages carry a
session cookie, which the page cache never answers.
"""

import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from _server import PYTHON, ROOT, gunicorn, load, prepared_site, print_table
from page_types import FIND_ADDRESSES, page_addresses, search_words

from config.serve import gunicorn_command

FEED_BUILD = (Path(__file__).parent / "podcast_feed.py").read_text().split('BUILD = """')[1]
FEED_BUILD = FEED_BUILD.split('"""')[0]
BARE_FEEDGEN = """
from feedgen.feed import FeedGenerator
show = PodcastShowPage.objects.get(slug="bench-1000")
rows = list(show.public_episodes().select_related("audio"))
def bare():
    feed = FeedGenerator(); feed.load_extension("podcast")
    feed.title(show.title); feed.link(href="http://127.0.0.1/"); feed.description("Banc")
    for e in rows:
        entry = feed.add_entry(order="append")
        entry.guid(str(e.guid), permalink=False); entry.title(e.title)
        entry.link(href="http://127.0.0.1/" + e.slug + "/"); entry.description(e.show_notes)
        entry.enclosure("http://127.0.0.1/a.mp3", str(e.audio.size), e.audio.mime_type)
        entry.pubDate(e.first_published_at); entry.podcast.itunes_duration(round(e.audio.duration))
    return feed.rss_str(pretty=False)
bare_ms = []
for _ in range(3):
    began = time.perf_counter(); bare(); bare_ms.append((time.perf_counter() - began) * 1000)
print("BARE", json.dumps({"bare_ms": statistics.median(bare_ms)}))
"""
COUNT_QUERIES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
for path, cookie in {targets!r}:
    client = Client(HTTP_HOST="127.0.0.1")
    if cookie:
        client.cookies["sessionid"] = "bench"
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    print("Q", path, cookie, len(queries))
client.get("/recherche/", {{"q": {words[1]!r}}})
with CaptureQueriesContext(connection) as queries:
    client.get("/recherche/", {{"q": {words[0]!r}}})
print("Q", "new", True, len(queries))
"""


def shell(env: dict, code: str, cwd=ROOT) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=cwd, env=env, check=True,
        capture_output=True, text=True,
    ).stdout  # fmt: skip


def reference_site(workdir: Path) -> dict[str, str]:
    """A bare `wagtail start` project, production settings, migrated, static collected."""
    subprocess.run([str(Path(PYTHON).parent / "wagtail"), "start", "refsite", str(workdir)],
                   check=True, capture_output=True)  # fmt: skip
    (workdir / "refsite" / "settings" / "local.py").write_text(
        'SECRET_KEY = "reference-' + "x" * 60 + '"\nALLOWED_HOSTS = ["*"]\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    env.update(DJANGO_SETTINGS_MODULE="refsite.settings.production", PYTHONPATH=str(workdir))
    for step in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *step], cwd=workdir, env=env, check=True,
                       capture_output=True)  # fmt: skip
    return env


class ReferenceServer:
    def __init__(self, env, workdir):
        self.env, self.workdir = env, workdir

    def __enter__(self):
        import urllib.error
        import urllib.request

        from tests.live_site import free_port

        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.log = tempfile.TemporaryFile()
        command = gunicorn_command(f"127.0.0.1:{port}", 2)
        command[command.index("config.wsgi")] = "refsite.wsgi"
        self.process = subprocess.Popen(command, cwd=self.workdir, env=self.env,
                                        start_new_session=True, stdout=self.log,
                                        stderr=subprocess.STDOUT)  # fmt: skip
        for _ in range(300):  # a bare project has no robots.txt: wait for its home page
            try:
                urllib.request.urlopen(self.base + "/", timeout=1).read()
                return self.base
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        self.__exit__(None, None, None)
        raise RuntimeError("the reference site did not answer within 30 s")

    def __exit__(self, *exc):
        import signal

        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=30)
        self.log.close()


def newsletter_rates(size: int) -> dict[str, float]:
    output = subprocess.run(
        [PYTHON, str(Path(__file__).parent / "newsletter_send.py"), "--sizes", str(size),
         "--json"], cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rows = json.loads(output.strip().splitlines()[-1])
    return {row["mode"]: row["rate"] for row in rows}


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    concurrency = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    workdir = Path(tempfile.mkdtemp(prefix="collectif-bench-ref-"))
    with prepared_site([["load_demo_content"]]) as env:
        build_env = {**env, "ALLOWED_HOSTS": "127.0.0.1,testserver"}
        out = shell(build_env, "SIZES = (1000,)\n" + FEED_BUILD + BARE_FEEDGEN)
        feed = next(json.loads(line[7:]) for line in out.splitlines() if line.startswith("RESULT "))
        bare = next(json.loads(line[5:]) for line in out.splitlines() if line.startswith("BARE "))
        found = shell(build_env, FIND_ADDRESSES)
        pages, words = page_addresses(found), search_words(found)
        pages.pop("home page", None)  # the first row
        counted = [("/", True), ("/", False), (feed["url"], False)]
        counted += [(url, True) for url in pages.values()]
        queries = {}
        counting = COUNT_QUERIES.format(targets=counted, words=words)
        for line in shell(build_env, counting).splitlines():
            if line.startswith("Q "):
                _q, path, cookie, count = line.split()
                queries[(path, cookie == "True")] = int(count)
        ref_env = reference_site(workdir)
        static_css = next(p for p in os.listdir(Path(env["VAR_DIR"], "static", "css"))
                          if p.startswith("site.") and p.count(".") == 2)  # fmt: skip
        samples: dict[str, list[float]] = {}
        loads: list[float] = []
        with gunicorn(env) as base, ReferenceServer(ref_env, workdir) as reference:
            feed_url = base + feed["url"]
            etag = _etag(feed_url)
            static_feed = f"{base}/static/bench/feed-1000.xml"
            static_etag = _etag(static_feed)
            targets = {
                "home_uncached": (base + "/", {"Cookie": "sessionid=bench"}),
                "home_cached": (base + "/", {}),
                "reference_home": (reference + "/", {}),
                "static_css": (f"{base}/static/css/{static_css}", {}),
                "feed_cached": (feed_url, {"Accept-Encoding": "gzip"}),
                "static_feed": (static_feed, {"Accept-Encoding": "gzip"}),
                "feed_304": (feed_url, {"If-None-Match": etag, "Accept-Encoding": "gzip"}),
                "static_304": (static_feed, {"If-None-Match": static_etag}),
            }
            for name, url in pages.items():
                targets[f"page:{name}"] = (base + url, {"Cookie": "sessionid=bench"})
            # Each request a query never asked before in this run (a demo word, and a results
            # page number never used): the search runs in full, nothing kept answers it.
            never_asked = itertools.count()

            def new_query(_index: int) -> str:
                number = next(never_asked)
                query = urlencode({"q": words[number % len(words)], "page": number})
                return f"{base}/recherche/?{query}"

            targets["search_new"] = (new_query, {"Cookie": "sessionid=bench"})
            for _round in range(rounds):
                for name, (url, headers) in targets.items():
                    samples.setdefault(name, []).append(
                        load(url, requests, concurrency, headers)["rps"]
                    )
                loads.append(os.getloadavg()[0])
    rates = newsletter_rates(100)

    def ratio(ours: str, theirs: str) -> float:
        return statistics.median(b / a for a, b in zip(samples[ours], samples[theirs],
                                                          strict=True))  # fmt: skip

    med = {name: statistics.median(values) for name, values in samples.items()}
    load_avg = f"{statistics.median(loads):.1f}"
    rows = [
        ["home page uncached, req/s", f"{med['home_uncached']:.0f}",
         f"bare wagtail start home: {med['reference_home']:.0f}",
         f"{ratio('home_uncached', 'reference_home'):.2f}x its time",
         queries.get(("/", True), "?"), load_avg],
        *[[f"{name} uncached, req/s", f"{med['page:' + name]:.0f}",
           f"bare wagtail start home: {med['reference_home']:.0f}",
           f"{ratio('page:' + name, 'reference_home'):.2f}x its time",
           queries.get((url, True), "?"), load_avg]
          for name, url in pages.items()],
        ["search page, a new query each request, req/s", f"{med['search_new']:.0f}",
         f"bare wagtail start home: {med['reference_home']:.0f}",
         f"{ratio('search_new', 'reference_home'):.2f}x its time", queries.get(("new", True), "?"),
         load_avg],
        ["home page uncached vs static CSS, req/s", f"{med['home_uncached']:.0f}",
         f"static CSS: {med['static_css']:.0f}",
         f"{ratio('home_uncached', 'static_css'):.1f}x slower", queries.get(("/", True), "?"),
         load_avg],
        ["home page cached (anonymous), req/s", f"{med['home_cached']:.0f}",
         f"static CSS: {med['static_css']:.0f}",
         f"{1 / ratio('home_cached', 'static_css'):.2f}x of static",
         queries.get(("/", False), "?"), load_avg],
        ["cold build, 1,000-episode feed, ms", f"{feed['cold_ms']:.0f}",
         f"bare feedgen, same entries: {bare['bare_ms']:.0f}",
         f"{feed['cold_ms'] / bare['bare_ms']:.1f}x", "-", load_avg],
        ["cached 1k feed, req/s", f"{med['feed_cached']:.0f}",
         f"same bytes as a static file: {med['static_feed']:.0f}",
         f"{1 / ratio('feed_cached', 'static_feed'):.2f}x of static",
         queries.get((feed["url"], False), "?"), load_avg],
        ["feed 304, req/s", f"{med['feed_304']:.0f}", f"WhiteNoise 304: {med['static_304']:.0f}",
         f"{1 / ratio('feed_304', 'static_304'):.2f}x of static", 1, load_avg],
        ["newsletter, batched vs connection per message (20 ms SMTP), msg/s",
         f"{rates['batched']:.0f}", f"per message: {rates['per-message']:.0f}",
         f"{rates['batched'] / rates['per-message']:.1f}x", "-", load_avg],
    ]  # fmt: skip
    print_table(
        f"issue 15: gunicorn 2 sync workers, production settings, SQLite + database cache, "
        f"{rounds} interleaved rounds of {requests} requests at concurrency {concurrency}; "
        "medians; queries per request (cached rows: the cache lookup)",
        ["measure", "Collectif", "reference, same run", "ratio", "queries", "load avg"],
        rows,
    )


def _etag(url: str) -> str:
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers["ETag"] or ""


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\n({time.perf_counter() - started:.0f} s)")
