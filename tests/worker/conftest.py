import pytest


@pytest.fixture
def db_queue(settings):
    """The real database queue, as the worker reads it (tests run tasks at once otherwise)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
