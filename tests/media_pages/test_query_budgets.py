"""Uncached pages run a number of queries that does not depend on how much content exists:
the site chrome (menu, footer, feed links, site identity) is cached until something changes."""

import pytest

from tests.factories import (
    EditorialIndexPageFactory,
    EditorialPageFactory,
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def add_content(home, sections: int, children: int) -> None:
    for n in range(sections):
        section = StandardPageFactory(parent=home, title=f"Rubrique {n}", show_in_menus=True)
        for m in range(children):
            StandardPageFactory(parent=section, title=f"Page {n}.{m}")
    editorials = EditorialIndexPageFactory(parent=home, show_in_menus=True)
    for m in range(children):
        EditorialPageFactory(parent=editorials, title=f"Éditorial {m}")


@pytest.mark.parametrize("which", ["home", "section", "page"])
def test_uncached_pages_cost_the_same_queries_for_small_and_large_sites(
    client, home, which, django_assert_max_num_queries, media_root
):
    add_content(home, sections=1, children=1)
    podcasts = PodcastIndexPageFactory(parent=home, show_in_menus=True)
    PodcastEpisodePageFactory(parent=PodcastShowPageFactory(parent=podcasts))
    section = home.get_children().get(title="Rubrique 0")
    path = {"home": "/", "section": section.url, "page": section.get_children().first().url}[which]
    client.get(path)
    with django_assert_max_num_queries(16) as small:
        assert client.get(path).status_code == 200
    budget = len(small.captured_queries)
    add_content(home, sections=6, children=12)
    show = PodcastShowPageFactory(parent=podcasts)
    for _ in range(5):
        PodcastEpisodePageFactory(parent=show)
    client.get(path)  # the chrome is built again once after a change
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200
