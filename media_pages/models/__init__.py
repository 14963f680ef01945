"""Page types and media models, one module per family, re-exported here for Django."""

from .base import BasePage, PageTag
from .editorials import EditorialIndexPage, EditorialPage, EditorialRelatedLink
from .home import HomePage
from .images import CollectifImage, CollectifRendition
from .podcast_audio import EpisodeAudio
from .podcasts import EpisodeChapter, PodcastEpisodePage, PodcastIndexPage, PodcastShowPage
from .presentations import PresentationIndexPage, PresentationPage
from .site_identity import SiteIdentity
from .standard import SitemapPage, StandardPage
from .tags import TagIndexPage
from .transcripts import TranscriptCue
from .webinars import SessionFormat, SessionMode, WebinarIndexPage, WebinarPage

__all__ = [
    "BasePage",
    "CollectifImage",
    "CollectifRendition",
    "EditorialIndexPage",
    "EditorialPage",
    "EditorialRelatedLink",
    "EpisodeAudio",
    "EpisodeChapter",
    "HomePage",
    "PageTag",
    "PodcastEpisodePage",
    "PodcastIndexPage",
    "PodcastShowPage",
    "PresentationIndexPage",
    "PresentationPage",
    "SessionFormat",
    "SessionMode",
    "SiteIdentity",
    "SitemapPage",
    "StandardPage",
    "TagIndexPage",
    "TranscriptCue",
    "WebinarIndexPage",
    "WebinarPage",
]
