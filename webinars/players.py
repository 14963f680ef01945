"""Recording players from PeerTube, YouTube and Vimeo addresses, built without any network call.

Addresses are parsed as browsers parse them (``media_pages.web_addresses``); PeerTube videos
are accepted only from the instances listed in ``PEERTUBE_HOSTS``, like presentations.

Wagtail's oEmbed finder would fetch the provider's page when the session page renders; the
player address of these three services follows from the video address, so it is derived here
(and checked when the editor saves), which keeps rendering and tests offline.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from media_pages.presentation_providers import allowed_peertube_hosts
from media_pages.web_addresses import parse_https

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
PEERTUBE_PATH = re.compile(r"^/(?:w|videos/watch|videos/embed)/([A-Za-z0-9-]{6,})/?$")


def frame_origins() -> list[str]:
    """Every origin a recording player iframe may load (the CSP ``frame-src`` allow-list)."""
    return [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        *(f"https://{host}" for host in allowed_peertube_hosts()),
    ]


@dataclass(frozen=True)
class Player:
    provider: str
    embed_url: str
    watch_url: str

    @property
    def provider_name(self) -> str:
        """The name visitors know the host by, for the consent notice and the load button."""
        if self.provider == "youtube":
            return "YouTube"
        if self.provider == "vimeo":
            return "Vimeo"
        return f"PeerTube ({urlsplit(self.embed_url).hostname})"

    def url_at(self, seconds: int) -> str:
        """The provider's own page, starting at ``seconds`` (for links that work without JS)."""
        separator = "&" if "?" in self.watch_url else "?"
        if self.provider == "vimeo":
            return f"{self.watch_url}#t={seconds}s"
        if self.provider == "youtube":
            return f"{self.watch_url}{separator}t={seconds}"
        return f"{self.watch_url}{separator}start={seconds}s"


def player_for(url: str) -> Player:
    """The player of a PeerTube, YouTube or Vimeo video address; ``ValidationError`` otherwise."""
    try:
        parts = parse_https(url)
    except ValidationError as error:
        if error.code == "not_https":
            raise ValidationError(_("The recording address must start with https://.")) from error
        raise
    host = parts.host
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            video_id = parts.path.strip("/")
        elif parts.path.startswith(("/embed/", "/live/", "/shorts/")):
            video_id = parts.path.split("/")[2]
        else:
            video_id = parse_qs(parts.query).get("v", [""])[0]
        if YOUTUBE_ID.match(video_id):
            return Player(
                "youtube",
                f"https://www.youtube-nocookie.com/embed/{video_id}",
                f"https://www.youtube.com/watch?v={video_id}",
            )
    elif host in VIMEO_HOSTS:
        video_id = parts.path.rstrip("/").rsplit("/", 1)[-1]
        if video_id.isdigit():
            return Player(
                "vimeo",
                f"https://player.vimeo.com/video/{video_id}",
                f"https://vimeo.com/{video_id}",
            )
    elif host in allowed_peertube_hosts():
        match = PEERTUBE_PATH.match(parts.path)
        if match:
            video_id = match.group(1)
            return Player(
                "peertube",
                f"https://{host}/videos/embed/{video_id}",
                f"https://{host}/w/{video_id}",
            )
    raise ValidationError(
        _(
            "Give the address of a YouTube or Vimeo video, or of a video on one of these "
            "PeerTube servers: %(hosts)s (for example %(example)s). The site administrator "
            "can allow other PeerTube servers."
        )
        % {
            "hosts": ", ".join(allowed_peertube_hosts()),
            "example": f"https://{next(iter(allowed_peertube_hosts()), 'framatube.org')}/w/abc123",
        }
    )
