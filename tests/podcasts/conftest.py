import pytest
from django.core.cache import cache

from tests.factories import (
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def show(home, media_root):
    section = PodcastIndexPageFactory(parent=home)
    return PodcastShowPageFactory(parent=section, title="Les voix du collectif")


@pytest.fixture
def episodes(show):
    return [
        PodcastEpisodePageFactory(parent=show, title=f"Épisode {n}", episode_number=n)
        for n in (1, 2, 3)
    ]
