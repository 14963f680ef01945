"""What `make run` shows: the demo, loaded once for this module (tests/demo/conftest.py).

Each test runs in a savepoint rolled back after it, so a test that edits or reloads the demo
leaves the next one the demo as first loaded.
"""

import io
import json
from io import StringIO

import openbadges_bakery
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from lxml import html
from wagtail.models import Page, Revision, Site

from badges.models import Award, AwardRule, BadgeClass
from community.models import Credit, Person, Role
from media_pages.models import (
    EditorialPage,
    HomePage,
    PresentationPage,
    SiteIdentity,
    SitemapPage,
)
from newsletter.models import NewsletterPage, Subscriber, SubscriberStatus

# One worker runs the whole module, so the demo is loaded once per run, not once per worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-tour")]

BADGE_UID = "6f1c2a56-4a47-4c55-9d0e-0d3f8f7b2a01"


def tree_snapshot() -> list[tuple]:
    return list(
        Page.objects.order_by("path").values_list(
            "path", "slug", "title", "content_type__model", "live", "latest_revision_id"
        )
    )


def load_demo_and_report() -> str:
    output = StringIO()
    call_command("load_demo_content", stdout=output)
    return output.getvalue().splitlines()[0]


def test_a_fresh_database_reports_nothing_already_there(demo_loaded_once):
    # On a fresh database nothing is "already there", not even the people two loaders share.
    assert demo_loaded_once.endswith(" created, 0 already there.")
    assert load_demo_and_report().startswith("Demo content: 0 created, ")


def test_demo_twice_gives_the_same_tree(demo_loaded_once):
    first = tree_snapshot()
    revisions = Revision.objects.count()
    assert load_demo_and_report().startswith("Demo content: 0 created, ")
    assert tree_snapshot() == first
    assert Revision.objects.count() == revisions
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_demo_serves_the_home_page_and_the_regulatory_pages(demo_loaded_once, client):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page.pk).exists()
    identity = SiteIdentity.for_site(site)
    slugs = {
        identity.accessibility_page.slug,
        identity.legal_page.slug,
        identity.privacy_page.slug,
        identity.sitemap_page.slug,
    }
    assert slugs == {"accessibilite", "mentions-legales", "donnees-personnelles", "plan-du-site"}
    assert isinstance(identity.sitemap_page.specific, SitemapPage)
    home = client.get("/").content.decode()
    for path in (
        "/accessibilite/",
        "/mentions-legales/",
        "/donnees-personnelles/",
        "/plan-du-site/",
    ):
        assert f'href="{path}"' in home
        assert client.get(path).status_code == 200
    about = client.get("/a-propos/").content.decode()
    for heading in ("Objet social", "Modalités", "Valeurs", "Rôles activés"):
        assert heading in about
    assert "Ami critique" in about and "Ingénieur de mise en ligne" in about


def test_demo_admin_can_log_in(demo_loaded_once, client):
    assert client.login(username="admin", password="collectif-demo")
    assert client.get("/admin/").status_code == 200


def test_demo_keeps_an_editors_change(demo_loaded_once):
    page = Page.objects.get(slug="mentions-legales").specific
    page.title = "Mentions légales (modifiées)"
    page.save_revision().publish()
    call_command("load_demo_content", verbosity=0)
    assert Page.objects.get(slug="mentions-legales").title == "Mentions légales (modifiées)"


def test_demo_people_are_found_by_slug_whatever_editors_renamed(demo_loaded_once):
    people = Person.objects.count()
    assert Person.objects.values("name").distinct().count() == people
    for person in Person.objects.filter(slug__in=["camille-roussel", "karim-benali"]):
        person.name += " (renommée)"
        person.save()
    call_command("load_demo_content", verbosity=0)
    assert Person.objects.count() == people


def test_demo_credits_someone_in_every_role_on_editorials_and_presentations(
    demo_loaded_once, client
):
    editorials = EditorialPage.objects.live()
    presentations = PresentationPage.objects.live()
    assert editorials.count() == 3
    assert {p.embed.provider for p in presentations} == {"Genially", "reveal.js"}
    for page in [*editorials, *presentations]:
        assert page.credits.exists(), page.title
        assert page.text_alternative if isinstance(page, PresentationPage) else page.intro
    credited_roles = set(Credit.objects.values_list("role__slug", flat=True))
    assert credited_roles == set(Role.objects.values_list("slug", flat=True))
    for path in ("/communaute/roles/", "/editoriaux/feed.xml", "/etiquettes/hybridation/"):
        assert client.get(path).status_code == 200


