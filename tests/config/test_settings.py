"""Production settings refuse unsafe defaults; ``check --deploy`` is clean when configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings.environment import database_config, email_config, search_backends

ROOT = Path(__file__).resolve().parents[2]
GOOD_ENV = {
    "SECRET_KEY": "x" * 20 + "-production-secret-key-for-tests-only-0123456789",
    "ALLOWED_HOSTS": "collectif.example.org",
    "SITE_URL": "https://collectif.example.org",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Only what a production machine would have: the browser tests allow async-unsafe ORM use.
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY must be set"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS must list")],
)
def test_production_refuses_to_start_without(missing, message):
    result = manage("check", env={**GOOD_ENV, missing: ""})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_a_short_secret_key():
    result = manage("check", env={**GOOD_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=GOOD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_url_chooses_postgres(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example.org:5433/collectif")
    config = database_config(tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example.org", 5433, "collectif")


def test_default_database_is_sqlite_under_var(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_config(tmp_path / "var")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert str(config["NAME"]).startswith(str(tmp_path / "var"))


def test_search_url_selects_opensearch_or_elasticsearch(monkeypatch):
    monkeypatch.delenv("SEARCH_URL", raising=False)
    assert search_backends("t_")["default"]["BACKEND"] == "search.backends.database"
    monkeypatch.setenv("SEARCH_URL", "http://127.0.0.1:9200")
    assert search_backends("t_")["default"]["BACKEND"] == "search.backends.opensearch"
    monkeypatch.setenv("SEARCH_ENGINE", "elasticsearch")
    assert search_backends("t_")["default"]["BACKEND"].endswith("elasticsearch8")
    monkeypatch.setenv("SEARCH_ENGINE", "solr")
    with pytest.raises(ValueError, match="solr"):
        search_backends("t_")


def test_email_url_configures_smtp(monkeypatch):
    monkeypatch.delenv("EMAIL_HOST", raising=False)
    monkeypatch.setenv("EMAIL_URL", "smtp://user:secret@mail.example.org:2525?starttls=1")
    config = email_config()
    assert config["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"]) == ("mail.example.org", 2525)
    assert config["EMAIL_USE_TLS"] and not config["EMAIL_USE_SSL"]
    monkeypatch.delenv("EMAIL_URL")
    assert email_config()["EMAIL_BACKEND"].endswith("console.EmailBackend")
