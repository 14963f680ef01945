"""Page types and media models every family shares, one module each, re-exported for Django."""

from .base import BasePage, PageTag
from .community_index import CommunityIndexPage
from .editorials import EditorialIndexPage, EditorialPage, EditorialRelatedLink
from .home import HomePage
from .images import CollectifImage, CollectifRendition
from .presentations import PresentationIndexPage, PresentationPage
from .site_identity import SiteIdentity
from .standard import SitemapPage, StandardPage
from .tags import TagIndexPage
from .transcripts import TranscriptCue

__all__ = [
    "BasePage",
    "CollectifImage",
    "CollectifRendition",
    "CommunityIndexPage",
    "EditorialIndexPage",
    "EditorialPage",
    "EditorialRelatedLink",
    "HomePage",
    "PageTag",
    "PresentationIndexPage",
    "PresentationPage",
    "SiteIdentity",
    "SitemapPage",
    "StandardPage",
    "TagIndexPage",
    "TranscriptCue",
]
