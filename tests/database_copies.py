"""Each pytest-xdist worker's test database, copied from one migrated once per `make test` run.

Migrating the whole project takes 15–30 s of CPU; every worker did it for its own database, at
the same time, on a two-core machine. Now the first worker to get here migrates a template
database, under a file lock in ``TEST_DATABASE_DIR`` (a directory `make test` makes per run),
and each worker copies it: a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL.
"""

import fcntl
import shutil
from pathlib import Path

from django.conf import settings
from django.db import connection

TEMPLATE_SUFFIX = "_template"


def copy_of_the_migrated_template(run_dir: Path, worker: str) -> None:
    """Create this worker's test database as a copy of the run's migrated template."""
    worker_name = connection.settings_dict["TEST"]["NAME"]
    template_name = worker_name.removesuffix(f"_{worker}") + TEMPLATE_SUFFIX
    with open(run_dir / f"{connection.vendor}{TEMPLATE_SUFFIX}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ready = run_dir / f"{connection.vendor}{TEMPLATE_SUFFIX}.ready"
        if not ready.exists():
            migrate_into(template_name, worker_name)
            ready.touch()
        if connection.vendor == "sqlite":
            shutil.copyfile(template_name, worker_name)
        else:
            with connection.creation._nodb_cursor() as cursor:
                quote = connection.ops.quote_name
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(worker_name)}")
                cursor.execute(
                    f"CREATE DATABASE {quote(worker_name)} WITH TEMPLATE {quote(template_name)}"
                )


def migrate_into(template_name: str, worker_name: str) -> None:
    """Create and migrate the template, then point the settings back at this worker's name."""
    alias = connection.alias
    name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = template_name
    try:
        connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=False
        )
    finally:
        connection.close()
        connection.settings_dict["TEST"]["NAME"] = worker_name
        connection.settings_dict["NAME"] = name
        settings.DATABASES[alias]["NAME"] = name
