"""Newsletter sending throughput to an SMTP server 20 ms away (aiosmtpd), and peak memory.

    .venv/bin/python bench/newsletter_send.py [--sizes 1000,10000] [--latency-ms 20]
                                              [--connections N]

For each audience size, three ways of sending the same issue, each in its own process (so
peak RSS is that run's own) on a fresh copy of one migrated SQLite file:

- ``batched``: what the worker does: 100 deliveries claimed per batch, sent over up to
  ``NEWSLETTER_SMTP_CONNECTIONS`` parallel connections (the setting's default unless
  ``--connections``), the accepted ones marked sent in groups;
- ``connection per message`` (the reference): the same code with one connection at a time, and
  a new SMTP connection for every message;
- ``SMTP only``: the same messages over the same number of parallel connections with no
  database work at all, to show what the delivery bookkeeping costs.

The SMTP server answers each command (EHLO, MAIL, RCPT, end of DATA) after ``--latency-ms``
(20 by default), as a relay on another network would; with no latency every mode only measures
this machine's CPU. The rate limit is off (``NEWSLETTER_SEND_RATE=0``). The server runs in the
same process (a thread). Timings vary with the machine's load: compare the rows of one run,
not runs between machines.
"""

import argparse
import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODES = ["smtp-only", "batched", "per-message"]
LABELS = {
    "batched": "batched, {connections} connections",
    "per-message": "connection per message (reference)",
    "smtp-only": "SMTP only, {connections} connections, no DB",
}


def django_env(db_path: Path, var_dir: Path, connections: int | None = None) -> None:
    if connections:
        os.environ["NEWSLETTER_SMTP_CONNECTIONS"] = str(connections)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{db_path}",
            "VAR_DIR": str(var_dir),
            "SITE_URL": "https://collectif.example.org",
            "NEWSLETTER_BATCH_SIZE": "100",
            "NEWSLETTER_SEND_RATE": "0",
            "LOG_LEVEL": "ERROR",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare_template(workdir: Path) -> Path:
    template = workdir / "template.sqlite3"
    subprocess.run([sys.executable, __file__, "--migrate", str(template)], check=True, cwd=ROOT)
    return template


def migrate(template: Path) -> None:
    django_env(template, template.parent)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from tests.factories import make_site_with_home

    make_site_with_home()


class CountingHandler:
    """Counts messages; each SMTP command waits ``latency`` seconds, as a relay 20 ms away
    would answer (``--latency-ms``, 20 by default)."""

    def __init__(self, latency: float = 0.0):
        self.count = 0
        self.latency = latency
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        await asyncio.sleep(self.latency)
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        await asyncio.sleep(self.latency)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        await asyncio.sleep(self.latency)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.latency)
        with self.lock:
            self.count += 1
        return "250 OK"


