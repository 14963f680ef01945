"""The public pages of people and roles, and the credits shown on every content page."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html

from community.models import Credit, Person, Role
from tests.factories import (
    CommunityIndexPageFactory,
    EditorialIndexPageFactory,
    EditorialPageFactory,
    PresentationIndexPageFactory,
    PresentationPageFactory,
    StandardPageFactory,
)


def parse(response):
    return html.fromstring(response.content.decode())


def credited(page, *credits):
    for order, (person, role) in enumerate(credits):
        page.credits.add(Credit(person=person, role=role, sort_order=order))
    page.save_revision().publish()
    return page


@pytest.fixture
def roles(db):
    return {role.slug: role for role in Role.objects.all()}


@pytest.fixture
def community(home, roles):
    index = CommunityIndexPageFactory(parent=home)
    claire = Person.objects.create(
        name="Claire Vasseur",
        organisation="Académie de Bellerive",
        bio="Inspectrice.",
        website="https://claire.example.org",
        role_form="feminine",
    )
    mathieu = Person.objects.create(name="Mathieu Roussel")
    editorials = EditorialIndexPageFactory(parent=home)
    presentations = PresentationIndexPageFactory(parent=home)
    now = timezone.now()
    old = EditorialPageFactory(
        parent=editorials, title="Ancien", first_published_at=now - timedelta(days=30)
    )
    new = EditorialPageFactory(
        parent=editorials, title="Récent", first_published_at=now - timedelta(days=1)
    )
    slides = PresentationPageFactory(parent=presentations, title="Diaporama")
    draft = EditorialPageFactory(parent=editorials, title="Brouillon", live=False)
    credited(old, (claire, roles["editorialiste"]), (mathieu, roles["ami-critique"]))
    credited(new, (claire, roles["editorialiste"]))
    credited(slides, (claire, roles["animateur"]))
    draft.credits.add(Credit(person=claire, role=roles["illustrateur"]))
    draft.save_revision()
    draft.save()
    return {"index": index, "claire": claire, "mathieu": mathieu, "draft": draft}


@pytest.mark.django_db
def test_person_page_groups_contributions_by_role_newest_first(client, community):
    doc = parse(client.get("/communaute/personnes/claire-vasseur/"))
    assert doc.xpath("//h1/text()") == ["Claire Vasseur"]
    groups = doc.xpath("//section[@class='contribution-role']")
    assert [g.xpath("string(h3)") for g in groups] == ["Éditorialiste", "Animatrice"]
    assert groups[0].xpath(".//li/a/text()") == ["Récent", "Ancien"]
    assert groups[1].xpath(".//li/a/text()") == ["Diaporama"]
    assert "Brouillon" not in doc.xpath("string(//main)")


@pytest.mark.django_db
def test_person_page_carries_person_json_ld_and_its_own_canonical_url(client, community):
    doc = parse(client.get("/communaute/personnes/claire-vasseur/"))
    data = json.loads(doc.xpath("//script[@type='application/ld+json']/text()")[0])
    assert data["@type"] == "Person"
    assert data["name"] == "Claire Vasseur"
    assert data["affiliation"] == {"@type": "Organization", "name": "Académie de Bellerive"}
    assert data["sameAs"] == ["https://claire.example.org"]
    assert data["url"].endswith("/communaute/personnes/claire-vasseur/")
    canonical = doc.xpath("//link[@rel='canonical']/@href")[0]
    assert canonical.endswith("/communaute/personnes/claire-vasseur/")


@pytest.mark.django_db
def test_unknown_person_or_role_is_a_404(client, community):
    assert client.get("/communaute/personnes/inconnu/").status_code == 404
    assert client.get("/communaute/roles/inconnu/").status_code == 404


@pytest.mark.django_db
def test_role_page_lists_its_people_once(client, community):
    doc = parse(client.get("/communaute/roles/editorialiste/"))
    assert doc.xpath("//h1/text()") == ["Éditorialiste"]
    assert doc.xpath("//main//li[@class='card']/h3/a/text()") == ["Claire Vasseur"]
    empty = parse(client.get("/communaute/roles/illustrateur/"))  # only a draft credits one
    assert empty.xpath("//main//li[@class='card']") == []


@pytest.mark.django_db
def test_roles_page_presents_the_fifteen_roles_and_who_holds_them(client, community):
    doc = parse(client.get("/communaute/roles/"))
    rows = doc.xpath("//dl[@class='roles']/div")
    assert len(rows) == 15
    critical = next(r for r in rows if r.xpath("string(dt)") == "Ami critique")
    assert critical.xpath("dd[@class='meta']/a/text()") == ["Mathieu Roussel"]
    assert "regard sur le travail" in critical.xpath("string(dd[1])")


@pytest.mark.django_db
def test_people_list_shows_each_persons_roles(client, community):
    doc = parse(client.get("/communaute/"))
    cards = {c.xpath("string(h2)"): c.xpath("string(p[last()])") for c in doc.xpath("//li")}
    assert cards["Claire Vasseur"] == "Éditorialiste, Animatrice"


@pytest.mark.django_db
def test_people_credited_only_on_drafts_or_private_pages_are_not_listed(client, community, roles):
    from wagtail.models import PageViewRestriction

    draft = community["draft"]
    hidden = Person.objects.create(name="Léa Fontaine")
    draft.credits.add(Credit(person=hidden, role=roles["illustrateur"]))
    draft.save_revision()
    draft.save()
    private = EditorialPageFactory(parent=draft.get_parent(), title="Réservé")
    secret = Person.objects.create(name="Nadia Ferrand")
    credited(private, (secret, roles["community-manager"]))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    uncredited = Person.objects.create(name="Karim Benali")

    names = parse(client.get("/communaute/")).xpath("//main//li/h2//text()")
    assert "Claire Vasseur" in [n.strip() for n in names]
    for person in (hidden, secret, uncredited):
        assert person.name not in " ".join(names)
        assert client.get(f"/communaute/personnes/{person.slug}/").status_code == 404


@pytest.mark.django_db
def test_credits_component_links_people_and_roles_on_content_pages(client, community, home):
    page = StandardPageFactory(parent=home)
    credited(page, (community["mathieu"], Role.objects.get(slug="passeur")))
    doc = parse(client.get(page.url))
    section = doc.xpath("//section[@class='credits']")[0]
    assert section.xpath(".//dt/a/@href") == ["/communaute/roles/passeur/"]
    assert section.xpath(".//dd/a/@href") == ["/communaute/personnes/mathieu-roussel/"]


@pytest.mark.django_db
def test_sitemap_lists_credited_people_and_roles(client, community):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/communaute/personnes/claire-vasseur/" in sitemap
    assert "/communaute/roles/ami-critique/" in sitemap


def more_people_and_credits(home, roles, count: int) -> None:
    index = EditorialIndexPageFactory(parent=home)
    for n in range(count):
        person = Person.objects.create(name=f"Personne {n:02d}")
        page = EditorialPageFactory(parent=index)
        credited(page, (person, roles["editorialiste"]), (person, roles["passeur"]))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/communaute/",
        "/communaute/roles/",
        "/communaute/roles/editorialiste/",
        "/communaute/personnes/claire-vasseur/",
    ],
)
def test_community_pages_query_count_does_not_grow(
    client, community, home, roles, path, django_assert_max_num_queries
):
    client.get(path)
    with django_assert_max_num_queries(20) as few:
        client.get(path)
    budget = len(few.captured_queries)
    more_people_and_credits(home, roles, 12)
    claire = community["claire"]
    index = EditorialIndexPageFactory(parent=home)
    for _ in range(8):
        credited(EditorialPageFactory(parent=index), (claire, roles["passeur"]))
    client.get(path)  # the site chrome is built again once after a change
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200
