"""Subscribe links for a show: the feed URL itself, Apple Podcasts, AntennaPod, any app."""

from urllib.parse import quote

from django.http import HttpRequest
from django.utils.translation import gettext as _


def subscribe_links(show, request: HttpRequest) -> dict:
    feed_url = show.feed_url(request)
    without_scheme = feed_url.split("://", 1)[-1]
    antennapod = f"https://antennapod.org/deeplink/subscribe?url={quote(feed_url, safe='')}"
    apps = [
        (_("Subscribe in %(app)s") % {"app": "Apple Podcasts"},
         show.apple_podcasts_url or f"podcast://{without_scheme}"),
        (_("Subscribe in %(app)s") % {"app": "AntennaPod"}, antennapod),
        # podcast:// is the scheme podcast apps register on phones and desktops.
        (_("Open in another podcast app"), f"podcast://{without_scheme}"),
    ]  # fmt: skip
    return {"feed_url": feed_url, "apps": apps}
