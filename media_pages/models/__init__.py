"""Page types and media models, one module per family, re-exported here for Django."""

from .base import BasePage, PageTag
from .home import HomePage
from .images import CollectifImage, CollectifRendition
from .site_identity import SiteIdentity
from .standard import SitemapPage, StandardPage
from .transcripts import TranscriptCue
from .webinars import SessionFormat, SessionMode, WebinarIndexPage, WebinarPage

__all__ = [
    "BasePage",
    "CollectifImage",
    "CollectifRendition",
    "HomePage",
    "PageTag",
    "SessionFormat",
    "SessionMode",
    "SiteIdentity",
    "SitemapPage",
    "StandardPage",
    "TranscriptCue",
    "WebinarIndexPage",
    "WebinarPage",
]
