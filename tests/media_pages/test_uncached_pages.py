"""Pages built for a visitor the page cache does not answer (a session cookie): their query count
does not grow with the content, and anything published, unpublished or made private shows at
once although routes, the site chrome and rendered fragments are kept between requests."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from community.models import Credit, Role
from media_pages.content_cache import content_generation
from tests.factories import (
    CommunityIndexPageFactory,
    EditorialIndexPageFactory,
    EditorialPageFactory,
    NewsletterIndexPageFactory,
    NewsletterPageFactory,
    PersonFactory,
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
    PresentationIndexPageFactory,
    PresentationPageFactory,
    SitemapPageFactory,
    StandardPageFactory,
    TagIndexPageFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
)

pytestmark = pytest.mark.django_db

SESSION = {"HTTP_COOKIE": "sessionid=visitor"}
# Per request once the content is known (the cache costs none here, locmem): at most the
# session and the places left of a session open to registration.
QUERY_BUDGET = 2


class Site:
    """One page of every public type, credited and tagged, and a way to add more content."""

    def __init__(self, home):
        self.home = home
        self.person = PersonFactory(name="Camille Roussel", slug="camille-roussel")
        self.role = Role.objects.get(slug="animateur")
        self.standard = StandardPageFactory(parent=home, slug="a-propos", show_in_menus=True)
        self.sitemap = SitemapPageFactory(parent=home)
        self.editorials = EditorialIndexPageFactory(parent=home, slug="editoriaux")
        self.presentations = PresentationIndexPageFactory(parent=home, slug="presentations")
        self.tags = TagIndexPageFactory(parent=home, slug="etiquettes")
        self.community = CommunityIndexPageFactory(parent=home, slug="communaute")
        self.podcasts = PodcastIndexPageFactory(parent=home, slug="podcasts")
        self.show = PodcastShowPageFactory(parent=self.podcasts, slug="voix")
        self.webinars = WebinarIndexPageFactory(parent=home, slug="webinaires")
        self.newsletter = NewsletterIndexPageFactory(parent=home)
        self.issue = NewsletterPageFactory(parent=self.newsletter, slug="lettre-1")
        Credit.objects.create(page=self.standard, person=self.person, role=self.role)
        self.standard.tags.add("hybridation")
        self.standard.save_revision().publish()
        self.grow(1)

    def grow(self, count: int) -> None:
        for _ in range(count):
            editorial = EditorialPageFactory(parent=self.editorials, intro="Chapeau de l’édito")
            episode = PodcastEpisodePageFactory(parent=self.show)
            past = WebinarPageFactory(
                parent=self.webinars,
                start=timezone.now() - datetime.timedelta(days=30),
                end=timezone.now() - datetime.timedelta(days=30, hours=-1),
            )
            upcoming = WebinarPageFactory(parent=self.webinars)
            presentation = PresentationPageFactory(parent=self.presentations)
            for page in (editorial, episode, past, upcoming, presentation):
                Credit.objects.create(page=page, person=self.person, role=self.role)
                other = PersonFactory()
                Credit.objects.create(page=page, person=other, role=self.role)
                page.tags.add("hybridation", f"etiquette-{page.pk}")
                page.save_revision().publish()
        self.editorial, self.episode, self.past, self.upcoming = editorial, episode, past, upcoming
        self.presentation = presentation

    def addresses(self) -> list[str]:
        return [
            self.home.url,
            self.standard.url,
            self.sitemap.url,
            self.editorials.url,
            self.editorial.url,
            self.presentations.url,
            self.presentation.url,
            self.tags.url,
            self.tags.url + "hybridation/",
            self.community.url,
            self.community.url + "personnes/camille-roussel/",
            self.community.url + "roles/",
            self.community.url + "roles/animateur/",
            self.podcasts.url,
            self.show.url,
            self.episode.url,
            self.webinars.url,
            self.past.url,
            self.upcoming.url,
            self.newsletter.url,
            self.issue.url,
        ]


@pytest.fixture
def site(home):
    return Site(home)


def queries_per_address(client, addresses, django_assert_max_num_queries) -> dict[str, int]:
    counts = {}
    for address in addresses:
        assert client.get(address, **SESSION).status_code == 200, address
        with django_assert_max_num_queries(QUERY_BUDGET, info=address) as queries:
            response = client.get(address, **SESSION)
        assert response.status_code == 200, address
        counts[address] = len(queries)
    return counts


def test_every_public_page_type_costs_the_same_few_queries_with_ten_times_the_content(
    client, site, django_assert_max_num_queries
):
    small = queries_per_address(client, site.addresses(), django_assert_max_num_queries)
    site.grow(10)
    large = queries_per_address(client, site.addresses(), django_assert_max_num_queries)
    # The same page types, the newest of each after the growth.
    assert list(large.values()) == list(small.values())


def test_a_published_change_shows_at_once(client, site):
    assert "Éditorial" in client.get(site.editorial.url, **SESSION).content.decode()
    site.editorial.title = "Un titre tout neuf"
    site.editorial.save_revision().publish()
    assert "Un titre tout neuf" in client.get(site.editorial.url, **SESSION).content.decode()
    # The chrome and listings follow: the index lists the new title.
    assert "Un titre tout neuf" in client.get(site.editorials.url, **SESSION).content.decode()


def test_an_unpublished_page_leaves_its_address_the_menu_and_listings_at_once(client, site):
    assert client.get(site.editorial.url, **SESSION).status_code == 200
    assert site.standard.title in client.get(site.home.url, **SESSION).content.decode()
    assert site.editorial.title in client.get(site.editorials.url, **SESSION).content.decode()
    site.editorial.unpublish()
    site.standard.unpublish()
    assert client.get(site.editorial.url, **SESSION).status_code == 404
    assert site.editorial.title not in client.get(site.editorials.url, **SESSION).content.decode()
    assert site.standard.title not in client.get(site.home.url, **SESSION).content.decode()


def test_a_page_made_private_shows_its_password_form_and_leaves_listings_at_once(client, site):
    assert site.editorial.title in client.get(site.editorial.url, **SESSION).content.decode()
    assert site.editorial.title in client.get(site.editorials.url, **SESSION).content.decode()
    restriction = PageViewRestriction.objects.create(
        page=site.editorial, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    private = client.get(site.editorial.url, **SESSION).content.decode()
    assert 'name="password"' in private
    assert site.editorial.intro not in private
    assert site.editorial.title not in client.get(site.editorials.url, **SESSION).content.decode()
    restriction.delete()
    assert site.editorial.title in client.get(site.editorials.url, **SESSION).content.decode()


def test_the_groups_of_a_restriction_change_the_content_token(site):
    restriction = PageViewRestriction.objects.create(
        page=site.editorial, restriction_type=PageViewRestriction.GROUPS
    )
    before = content_generation()
    restriction.groups.add(Group.objects.create(name="Membres"))
    assert content_generation() != before


def test_a_renamed_tag_shows_at_once_on_its_page(client, site):
    address = site.tags.url + "hybridation/"
    assert "hybridation" in client.get(address, **SESSION).content.decode()
    tag = Tag.objects.get(slug="hybridation")
    tag.name = "Hybridation des cours"
    tag.save()
    assert "Hybridation des cours" in client.get(address, **SESSION).content.decode()


def test_a_form_page_gets_its_own_csrf_token_every_time(client, site):
    """The subscription form is a route of a page whose other content is kept: the part that
    carries a CSRF token is rendered for each visitor."""
    address = site.newsletter.url + site.newsletter.reverse_subpage("subscribe")
    tokens = set()
    for _ in range(2):
        client.cookies.clear()
        response = client.get(address)
        assert "csrftoken" in response.cookies
        html = response.content.decode()
        tokens.add(html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0])
    assert len(tokens) == 2


def test_a_preview_is_never_kept_nor_served_from_what_was_kept(admin_client, client, site):
    assert site.editorial.title in client.get(site.editorial.url, **SESSION).content.decode()
    site.editorial.title = "Brouillon non publié"
    site.editorial.save_revision()
    preview = admin_client.get(f"/admin/pages/{site.editorial.pk}/view_draft/")
    assert "Brouillon non publié" in preview.content.decode()
    assert "Brouillon non publié" not in client.get(site.editorial.url, **SESSION).content.decode()
