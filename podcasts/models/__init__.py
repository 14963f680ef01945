"""Shows and episodes (index/detail pages), their chapters and the uploaded audio."""

from .audio import EpisodeAudio
from .pages import (
    EpisodeChapter,
    EpisodeType,
    PodcastEpisodePage,
    PodcastIndexPage,
    PodcastShowPage,
    ShowType,
)

__all__ = [
    "EpisodeAudio",
    "EpisodeChapter",
    "EpisodeType",
    "PodcastEpisodePage",
    "PodcastIndexPage",
    "PodcastShowPage",
    "ShowType",
]
