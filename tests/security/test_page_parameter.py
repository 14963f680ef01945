"""Whatever a visitor or a robot puts in ``?page=``, listings answer 200 or 404, never 500."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from community.models import Credit, Person, Role
from tests.factories import (
    CommunityIndexPageFactory,
    EditorialIndexPageFactory,
    EditorialPageFactory,
    NewsletterIndexPageFactory,
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
    PresentationIndexPageFactory,
    PresentationPageFactory,
    TagIndexPageFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
)

NO_SURROGATES = st.characters(exclude_categories=("Cs",))


@pytest.fixture
def listings(home):
    editorials = EditorialIndexPageFactory(parent=home, slug="editoriaux")
    editorial = EditorialPageFactory(parent=editorials)
    editorial.tags.add("evaluation")
    editorial.save_revision().publish()
    Credit.objects.create(
        page=editorial, person=Person.objects.create(name="Claire"), role=Role.objects.first()
    )
    presentations = PresentationIndexPageFactory(parent=home, slug="presentations")
    PresentationPageFactory(parent=presentations)
    CommunityIndexPageFactory(parent=home)
    TagIndexPageFactory(parent=home)
    sessions = WebinarIndexPageFactory(parent=home, slug="sessions")
    WebinarPageFactory(parent=sessions)
    podcasts = PodcastIndexPageFactory(parent=home, slug="podcasts")
    show = PodcastShowPageFactory(parent=podcasts, slug="emission")
    PodcastEpisodePageFactory(parent=show)
    NewsletterIndexPageFactory(parent=home)
    return [
        "/editoriaux/",
        "/presentations/",
        "/communaute/",
        "/etiquettes/evaluation/",
        "/sessions/",
        "/podcasts/emission/",
        "/lettre-d-information/",
        "/recherche/?q=editorial&",
    ]


@pytest.mark.django_db
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(page=st.text(NO_SURROGATES, max_size=12))
@example(page="²")
@example(page="٣")
@example(page="99999999999999999999")
@example(page="-1")
@example(page="0")
@example(page="1e3")
def test_no_page_parameter_breaks_a_listing(client, listings, page):
    for url in listings:
        separator = "" if url.endswith("&") else "?"
        response = client.get(f"{url}{separator}", {"page": page})
        assert response.status_code in (200, 404), (url, page, response.status_code)


@pytest.mark.django_db
def test_a_superscript_two_gives_the_first_page(client, listings):
    for url in listings[:4]:
        assert client.get(url, {"page": "²"}).status_code == 200, url
