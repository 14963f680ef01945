from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from community.models import Person
from media_pages.models import HomePage, SiteIdentity, SitemapPage


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


@pytest.mark.django_db
def test_demo_twice_gives_the_same_tree():
    # On a fresh database nothing is "already there", not even the people two loaders share.
    assert load_demo_and_report().endswith(" created, 0 already there.")
    first = tree_snapshot()
    revisions = Revision.objects.count()
    assert load_demo_and_report().startswith("Demo content: 0 created, ")
    assert tree_snapshot() == first
    assert Revision.objects.count() == revisions
    assert get_user_model().objects.filter(username="admin").count() == 1


@pytest.mark.django_db
def test_demo_serves_the_home_page_and_the_regulatory_pages(client):
    call_command("load_demo_content", verbosity=0)
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


@pytest.mark.django_db
def test_demo_admin_can_log_in(client):
    call_command("load_demo_content", verbosity=0)
    assert client.login(username="admin", password="collectif-demo")
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_demo_keeps_an_editors_change(client):
    call_command("load_demo_content", verbosity=0)
    page = Page.objects.get(slug="mentions-legales").specific
    page.title = "Mentions légales (modifiées)"
    page.save_revision().publish()
    call_command("load_demo_content", verbosity=0)
    assert Page.objects.get(slug="mentions-legales").title == "Mentions légales (modifiées)"


@pytest.mark.django_db
def test_demo_people_are_found_by_slug_whatever_editors_renamed():
    call_command("load_demo_content", verbosity=0)
    people = Person.objects.count()
    assert Person.objects.values("name").distinct().count() == people
    for person in Person.objects.filter(slug__in=["camille-roussel", "karim-benali"]):
        person.name += " (renommée)"
        person.save()
    call_command("load_demo_content", verbosity=0)
    assert Person.objects.count() == people


@pytest.mark.django_db
def test_a_fresh_database_reports_nothing_already_there():
    first, second = StringIO(), StringIO()
    call_command("load_demo_content", stdout=first)
    call_command("load_demo_content", stdout=second)
    assert ", 0 already there." in first.getvalue()
    assert "Demo content: 0 created," in second.getvalue()
