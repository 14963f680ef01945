import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from _pytest.nodeid import NodeId
from django.test import TransactionTestCase
from django.test.utils import setup_databases, teardown_databases

from tests.database_copies import copy_of_the_migrated_template
from tests.factories import make_site_with_home
from tests.live_site import TEMPLATES_VARIABLE, demo_template
from tests.services import browser_unavailable_reason


@pytest.fixture(scope="session", autouse=True)
def serialized_rollback_on_every_connection(django_db_setup):
    """The database copy that serialized rollback restores, reachable from any thread.

    Django keeps it on the connection object of the thread that created the test database;
    once Playwright runs its event loop in the main thread, ``connections`` hands out another
    object, the copy was not found, and a test after a flush started from an empty database.
    """
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def empty_cache():
    """Pages, feeds and the site chrome are cached across requests; never across tests, whose
    database rows are rolled back underneath."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def no_search_counted_before():
    """Searches are counted in memory and written by a later request: never one of another
    test's, into this test's database."""
    from search.hit_log import hit_log  # models load once pytest-django has set Django up

    hit_log.pending.clear()
    yield
    hit_log.pending.clear()


@pytest.fixture
def home(db):
    return make_site_with_home()


@pytest.fixture
def demo_content(db):
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


def pytest_collection_modifyitems(config, items):
    """Mark the tests that flush the database (live server, transactional) as ``live``.

    After ordinary tests had run in the same session, serialized rollback restored the
    database without Wagtail's root page, so `make test` runs the ``live`` tests in a pytest
    session of their own.
    """
    for item in items:
        names = getattr(item, "fixturenames", ())
        marker = item.get_closest_marker("django_db")
        transactional = marker is not None and marker.kwargs.get("transaction", False)
        if transactional or "live_server" in names or "transactional_db" in names:
            item.add_marker(pytest.mark.live)
        if not uses_database(item, names, marker):
            item.add_marker(pytest.mark.without_database)
        if "opensearch_url" in names or item.get_closest_marker("opensearch"):
            # One OpenSearch node per run: under pytest-xdist (--dist loadgroup) its tests share
            # one worker instead of each worker starting a JVM.
            item.add_marker(pytest.mark.xdist_group("opensearch"))


class XdistGroupNames:
    """Give grouped tests the ``@group`` suffix that ``--dist loadgroup`` schedules by.

    pytest-xdist 3.8 writes the suffix into ``item._nodeid``, which pytest 9 no longer reads
    (the node id lives in ``item._id``): every group was scattered over the workers, and each
    worker running an OpenSearch test started a JVM of its own.
    """

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config, items):
        if not config.getvalue("loadgroup"):
            return
        for item in items:
            groups = sorted(
                {str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                 for mark in item.iter_markers("xdist_group")}
            )  # fmt: skip
            if groups and "@" not in item.nodeid:
                item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def uses_database(item, names, marker) -> bool:
    """Whether the test can reach the database: the PostgreSQL pass of `make test` runs only
    these (the others, parsers and pure functions, gave their answer in the SQLite pass)."""
    if marker is not None or DATABASE_FIXTURES & set(names):
        return True
    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, TransactionTestCase)


def pytest_configure(config):
    """Workers name their xdist groups; the controller gives the run one directory of site
    templates before workers start."""
    if hasattr(config, "workerinput"):
        config.pluginmanager.register(XdistGroupNames(), "collectif-xdist-group-names")
    if not hasattr(config, "workerinput") and not os.environ.get(TEMPLATES_VARIABLE):
        os.environ[TEMPLATES_VARIABLE] = tempfile.mkdtemp(prefix="collectif-templates-")
        config._collectif_templates = os.environ[TEMPLATES_VARIABLE]


def pytest_xdist_node_collection_finished(node, ids):
    """Build the demo site for browser tests while the workers run the other tests.

    The first browser test would otherwise wait most of a minute for it with its worker idle;
    the controller starts the build as soon as a worker reports browser tests among its own.
    """
    config = node.config
    if getattr(config, "_collectif_demo_build", None) or not any(
        i.startswith("tests/browser/") for i in ids
    ):
        return
    if browser_unavailable_reason():
        return
    config._collectif_demo_build = threading.Thread(target=demo_template, daemon=True)
    config._collectif_demo_build.start()


def pytest_unconfigure(config):
    build = getattr(config, "_collectif_demo_build", None)
    if build is not None:
        build.join()
    created = getattr(config, "_collectif_templates", None)
    if created:
        shutil.rmtree(created, ignore_errors=True)
        os.environ.pop(TEMPLATES_VARIABLE, None)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's set-up, but a worker's fresh database is a copy of one migrated once
    (tests/database_copies.py). Each `make test` session passes --reuse-db: its databases are
    kept for the next session of the run and removed with TEST_DATABASE_DIR (or the server's
    next --create-db)."""
    worker = getattr(request.config, "workerinput", {}).get("workerid")
    run_dir = os.environ.get("TEST_DATABASE_DIR")
    keepdb = django_db_keepdb and not django_db_createdb
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        if worker and run_dir and not keepdb:
            copy_of_the_migrated_template(Path(run_dir), worker)
            keepdb = True  # the copy is this worker's database: migrate finds nothing to do
        databases = setup_databases(verbosity=verbosity, interactive=False, keepdb=keepdb)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(databases, verbosity=verbosity)
