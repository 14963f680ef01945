import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .environment import env_str

# Each test process keeps its own cache unless CACHE_URL names a shared one: query budgets
# then count the page's own queries (the database cache has tests of its own).
if not env_str("CACHE_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # noqa: F405

SECRET_KEY = "test-only-secret-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once in tests; the real worker has tests of its own.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
# Uploaded files of the test run (podcast audio, images) never land in var/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="collectif-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, True)
# The badge signing key of the test run, made on first use like in development.
_keys_dir = Path(tempfile.mkdtemp(prefix="collectif-test-keys-"))
atexit.register(shutil.rmtree, _keys_dir, True)
BADGES_SIGNING_KEY_FILE = str(_keys_dir / "badges.pem")
BADGES_RSA_KEY_FILE = str(_keys_dir / "badges-rsa.pem")
PODCAST_AUDIO_MAX_BYTES = 50 * 1024 * 1024
# Page types that exist only in tests (tests/search/pagetypes): any page type can join search.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.search.pagetypes"]  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: live-server threads then wait for the write lock as in
    # production, instead of failing with "database table is locked" on a busy machine.
    # `make test` names one directory for its pytest sessions, so that the live session reuses
    # the databases the first one migrated (--reuse-db); alone, a process keeps its own.
    if env_str("TEST_DATABASE_DIR"):
        _test_db_dir = Path(env_str("TEST_DATABASE_DIR"))
    else:
        _test_db_dir = Path(tempfile.mkdtemp(prefix="collectif-test-db-"))
        atexit.register(shutil.rmtree, _test_db_dir, True)
    DATABASES["default"]["TEST"] = {"NAME": str(_test_db_dir / "test.sqlite3")}  # noqa: F405
# Off unless a test turns it on (tests/media_pages/test_page_cache.py): query budgets measure
# building pages, not serving them from the cache.
PAGE_CACHE_SECONDS = 0
_engine = DATABASES["default"]["ENGINE"]  # noqa: F405
if env_str("TEST_DATABASE_NAME") and _engine != "django.db.backends.sqlite3":
    # Two checkouts tested at once against one PostgreSQL server each name their own databases
    # (pytest-xdist adds the worker to the name).
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}  # noqa: F405
