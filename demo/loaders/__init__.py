"""Demo content, built by code from the small data files in ``demo/data``.

Each loader takes a ``Report`` and must be idempotent: it looks things up by natural keys
(slugs, usernames), creates what is missing and leaves existing content alone, so that
editors' changes to demo pages survive a second ``make run``. A new domain adds its loader to
``LOADERS`` after the ones it builds on; ``common`` holds what loaders share.
"""

from . import badges, newsletter, people, podcasts, search, site, webinars
from .common import Report

LOADERS = [
    site.load,
    people.load,
    podcasts.load,
    webinars.load,
    newsletter.load,
    badges.load,
    search.load,
]

__all__ = ["LOADERS", "Report"]
