from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_loaded_once(django_db_setup, django_db_blocker) -> str:
    """The demo loaded once for the whole module; what its first load reported.

    Loading the demo takes seconds; the module's tests each run in a savepoint inside this
    transaction (pytest-django's ``db``), so whatever one of them changes, reloads included, is
    rolled back before the next, and the whole demo is rolled back after the module.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        call_command("load_demo_content", stdout=output)
        yield output.getvalue().splitlines()[0]
        transaction.set_rollback(True)
