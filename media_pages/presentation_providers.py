"""Which interactive presentations may be embedded, and the iframe address for each.

The iframe address is computed from the URL the editor pastes, with no network call: every
provider here has a stable, documented embed URL. A URL that matches no provider is refused.
Self-hosted reveal.js decks and PeerTube instances are allowed host by host through settings
(``PRESENTATION_REVEALJS_HOSTS``, ``PEERTUBE_HOSTS``). To support a new service,
add a function that returns the embed address (or ``None``) and a ``Provider`` line below.

Links are parsed as browsers parse them (``media_pages.web_addresses``) and every embed address
is rebuilt from the parsed host and path, so what the check saw is what the iframe loads.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from media_pages.web_addresses import WebAddress, parse_https

DEFAULT_REVEALJS_HOSTS = ["revealjs.com"]
DEFAULT_PEERTUBE_HOSTS = ["tube-numerique-educatif.apps.education.fr", "framatube.org"]


def allowed_peertube_hosts() -> list[str]:
    """The PeerTube instances whose videos may be embedded (presentations and recordings)."""
    return getattr(settings, "PEERTUBE_HOSTS", DEFAULT_PEERTUBE_HOSTS)


@dataclass(frozen=True)
class Embed:
    provider: str
    src: str


@dataclass(frozen=True)
class Provider:
    name: str
    matches_host: Callable[[str], bool]
    embed_src: Callable[[WebAddress], str | None]


def _hosts(*names: str) -> Callable[[str], bool]:
    return lambda host: host in names


def _setting_hosts(name: str, default: list[str]) -> Callable[[str], bool]:
    return lambda host: host in getattr(settings, name, default)


def _genially(url: WebAddress) -> str | None:
    match = re.search(r"(?<![0-9a-f])([0-9a-f]{24})(?![0-9a-f])", url.path)
    return f"https://view.genially.com/{match[1]}" if match else None


def _canva(url: WebAddress) -> str | None:
    match = re.match(r"^/design/([\w-]+)/(?:([\w-]+)/)?(?:view|watch)\b", url.path)
    if not match:
        return None
    design, key = match[1], match[2]
    return f"https://www.canva.com/design/{design}/{key + '/' if key else ''}view?embed"


def _google_slides(url: WebAddress) -> str | None:
    published = re.match(r"^/presentation/d/e/([\w-]+)", url.path)
    if published:
        return f"https://docs.google.com/presentation/d/e/{published[1]}/embed"
    shared = re.match(r"^/presentation/d/([\w-]+)", url.path)
    return f"https://docs.google.com/presentation/d/{shared[1]}/embed" if shared else None


def _h5p(url: WebAddress) -> str | None:
    if url.hostname == "h5p.org":
        match = re.match(r"^/(?:node|h5p/embed)/(\d+)", url.path)
        return f"https://h5p.org/h5p/embed/{match[1]}" if match else None
    match = re.match(r"^/content/(\d+)", url.path)
    return f"https://{url.hostname}/content/{match[1]}/embed" if match else None


def _prezi(url: WebAddress) -> str | None:
    match = re.match(r"^/(?:p|v)/(?:embed/)?([\w-]+)", url.path)
    if match:
        return f"https://prezi.com/p/embed/{match[1]}/"
    view = re.match(r"^/view/([\w-]+)", url.path)
    return f"https://prezi.com/view/{view[1]}/" if view else None


def _slides_com(url: WebAddress) -> str | None:
    match = re.match(r"^/([\w.-]+)/([\w.-]+)", url.path)
    return f"https://slides.com/{match[1]}/{match[2]}/embed" if match else None


def _self_hosted_revealjs(url: WebAddress) -> str | None:
    # A reveal.js deck is a plain web page: embedded as parsed, fragment (slide number) kept.
    return url.url()


def _peertube(url: WebAddress) -> str | None:
    match = re.match(r"^/(?:w|videos/watch|videos/embed)/([\w-]+)", url.path)
    return f"https://{url.hostname}/videos/embed/{match[1]}" if match else None


PROVIDERS: list[Provider] = [
    Provider(
        "Genially",
        _hosts("view.genially.com", "app.genially.com", "genially.com", "view.genial.ly"),
        _genially,
    ),
    Provider("Canva", _hosts("www.canva.com", "canva.com"), _canva),
    Provider("Google Slides", _hosts("docs.google.com"), _google_slides),
    Provider("H5P", lambda host: host == "h5p.org" or host.endswith(".h5p.com"), _h5p),
    Provider("Prezi", _hosts("prezi.com"), _prezi),
    Provider("reveal.js (slides.com)", _hosts("slides.com"), _slides_com),
    Provider(
        "reveal.js",
        _setting_hosts("PRESENTATION_REVEALJS_HOSTS", DEFAULT_REVEALJS_HOSTS),
        _self_hosted_revealjs,
    ),
    Provider("PeerTube", lambda host: host in allowed_peertube_hosts(), _peertube),
]


# The origins the iframes above load, for the Content-Security-Policy ``frame-src``.
FIXED_FRAME_ORIGINS = [
    "https://view.genially.com",
    "https://www.canva.com",
    "https://docs.google.com",
    "https://h5p.org",
    "https://*.h5p.com",
    "https://prezi.com",
    "https://slides.com",
]


def frame_origins() -> list[str]:
    """Every origin a presentation iframe may load (fixed services, then hosts from settings)."""
    hosts = [
        *getattr(settings, "PRESENTATION_REVEALJS_HOSTS", DEFAULT_REVEALJS_HOSTS),
        *allowed_peertube_hosts(),
    ]
    return [*FIXED_FRAME_ORIGINS, *(f"https://{host}" for host in hosts)]


def provider_names() -> str:
    return ", ".join(dict.fromkeys(p.name.split(" (")[0] for p in PROVIDERS))


def resolve_presentation(address: str) -> Embed:
    """The provider and iframe address for ``address``; ``ValidationError`` when not allowed."""
    url = parse_https(address)
    host = url.host
    for provider in PROVIDERS:
        if not provider.matches_host(host):
            continue
        src = provider.embed_src(url)
        if src is None:
            raise ValidationError(
                _(
                    "This %(provider)s address is not a public share link. Copy the link "
                    "given by the “Share” or “Publish” button of %(provider)s."
                ),
                code="unrecognised_link",
                params={"provider": provider.name},
            )
        return Embed(provider=provider.name, src=src)
    raise ValidationError(
        _(
            "Presentations from %(host)s cannot be embedded. Accepted services: %(providers)s. "
            "The site administrator can allow other reveal.js or PeerTube servers."
        ),
        code="provider_not_allowed",
        params={"host": host, "providers": provider_names()},
    )


def validate_presentation_url(address: str) -> None:
    resolve_presentation(address)
