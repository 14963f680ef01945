"""Search engines side by side: index build time and query latency at 1,000 and 10,000 documents.

Run: `make bench-search` or `.venv/bin/python bench/search.py [sizes...]` (default 1000 10000).

Documents are transcript passages (``TranscriptCue``, indexed like any page passage) made of
French sentences from a fixed vocabulary, bulk-created, then indexed with ``update_index``.
Each engine runs in its own process on its own fresh database: SQLite (FTS5 + Snowball),
PostgreSQL (``collectif_french``) when it answers, OpenSearch (our node, started if needed,
with a SQLite database) when Java and Maven are there. The reference column is a plain
``icontains`` scan over the same rows in the same process: what search would cost without an
index.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = """
évaluation évaluations évaluer formative sommative compétence compétences élève élèves classe
classes enseignant enseignante enseignants formation formations formateur atelier ateliers
webinaire séance séances collectif pédagogie pédagogique pédagogiques numérique numériques
distance confinement continuité tablette tablettes famille familles parents école collège
lycée académie inspecteur inspectrice projet projets oral écrit lecture écriture podcast
émission enregistrement montage micro capsule vidéo carte mentale croquis badge badges
critère critères grille grilles retour retours progrès difficulté difficultés inclusion
différenciation besoin besoins particulier particuliers tutorat mentorat accompagnement
climat scolaire harcèlement médiation pairs conflit conflits bien-être sobriété empreinte
environnement intelligence artificielle devoirs maison esprit critique question questions
stress jury présentation co-design livrable ressource ressources partage partager échanger
apprendre apprentissage apprentissages mémoriser réviser comprendre expliquer observer
""".split()  # noqa: SIM905
GLUE = "le la les un une des de du et pour avec dans sur par en au aux".split()  # noqa: SIM905
QUERIES = 40
SAMPLE_TIMES = 3


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS if rng.random() < 0.65 else GLUE) for _ in range(16))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def worker(engine: str, sizes: list[int]) -> None:
    """Runs in a child process whose environment selects the engine; prints one JSON per size."""
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from media_pages.models import StandardPage, TranscriptCue

    call_command("migrate", verbosity=0)
    root = Page.get_first_root_node()
    page = root.add_child(instance=StandardPage(title="Banc d’essai", slug="banc-essai"))
    rng = random.Random(42)
    queries = [" ".join(rng.sample(WORDS, rng.choice((1, 1, 2)))) for _ in range(QUERIES)]
    backend = get_search_backend()
    created = 0
    for size in sizes:
        TranscriptCue.objects.bulk_create(
            TranscriptCue(page=page, start=n, end=n + 5, text=sentence(rng))
            for n in range(created, size)
        )
        created = size
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        build = time.perf_counter() - started
        latencies, reference = [], []
        for _round in range(SAMPLE_TIMES):
            for query in queries:
                started = time.perf_counter()
                list(backend.search(query, TranscriptCue)[:10])
                latencies.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                list(TranscriptCue.objects.filter(text__icontains=query.split()[0])[:10])
                reference.append((time.perf_counter() - started) * 1000)
        print(
            json.dumps(
                {
                    "engine": engine,
                    "docs": size,
                    "build_s": build,
                    "p50": statistics.median(latencies),
                    "p95": percentile(latencies, 0.95),
                    "ref_p50": statistics.median(reference),
                }
            ),
            flush=True,
        )


def engines() -> list[tuple[str, dict[str, str], object]]:
    """(name, environment, cleanup) for each engine that can run here; prints why not."""
    from tests.search import opensearch_node
    from tests.services import postgres_unreachable_reason, postgres_url

    base = {k: v for k, v in os.environ.items() if k not in ("SEARCH_URL", "DATABASE_URL")}
    base["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
    found = [("sqlite", {**base, "DATABASE_URL": f"sqlite:///{tmp / 'sqlite.db'}"}, None)]
    reason = postgres_unreachable_reason()
    if reason:
        print(f"SKIPPED postgresql: {reason}")
    else:
        url = postgres_url().rsplit("/", 1)[0] + "/collectif_bench_search"
        fresh_postgres_database(url)
        found.append(("postgresql", {**base, "DATABASE_URL": url}, None))
    try:
        node = opensearch_node.start()
    except RuntimeError as error:
        print(f"SKIPPED opensearch: {error}")
    else:
        env = {
            **base,
            "DATABASE_URL": f"sqlite:///{tmp / 'opensearch.db'}",
            "SEARCH_URL": node.url,
            "SEARCH_INDEX_PREFIX": f"bench_{os.getpid()}_",
        }
        found.append(("opensearch", env, node))
    return found


def fresh_postgres_database(url: str) -> None:
    import psycopg

    admin_url, name = url.rsplit("/", 1)
    with psycopg.connect(admin_url.replace("postgres://", "postgresql://") + "/postgres",
                         autocommit=True) as connection:  # fmt: skip
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template1')


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        worker(sys.argv[2], [int(size) for size in sys.argv[3:]])
        return
    sizes = [int(size) for size in sys.argv[1:]] or [1000, 10000]
    rows = []
    for name, env, node in engines():
        print(f"… {name}", flush=True)
        output = subprocess.run(
            [sys.executable, __file__, "--worker", name, *map(str, sizes)],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        if output.returncode:
            print(f"FAILED {name}:\n{output.stderr[-2000:]}")
        rows += [json.loads(line) for line in output.stdout.splitlines() if line.startswith("{")]
        if node is not None:
            node.stop()
    print()
    print(f"{'engine':<12}{'docs':>8}{'index build s':>15}{'query p50 ms':>14}"
          f"{'query p95 ms':>14}{'ref. icontains p50 ms':>23}")  # fmt: skip
    for row in rows:
        print(f"{row['engine']:<12}{row['docs']:>8}{row['build_s']:>15.2f}{row['p50']:>14.2f}"
              f"{row['p95']:>14.2f}{row['ref_p50']:>23.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
