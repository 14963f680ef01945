"""The show's ``podcast:guid``: a UUIDv5 of its feed URL, as the Podcasting 2.0 namespace says."""

import re
import uuid

PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def podcast_guid_for(feed_url: str) -> uuid.UUID:
    """UUIDv5 of the feed URL without its scheme and trailing slashes."""
    return uuid.uuid5(PODCAST_GUID_NAMESPACE, SCHEME.sub("", feed_url.strip()).rstrip("/"))
