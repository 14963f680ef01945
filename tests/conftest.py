import os
import shutil
import tempfile

import pytest
from django.test import TransactionTestCase

from tests.factories import make_site_with_home
from tests.live_site import TEMPLATES_VARIABLE


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
        if "opensearch_url" in names:
            # One OpenSearch node per run: under pytest-xdist (--dist loadgroup) its tests share
            # one worker instead of each worker starting a JVM.
            item.add_marker(pytest.mark.xdist_group("opensearch"))


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def uses_database(item, names, marker) -> bool:
    """Whether the test can reach the database: the PostgreSQL pass of `make test` runs only
    these (the others, parsers and pure functions, gave their answer in the SQLite pass)."""
    if marker is not None or DATABASE_FIXTURES & set(names):
        return True
    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, TransactionTestCase)


def pytest_configure(config):
    """The controller gives the run one directory of site templates before workers start."""
    if not hasattr(config, "workerinput") and not os.environ.get(TEMPLATES_VARIABLE):
        os.environ[TEMPLATES_VARIABLE] = tempfile.mkdtemp(prefix="collectif-templates-")
        config._collectif_templates = os.environ[TEMPLATES_VARIABLE]


def pytest_unconfigure(config):
    created = getattr(config, "_collectif_templates", None)
    if created:
        shutil.rmtree(created, ignore_errors=True)
        os.environ.pop(TEMPLATES_VARIABLE, None)
