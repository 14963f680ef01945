"""Serve the site locally as production does: gunicorn, production settings, WhiteNoise.

    make serve            # or: .venv/bin/python -m config.serve --port 8000 --workers 2

Prepares ``var/`` (migrate, which also creates the cache table; collectstatic; the demo
content), then runs the task worker and gunicorn. Production-only safety settings that need
HTTPS are relaxed for http://127.0.0.1; everything else (DEBUG off, hashed and compressed
static files, the shared database cache, persistent connections) is what production runs.
The bench and the browser tests start the same command (``tests/live_site.py``).
"""

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def gunicorn_command(bind: str, workers: int) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", bind,
            "--workers", str(workers), "--log-level", "warning"]  # fmt: skip


def local_production_env(var_dir: Path, site_url: str) -> dict[str, str]:
    """Production settings for a site served over plain http on this machine."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    key_file = var_dir / "secret-key"
    if "SECRET_KEY" not in env:
        var_dir.mkdir(parents=True, exist_ok=True)
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(64))
        env["SECRET_KEY"] = key_file.read_text().strip()
    defaults = {
        "VAR_DIR": str(var_dir),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": site_url,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "ERROR",
        "SERVE_MEDIA": "1",
    }
    # Whatever the shell exports (CACHE_URL, DATABASE_URL, WORKERS...) wins over these defaults.
    return {**defaults, **env, "DJANGO_SETTINGS_MODULE": "config.settings.production"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "2")))
    parser.add_argument("--no-demo", action="store_true", help="do not load the demo content")
    args = parser.parse_args()
    var_dir = Path(os.environ.get("VAR_DIR", ROOT / "var"))
    env = local_production_env(var_dir, f"http://127.0.0.1:{args.port}")
    manage = [sys.executable, "manage.py"]
    steps = [["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]]
    if not args.no_demo:
        steps.append(["load_demo_content"])
    for step in steps:
        subprocess.run([*manage, *step], cwd=ROOT, env=env, check=True)
    print(f"\n  Collectif (production settings, gunicorn × {args.workers}): "
          f"http://127.0.0.1:{args.port}/\n")  # fmt: skip
    worker = subprocess.Popen([*manage, "db_worker"], cwd=ROOT, env=env)
    try:
        subprocess.run(gunicorn_command(f"127.0.0.1:{args.port}", args.workers), cwd=ROOT, env=env)
    except KeyboardInterrupt:
        pass
    finally:
        worker.terminate()
        worker.wait(timeout=30)


if __name__ == "__main__":
    main()