def test_demo_reviewer_and_editorialist_accounts_are_in_their_groups(demo_loaded_once):
    users = get_user_model().objects
    assert users.get(username="claire.vasseur").groups.get().name == "Éditorialiste"
    assert users.get(username="mathieu.roussel").groups.get().name == "Ami critique"
    assert users.get(username="claire.vasseur").person.slug == "claire-vasseur"


def test_demo_badges_are_served_and_a_second_load_changes_nothing(demo_loaded_once, client):
    assert BadgeClass.objects.count() == 2 and AwardRule.objects.count() == 2
    page = client.get(f"/badges/{BADGE_UID}/")
    assert page.status_code == 200
    assert "Évaluer autrement" in page.content.decode()
    assertion = json.loads(client.get(f"/badges/assertions/{BADGE_UID}.json").content)
    assert assertion["evidence"][0]["id"].endswith("/webinaires/evaluer-autrement/")
    image = client.get(f"/badges/assertions/{BADGE_UID}/badge.svg")
    assert openbadges_bakery.unbake(io.BytesIO(image.content)) == assertion["id"]
    call_command("load_demo_content", verbosity=0)
    counts = (BadgeClass.objects.count(), AwardRule.objects.count(), Award.objects.count())
    assert counts == (2, 2, 2)


def test_demo_has_open_upcoming_sessions_and_a_complete_archive(demo_loaded_once, client):
    index = html.fromstring(client.get("/webinaires/").content.decode())
    upcoming = index.xpath("//section[@aria-labelledby='upcoming-title']//h3/a/@href")
    assert len(upcoming) == 2
    for path in upcoming:
        page = html.fromstring(client.get(path).content.decode())
        assert page.xpath("//form[@class='registration-form']//input[@name='email']")

    page = html.fromstring(client.get("/webinaires/evaluer-autrement/").content.decode())
    assert page.xpath("//video[@id='session-player']/source/@type") == ["video/webm"]
    assert page.xpath("//track/@kind") == ["captions"]
    assert len(page.xpath("//ol[@class='transcript-cues']/li")) == 5
    assert page.xpath("//p[@class='slides']/a/@href")
    assert page.xpath("//figure[@class='sketch']/img/@alt")[0].startswith("Carte mentale")
    assert len(page.xpath("//section[@class='report']//p[@class='byline']")) == 2
    assert page.xpath("//section[@aria-labelledby='deliverables-title']//a/@href")
    roles = page.xpath("//ul[@class='credits']//span[@class='role']/text()")
    # Each person's chosen form: Claire Dumas and Sophie Nguyen chose the feminine one.
    assert {"Animatrice", "Illustratrice", "Rapporteur objectif", "Rapporteuse subjective"} <= set(
        roles
    )


def test_demo_has_an_archived_issue_a_draft_and_confirmed_subscribers(demo_loaded_once, client):
    call_command("load_demo_content", verbosity=0)
    issues = NewsletterPage.objects.order_by("slug")
    assert [(i.slug, i.live) for i in issues] == [
        ("lettre-novembre", False),
        ("lettre-octobre", True),
    ]
    confirmed = Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED)
    assert confirmed.count() == 4
    assert all(s.email.endswith("@example.org") for s in confirmed)
    assert all(s.consent_records.count() == 2 for s in confirmed)
    assert client.get("/lettre-d-information/").status_code == 200
    assert client.get("/lettre-d-information/lettre-octobre/").status_code == 200
    assert client.get("/lettre-d-information/lettre-novembre/").status_code == 404


def test_the_demo_is_searchable_titles_and_what_was_said(demo_loaded_once, client):
    """The demo indexes each object once, after loading (demo/indexing.py): with its final
    title, its tags and its transcript."""
    page = html.fromstring(client.get("/recherche/", {"q": "évaluer autrement"}).content)
    assert "/webinaires/evaluer-autrement/" in page.xpath("//li[@class='search-result']//a/@href")
    # Said at 64 s in a demo resource's recording, and nowhere in its text.
    spoken = html.fromstring(client.get("/recherche/", {"q": "élèves décrochent"}).content)
    assert any("#t=64" in href for href in spoken.xpath("//p[@class='result-passage']/a/@href")), (
        "the passage where it was said"
    )
