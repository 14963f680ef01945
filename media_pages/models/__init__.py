"""Page types and media models, one module per family, re-exported here for Django."""

from .base import BasePage, PageTag
from .home import HomePage
from .images import CollectifImage, CollectifRendition
from .podcast_audio import EpisodeAudio
from .podcasts import EpisodeChapter, PodcastEpisodePage, PodcastIndexPage, PodcastShowPage
from .site_identity import SiteIdentity
from .standard import SitemapPage, StandardPage
from .transcripts import TranscriptCue

__all__ = [
    "BasePage",
    "CollectifImage",
    "CollectifRendition",
    "EpisodeAudio",
    "EpisodeChapter",
    "HomePage",
    "PageTag",
    "PodcastEpisodePage",
    "PodcastIndexPage",
    "PodcastShowPage",
    "SiteIdentity",
    "SitemapPage",
    "StandardPage",
    "TranscriptCue",
]