def run_case(
    db_path: Path, size: int, mode: str, latency: float = 0.02, connections: int | None = None
) -> dict:
    django_env(db_path, db_path.parent, connections)
    import socket

    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.core.mail import get_connection
    from wagtail.models import Site

    from newsletter.email import build_message, render_issue
    from newsletter.models import NewsletterIndexPage, NewsletterPage, Subscriber
    from newsletter.sending import BatchSender, prepare_send
    from newsletter.smtp_pool import SENT, SmtpPool

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handler = CountingHandler(latency)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    pool_size = settings.NEWSLETTER_SMTP_CONNECTIONS

    home = Site.objects.get(is_default_site=True).root_page
    archive = NewsletterIndexPage(title="Lettre", slug="lettre")
    home.add_child(instance=archive)
    issue = NewsletterPage(
        title="Lettre de bench",
        slug="bench",
        subject="Bench",
        body=[("paragraph", "<p>" + "Des nouvelles du collectif. " * 60 + "</p>")],
    )
    archive.add_child(instance=issue)
    Subscriber.objects.bulk_create(
        (Subscriber(email=f"abonne-{n}@example.org", status="confirmed") for n in range(size)),
        batch_size=2000,
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    writes = {"write_seconds": 0.0, "writes": 0}
    started = time.perf_counter()
    if mode == "smtp-only":
        rendered = render_issue(issue)
        attempts = SmtpPool(get_connection, pool_size).run(
            range(size),
            build=lambda n: build_message(
                rendered,
                to=f"abonne-{n}@example.org",
                unsubscribe="https://collectif.example.org/lettre/desabonnement/x/",
                issue_id=issue.pk,
                delivery_id=n,
            ),
            record=lambda attempts: None,
        )
        assert all(attempt.outcome == SENT for attempt in attempts)
    else:
        send = prepare_send(issue)

        class NewConnectionEachTime:
            """A backend that opens a connection for each message, as a naive mailer does."""

            def open(self):
                pass

            def close(self):
                pass

            def send_messages(self, messages):
                with get_connection() as connection:
                    return connection.send_messages(messages)

        class TimedWrites(BatchSender):
            """Times the status writes (the grouped "sent" UPDATEs) this bench is about."""

            def record(self, attempts, outcome):
                started = time.perf_counter()
                super().record(attempts, outcome)
                writes["write_seconds"] += time.perf_counter() - started
                writes["writes"] += 1

        class ConnectionPerMessage(TimedWrites):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.connections = 1

            def open_connection(self):
                return NewConnectionEachTime()

        sender_class = ConnectionPerMessage if mode == "per-message" else TimedWrites
        sender_class(send.pk, enqueue=lambda *args: None).run(chain=False)
        assert send.progress()["sent"] == size, send.progress()
    elapsed = time.perf_counter() - started
    controller.stop()
    assert handler.count == size, (handler.count, size)
    return {
        "size": size,
        "mode": mode,
        "connections": 1 if mode == "per-message" else pool_size,
        "latency_ms": latency * 1000,
        "seconds": elapsed,
        "rate": size / elapsed,
        **writes,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_mb": rss_before / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--migrate")
    parser.add_argument("--case", nargs=3)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument(
        "--connections", type=int, help="NEWSLETTER_SMTP_CONNECTIONS (default: the setting's)"
    )
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    if args.migrate:
        migrate(Path(args.migrate))
        return
    if args.case:
        db_path, size, mode = args.case
        row = run_case(Path(db_path), int(size), mode, args.latency_ms / 1000, args.connections)
        print(json.dumps(row))
        return

    workdir = Path(tempfile.mkdtemp(prefix="collectif-bench-newsletter-"))
    try:
        template = prepare_template(workdir)
        rows = []
        for size in [int(s) for s in args.sizes.split(",")]:
            for mode in MODES:
                db_path = workdir / f"{size}-{mode}.sqlite3"
                shutil.copy(template, db_path)
                output = subprocess.run(
                    [sys.executable, __file__, "--case", str(db_path), str(size), mode,
                     "--latency-ms", str(args.latency_ms)]
                    + (["--connections", str(args.connections)] if args.connections else []),
                    check=True, capture_output=True, text=True, cwd=ROOT,
                )  # fmt: skip
                rows.append(json.loads(output.stdout.strip().splitlines()[-1]))
                print(
                    f"  done: {size} {mode}: {rows[-1]['rate']:.0f} msg/s",
                    flush=True,
                    file=sys.stderr,
                )
                db_path.unlink()
        if args.json:
            print(json.dumps(rows))
        else:
            print_table(rows)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def print_table(rows: list[dict]) -> None:
    print()
    print(f"SMTP server {rows[0]['latency_ms']:.0f} ms away (each command answered after that)")
    print(f"{'subscribers':>11} | {'mode':<36} | {'seconds':>8} | {'msg/s':>7} | "
          f"{'vs reference':>12} | {'peak RSS MB':>11}")  # fmt: skip
    print("-" * 101)
    rates = {(r["size"], r["mode"]): r["rate"] for r in rows}
    for row in rows:
        ratio = row["rate"] / rates[row["size"], "per-message"]
        label = LABELS[row["mode"]].format(connections=row["connections"])
        print(f"{row['size']:>11,} | {label:<36} | {row['seconds']:>8.2f} | "
              f"{row['rate']:>7.0f} | {ratio:>11.2f}x | {row['peak_rss_mb']:>11.0f}")  # fmt: skip
    print()
    for row in rows:
        if row["writes"]:
            print(f"{row['size']:,} {row['mode']}: {row['writes']} status writes (UPDATEs of "
                  f"sent messages, in groups), {row['write_seconds']:.2f} s in all, "
                  f"{100 * row['write_seconds'] / row['seconds']:.1f} % of the run")  # fmt: skip
    for size in sorted({r["size"] for r in rows}):
        batched = rates[size, "batched"]
        print(f"{size:,} subscribers: batched / connection per message = "
              f"{batched / rates[size, 'per-message']:.1f}x (goal: at least 5x); "
              f"batched / SMTP only = {batched / rates[size, 'smtp-only']:.2f} "
              "(1.00: the database costs nothing)")  # fmt: skip
    print("Peak RSS is the whole process (Django, Wagtail, the SMTP server thread, the data).")


if __name__ == "__main__":
    main()
