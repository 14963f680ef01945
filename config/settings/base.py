"""Settings shared by every environment; machine-specific values come from the environment."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .environment import (
    cache_config,
    database_config,
    email_config,
    env_bool,
    env_int,
    env_list,
    env_str,
    search_backends,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# The one public address of every absolute link (emails, feeds, sitemap, JSON-LD); the default
# Wagtail Site follows it after each migrate (media_pages.public_address). In development it
# follows the port `make run` serves on.
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "accounts",
    "community",
    "media_pages",
    "webinars",
    "podcasts",
    "search",
    "newsletter",
    "badges",
    "demo",
    "worker",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security_headers.SiteCSPMiddleware",
    "config.security_headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and routing: a stored page or feed costs one cache lookup.
    "media_pages.page_cache.PageCacheMiddleware",
    # After the page cache, which reads the content token the site and page routes are kept under.
    "media_pages.page_routing.CurrentSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.guards.PublicBodySizeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.guards.FormAttemptsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": database_config(VAR_DIR)}
CACHES = cache_config(VAR_DIR)
# Renditions are looked up on every page showing an image: a per-process cache, so that a page
# view never writes to the shared one (Wagtail reads the "renditions" cache when it exists).
CACHES["renditions"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                        "LOCATION": "renditions", "TIMEOUT": 3600}  # fmt: skip
# Open Badges 3.0: the Ed25519 key that signs credentials (made on first use, mode 0600), and
# the files of former keys whose public keys stay published after a rotation (badges.signing).
BADGES_SIGNING_KEY_FILE = env_str(
    "BADGES_SIGNING_KEY_FILE", str(VAR_DIR / "badges-signing-key.pem")
)
BADGES_RETIRED_KEY_FILES = env_list("BADGES_RETIRED_KEY_FILES", [])
# Open Badges 2.0 signed assertions: the RSA key that signs them (made on first use, mode 0600).
BADGES_RSA_KEY_FILE = env_str("BADGES_RSA_KEY_FILE", str(VAR_DIR / "badges-rsa-key.pem"))
# The page cache for anonymous visitors (media_pages.page_cache): at most this long, and until
# anything public changes. 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# The site chrome (menu, footer, feed links, site settings) until anything public changes.
CONTENT_CACHE_SECONDS = env_int("CONTENT_CACHE_SECONDS", 3600)
# The home page's "what is new" blocks: rebuilt on any content change, and at least this often
# (the next sessions move with the clock).
HOME_HIGHLIGHTS_SECONDS = env_int("HOME_HIGHLIGHTS_SECONDS", 60)
# Rendered page fragments (menu, footer, a page's content) are kept per content token, and at
# most this long for what also depends on the clock: the page cache's bound.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 300)
PAGE_CACHE_SKIP_PREFIXES = ["/admin/", "/django-admin/", "/documents/", "/media/", "/recherche/",
                            "/lettre/", "/langue/"]  # fmt: skip
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French first: the interface follows the visitor's explicit choice (a cookie set by the
# language switcher), never the browser's Accept-Language, because the content is French.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "collectif_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise warns on every request when the folder is missing (before collectstatic).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploads larger than this go to a temporary file, never to memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

globals().update(email_config())
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Collectif Apprenant <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker (manage.py run_worker): periodic jobs, heartbeats and lost tasks (worker/).
SCHEDULED_PUBLISHING_SECONDS = env_int("SCHEDULED_PUBLISHING_SECONDS", 60)
WORKER_HEARTBEAT_SECONDS = float(env_str("WORKER_HEARTBEAT_SECONDS", "5"))
# A RUNNING task whose worker has been silent this long was lost with it: run it again, up to
# TASK_MAX_ATTEMPTS runs in all, then it is marked failed (Reports → Failed tasks).
TASK_STALE_SECONDS = env_int("TASK_STALE_SECONDS", 60)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)
TASK_RESULTS_KEEP_DAYS = env_int("TASK_RESULTS_KEEP_DAYS", 7)
TASK_FAILURES_KEEP_DAYS = env_int("TASK_FAILURES_KEEP_DAYS", 30)
# Visitors' search queries (Wagtail's query log) are deleted after this many days.
WAGTAILSEARCH_HITS_MAX_AGE = env_int("SEARCH_QUERY_LOG_DAYS", 7)
# Each web process writes the searches it counted at most this often (search.hit_log).
SEARCH_HITS_FLUSH_SECONDS = env_int("SEARCH_HITS_FLUSH_SECONDS", 60)

# Newsletter sending: messages per batch, SMTP connections a batch uses at once (one per ten
# messages at most), messages per second per worker across them (0: no limit), seconds after
# which a dead worker's claimed messages are sent by another.
NEWSLETTER_FROM_EMAIL = env_str("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 100)
NEWSLETTER_SMTP_CONNECTIONS = max(1, env_int("NEWSLETTER_SMTP_CONNECTIONS", 8))
NEWSLETTER_SEND_RATE = float(env_str("NEWSLETTER_SEND_RATE", "20"))
NEWSLETTER_CLAIM_TIMEOUT = env_int("NEWSLETTER_CLAIM_TIMEOUT", 300)
NEWSLETTER_SMTP_TIMEOUT = env_int("NEWSLETTER_SMTP_TIMEOUT", env_int("EMAIL_TIMEOUT", 30))
NEWSLETTER_RETRY_DELAY = env_int("NEWSLETTER_RETRY_DELAY", 60)
NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSLETTER_MAX_ATTEMPTS", 3)
NEWSLETTER_CONFIRMATION_MAX_AGE = env_int("NEWSLETTER_CONFIRMATION_MAX_AGE", 3 * 24 * 3600)
# Rate limits, (attempts, seconds) per client address (media_pages/ratelimit.py), counted in
# the default cache: the subscription and registration forms, the admin login and the page
# and document password forms.
NEWSLETTER_SUBSCRIBE_RATE_LIMIT = (5, 600)
REGISTRATION_RATE_LIMIT = (10, 600)
ADMIN_LOGIN_RATE_LIMIT = (10, 900)
PAGE_PASSWORD_RATE_LIMIT = (10, 900)
# How many proxies in front of the site append to X-Forwarded-For (0: clients connect directly
# and REMOTE_ADDR is the client). Behind nginx alone: 1; behind a CDN then nginx: 2.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Public forms (registration, subscription, search, passwords) never need more; the admin keeps
# Django's limits (DATA_UPLOAD_MAX_MEMORY_SIZE) and the upload limits below.
PUBLIC_POST_MAX_BYTES = env_int("PUBLIC_POST_MAX_BYTES", 64 * 1024)

WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Collectif Apprenant")
WAGTAILIMAGES_IMAGE_MODEL = "media_pages.CollectifImage"
WAGTAILSEARCH_BACKENDS = search_backends(env_str("SEARCH_INDEX_PREFIX", "collectif_"))
WAGTAIL_I18N_ENABLED = False
WAGTAIL_FINISH_WORKFLOW_ACTION = "accounts.workflow_actions.publish_approved"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No Gravatar in the admin: editors' email hashes are not sent to a third party (and the
# admin's Content-Security-Policy allows images from the site only).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILMEDIA = {"MEDIA_MODEL": "wagtailmedia.Media"}

# Podcasts. Audio larger than this is refused (the upload itself streams to a temporary file).
PODCAST_AUDIO_MAX_BYTES = env_int("PODCAST_AUDIO_MAX_BYTES", 300 * 1024 * 1024)
# Past this size the feed keeps only the newest episodes that fit (apps reject multi-MB feeds).
PODCAST_FEED_MAX_BYTES = env_int("PODCAST_FEED_MAX_BYTES", 1_500_000)
# A rendered feed is reused until the show or an episode changes, and at most this long.
PODCAST_FEED_CACHE_SECONDS = env_int("PODCAST_FEED_CACHE_SECONDS", 3600)
# The embedded default serves uploaded media itself, with HTTP ranges (media_pages.serving);
# production sets SERVE_MEDIA=0 and lets the web server, object storage or a CDN do it.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Behind nginx, the site checks who may have a file, then lets nginx send it from this
# ``internal`` location (X-Accel-Redirect): e.g. "/internal-media/" (docs/operations.md).
MEDIA_INTERNAL_URL = env_str("MEDIA_INTERNAL_URL", "")
# Documents are always served through Wagtail's view, which checks their collection's privacy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_BACKEND = "media_pages.sendfile"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Interactive presentations: self-hosted reveal.js decks allowed to be embedded, besides the
# services listed in media_pages/presentation_providers.py.
PRESENTATION_REVEALJS_HOSTS = env_list("PRESENTATION_REVEALJS_HOSTS", ["revealjs.com"])
# PeerTube instances whose videos may be embedded, as presentations or session recordings
# (PRESENTATION_PEERTUBE_HOSTS is the former name of the variable, still read).
PEERTUBE_HOSTS = env_list(
    "PEERTUBE_HOSTS",
    env_list(
        "PRESENTATION_PEERTUBE_HOSTS",
        ["tube-numerique-educatif.apps.education.fr", "framatube.org"],
    ),
)
