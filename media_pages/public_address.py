"""The site's one public address: ``SITE_URL``. Every absolute link is built from it.

Wagtail builds page links (feeds, sitemap, canonical, ``og:url``, JSON-LD, workflow emails)
from the default ``Site`` record's host and port, emails from ``SITE_URL``: the record is kept
in step with the setting after every ``migrate``, so that both say the same address.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from wagtail.models import Site

logger = logging.getLogger(__name__)


def public_url(path: str) -> str:
    """``path`` (``/lettre/…``) at the public address; absolute URLs are left as they are."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def site_host_and_port(site_url: str | None = None) -> tuple[str, int]:
    """The host and port Wagtail's ``Site`` needs for ``site_url`` (443 means https)."""
    parts = urlsplit(site_url or settings.SITE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def sync_default_site(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Give the default ``Site`` the host and port of ``SITE_URL``; True when it changed."""
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None:
        return False
    hostname, port = site_host_and_port()
    if (site.hostname, site.port) == (hostname, port):
        return False
    taken = Site.objects.using(using).filter(hostname=hostname, port=port).exclude(pk=site.pk)
    if taken.exists():
        logger.warning("SITE_URL %s is already another site's address", settings.SITE_URL)
        return False
    site.hostname, site.port = hostname, port
    site.save(using=using, update_fields=["hostname", "port"])
    return True


def sync_after_migrate(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    sync_default_site(using)
