"""Read the machine-specific configuration from environment variables.

Every value has an embedded default that needs nothing installed (SQLite, database search,
console email, files under ``var/``); production settings refuse the defaults that are unsafe.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import dj_database_url
import environ
from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def database_config(var_dir: Path) -> dict:
    default = f"sqlite:///{var_dir / 'collectif.sqlite3'}"
    # Persistent connections: opening one (and, on SQLite, its PRAGMAs) per request cost more
    # than most pages' own queries. Checked before reuse, so a restarted server is no error.
    config = dj_database_url.parse(
        env_str("DATABASE_URL", default),
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # Several processes (web + task worker) share one SQLite file in the demo: wait for
        # the write lock instead of failing with "database is locked".
        config.setdefault("OPTIONS", {}).update(
            {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            }
        )
    return config


DATABASE_CACHE_TABLE = "collectif_cache"


def cache_config(var_dir: Path) -> dict:
    """``CACHE_URL``: ``redis://…`` (or ``rediss://``), ``db://table``, ``file:///path`` or
    ``locmem://``. The default is the database cache: shared by every web process and the task
    worker (rate limits, page cache, feeds), with nothing more to run. ``migrate`` creates its
    table (``media_pages.apps``)."""
    url = env_str("CACHE_URL", f"db://{DATABASE_CACHE_TABLE}")
    parts = urlsplit(url)
    if parts.scheme in {"redis", "rediss"}:
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    elif parts.scheme == "db":
        table = parts.netloc or parts.path.lstrip("/") or DATABASE_CACHE_TABLE
        backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    elif parts.scheme == "file":
        location = parts.path or str(var_dir / "cache")
        backend = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                   "LOCATION": location}  # fmt: skip
    elif parts.scheme == "locmem":
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                   "LOCATION": parts.netloc or "collectif"}  # fmt: skip
    else:
        raise ValueError(
            f"CACHE_URL={url!r}: expected redis://, rediss://, db://table, file:///path or locmem://"
        )
    backend["KEY_PREFIX"] = env_str("CACHE_KEY_PREFIX", "collectif")
    backend["TIMEOUT"] = env_int("CACHE_TIMEOUT", 3600)
    if backend["BACKEND"].endswith("DatabaseCache"):
        # Culling scans the table; a bigger table culls less often.
        backend["OPTIONS"] = {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)}
    return {"default": backend}


# Elisions OpenSearch/Elasticsearch strip before French words (l'évaluation → évaluation).
FRENCH_ELISIONS = [
    "l",
    "m",
    "t",
    "qu",
    "n",
    "s",
    "j",
    "d",
    "c",
    "jusqu",
    "quoiqu",
    "lorsqu",
    "puisqu",
]
FRENCH_FOLDING = ["french_elision", "lowercase", "asciifolding"]


def french_index_settings() -> dict:
    """Index settings that make every full-text field French (Wagtail merges them into its own).

    ``default`` is the analyzer of every text field without one of its own: elision, lowercase,
    asciifolding, French stop words, light French stemming. Autocomplete keeps Wagtail's
    edge-ngrams, with elision and folding on both sides.
    """
    return {
        "settings": {
            "analysis": {
                "filter": {
                    "french_elision": {
                        "type": "elision",
                        "articles_case": True,
                        "articles": FRENCH_ELISIONS,
                    },
                    "french_stop": {"type": "stop", "stopwords": "_french_"},
                    "french_stemmer": {"type": "stemmer", "language": "light_french"},
                },
                "analyzer": {
                    "default": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": [*FRENCH_FOLDING, "french_stop", "french_stemmer"],
                    },
                    "edgengram_analyzer": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": [*FRENCH_FOLDING, "edgengram"],
                    },
                    "autocomplete_search": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": FRENCH_FOLDING,
                    },
                },
            }
        }
    }


def search_backends(index_prefix: str) -> dict:
    """Wagtail search in French: the database backend unless ``SEARCH_URL`` names an engine."""
    url = env_str("SEARCH_URL")
    if not url:
        return {"default": {"BACKEND": "search.backends.database"}}
    engine = env_str("SEARCH_ENGINE", "opensearch").lower()
    backend = {
        "opensearch": "search.backends.opensearch",
        "elasticsearch": "wagtail.search.backends.elasticsearch8",
        "elasticsearch8": "wagtail.search.backends.elasticsearch8",
        "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    }.get(engine)
    if backend is None:
        raise ValueError(f"SEARCH_ENGINE={engine!r}: expected opensearch or elasticsearch")
    return {"default": engine_backend(backend, url, index_prefix)}


def engine_backend(backend: str, url: str, index_prefix: str) -> dict:
    return {
        "BACKEND": backend,
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": 10,
        # update_index builds a new index, then moves the alias to it: searches never see
        # a half-built index.
        "ATOMIC_REBUILD": True,
        "OPTIONS": {},
        "INDEX_SETTINGS": french_index_settings(),
    }


EMAIL_URL_OPTIONS = ("starttls", "timeout")
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def email_config() -> dict:
    """``EMAIL_URL=smtp://user:pass@host:port?starttls=1``, or ``smtps://…`` for implicit TLS.

    User and password are percent-decoded (a password with ``@``, ``:`` or ``/`` is written
    ``%40``, ``%3A``, ``%2F``). ``EMAIL_HOST`` and friends are the alternative to the URL.
    Every SMTP connection gives up after ``EMAIL_TIMEOUT`` seconds of silence.
    """
    url = env_str("EMAIL_URL")
    host = env_str("EMAIL_HOST")
    timeout = env_int("EMAIL_TIMEOUT", 30)
    if not url and not host:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "EMAIL_TIMEOUT": timeout,
        }
    if url:
        return {"EMAIL_TIMEOUT": timeout, **email_url_config(url)}
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": host,
        "EMAIL_PORT": env_int("EMAIL_PORT", 25),
        "EMAIL_HOST_USER": env_str("EMAIL_HOST_USER"),
        "EMAIL_HOST_PASSWORD": env_str("EMAIL_HOST_PASSWORD"),
        "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS"),
        "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL"),
        "EMAIL_TIMEOUT": timeout,
    }


def email_url_config(url: str) -> dict:
    """django-environ reads and decodes the URL; the schemes and options keep our meaning.

    django-environ's ``smtps`` means STARTTLS; ours (the README's) is implicit TLS on 465, as
    the scheme's registered meaning is. STARTTLS is the ``starttls`` parameter.
    """
    parts = urlsplit(url)
    scheme = {"smtp+tls": "smtp", "smtp+ssl": "smtps"}.get(parts.scheme, parts.scheme)
    if scheme not in ("smtp", "smtps"):
        raise ImproperlyConfigured(
            f"EMAIL_URL: unknown scheme {parts.scheme!r}; expected smtp:// or smtps://."
        )
    options = parse_qs(parts.query, keep_blank_values=True)
    unknown = sorted(set(options) - set(EMAIL_URL_OPTIONS))
    if unknown:
        raise ImproperlyConfigured(
            f"EMAIL_URL: unknown parameter(s) {', '.join(unknown)}; "
            f"accepted: {', '.join(EMAIL_URL_OPTIONS)}."
        )
    starttls = _url_flag(options, "starttls")
    if starttls and scheme == "smtps":
        raise ImproperlyConfigured("EMAIL_URL: smtps:// is already TLS; drop starttls.")
    decoded = environ.Env.email_url_config(parts._replace(query="").geturl())
    config = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": decoded["EMAIL_HOST"] or "localhost",
        "EMAIL_PORT": decoded["EMAIL_PORT"] or (465 if scheme == "smtps" else 25),
        "EMAIL_HOST_USER": decoded["EMAIL_HOST_USER"] or "",
        "EMAIL_HOST_PASSWORD": decoded["EMAIL_HOST_PASSWORD"] or "",
        "EMAIL_USE_SSL": scheme == "smtps",
        "EMAIL_USE_TLS": starttls,
    }
    if "timeout" in options:
        config["EMAIL_TIMEOUT"] = int(options["timeout"][-1])
    return config


def _url_flag(options: dict[str, list[str]], name: str) -> bool:
    value = options.get(name, ["0"])[-1].strip().lower()
    if value not in TRUE_WORDS | FALSE_WORDS:
        raise ImproperlyConfigured(f"EMAIL_URL: {name}={value!r}; expected 1 or 0.")
    return value in TRUE_WORDS
