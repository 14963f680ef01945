"""What each role may NOT do, and the rights that only administrators (superusers) hold.

Every check is an HTTP request to the Wagtail admin, as the member would make it.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import Collection, Page, PageViewRestriction, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.admin_defaults import ACCOUNT_MODELS
from media_pages.models import PresentationPage
from tests.accounts.test_publishing_groups import editorial_form, member
from tests.factories import (
    EditorialIndexPageFactory,
    EditorialPageFactory,
    NewsletterIndexPageFactory,
    PersonFactory,
    PodcastIndexPageFactory,
    PresentationIndexPageFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
)

DENIED = (302, 403)
GENIALLY = "https://view.genially.com/65da9accbbb01e0014a797ae/presentation-demo"


@pytest.fixture
def sections(home):
    found = {
        "editorials": EditorialIndexPageFactory(parent=home),
        "presentations": PresentationIndexPageFactory(parent=home),
        "podcasts": PodcastIndexPageFactory(parent=home),
        "sessions": WebinarIndexPageFactory(parent=home),
        "newsletter": NewsletterIndexPageFactory(parent=home),
    }
    found["session"] = WebinarPageFactory(parent=found["sessions"])
    call_command("setup_groups", verbosity=0)
    return found


def superuser_form(username: str) -> dict:
    return {
        "username": username,
        "email": f"{username}@example.org",
        "first_name": "Intrus",
        "last_name": "Intrus",
        "password1": "un-mot-de-passe-solide-42",
        "password2": "un-mot-de-passe-solide-42",
        "is_active": "on",
        "is_superuser": "on",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("group_name", ["Ingénieur de mise en ligne", "Animateur", "Rédactrice"])
def test_no_role_creates_a_superuser_or_manages_accounts(client, sections, group_name):
    client.force_login(member(group_name, "julien"))
    response = client.post("/admin/users/new/", superuser_form("pirate"))
    assert response.status_code in DENIED
    assert not get_user_model().objects.filter(username="pirate").exists()
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    for url in ("/admin/users/", f"/admin/users/edit/{admin.pk}/", "/admin/groups/"):
        assert client.get(url).status_code in DENIED, url
    client.post(f"/admin/users/edit/{admin.pk}/", {"email": "pirate@example.org"})
    admin.refresh_from_db()
    assert admin.email == "admin@example.org"


@pytest.mark.django_db
def test_setup_groups_takes_back_account_rights_from_every_group(sections):
    user_rights = Permission.objects.filter(content_type__model__in=["user", "group"])
    role_group = Group.objects.get(name="Ingénieur de mise en ligne")
    other = Group.objects.create(name="Équipe technique")
    role_group.permissions.add(*user_rights)
    other.permissions.add(*user_rights)
    call_command("setup_groups", verbosity=0)
    for app_label, model in ACCOUNT_MODELS:
        held = Permission.objects.filter(
            group__isnull=False, content_type__app_label=app_label, content_type__model=model
        )
        assert not held.exists(), (app_label, model)


@pytest.mark.django_db
def test_the_admin_has_no_english_default_groups_workflow_or_root(sections):
    names = set(Group.objects.values_list("name", flat=True))
    assert not names & {"Editors", "Moderators"}
    assert not Workflow.objects.filter(name__contains="Moderators", active=True).exists()
    assert Page.objects.get(depth=1).title == "Racine"
    assert Collection.get_first_root_node().name == "Racine"


@pytest.mark.django_db
def test_an_editorialist_neither_edits_nor_locks_a_colleagues_editorial(client, sections):
    index = sections["editorials"]
    claire = member("Éditorialiste", "claire")
    other = member("Éditorialiste", "paul")
    theirs = EditorialPageFactory(parent=index, owner=other, title="Le billet de Paul")
    client.force_login(claire)
    assert client.get(f"/admin/pages/{theirs.pk}/edit/").status_code in DENIED
    client.post(f"/admin/pages/{theirs.pk}/lock/")
    theirs.refresh_from_db()
    assert not theirs.locked
    data = editorial_form("Réécrit", theirs.slug)
    client.post(f"/admin/pages/{theirs.pk}/edit/", data)
    theirs.refresh_from_db()
    assert theirs.title == "Le billet de Paul"
    assert not theirs.revisions.filter(user=claire).exists()


@pytest.mark.django_db
def test_a_critical_friend_reviews_but_cannot_change_privacy_or_publish_alone(client, sections):
    index = sections["editorials"]
    writer = member("Éditorialiste", "claire")
    reviewer = member("Ami critique", "mathieu")
    client.force_login(writer)
    data = editorial_form("À relire", "a-relire")
    data["action-submit"] = "submit"
    client.post(f"/admin/pages/add/media_pages/editorialpage/{index.pk}/", data)
    page = Page.objects.get(slug="a-relire")
    assert page.current_workflow_state is not None

    client.force_login(reviewer)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200  # the review
    client.post(f"/admin/pages/{page.pk}/privacy/", {"restriction_type": "login"})
    assert not PageViewRestriction.objects.filter(page=page).exists()
    client.post(f"/admin/pages/{page.pk}/unpublish/")
    published = EditorialPageFactory(parent=index, title="Déjà publié")
    assert client.get(f"/admin/pages/{published.pk}/edit/").status_code in DENIED
    client.post(f"/admin/pages/{published.pk}/unpublish/")
    published.refresh_from_db()
    assert published.live
    add_url = f"/admin/pages/add/media_pages/editorialpage/{index.pk}/"
    assert client.get(add_url).status_code in DENIED


@pytest.mark.django_db
def test_the_online_engineer_publishes_presentations_and_podcasts(client, sections):
    client.force_login(member("Ingénieur de mise en ligne", "julien"))
    presentations = sections["presentations"]
    data = nested_form_data(
        {
            "title": "Les rôles",
            "slug": "les-roles",
            "presentation_url": GENIALLY,
            "text_alternative": rich_text("<p>Le contenu en texte.</p>"),
            "credits": inline_formset([]),
            "action-publish": "publish",
        }
    )
    client.post(f"/admin/pages/add/media_pages/presentationpage/{presentations.pk}/", data)
    assert PresentationPage.objects.get(slug="les-roles").live
    podcasts = sections["podcasts"]
    assert (
        client.get(f"/admin/pages/add/podcasts/podcastshowpage/{podcasts.pk}/").status_code == 200
    )
    for url in (
        "/admin/media/",
        "/admin/media/audio/add/",
        "/admin/snippets/podcasts/episodeaudio/",
    ):
        assert client.get(url).status_code == 200, url
    # Not the sessions, editorials or newsletter of others.
    assert client.get(f"/admin/pages/{sections['session'].pk}/edit/").status_code in DENIED
    assert client.get("/admin/registrations/").status_code in DENIED


@pytest.mark.django_db
def test_the_facilitator_runs_sessions_with_the_media_library_and_nothing_else(client, sections):
    client.force_login(member("Animateur", "karim"))
    allowed = [
        f"/admin/pages/{sections['session'].pk}/edit/",
        "/admin/registrations/",
        "/admin/webinars/attendance/",
        "/admin/media/",
        "/admin/media/video/add/",
        "/admin/documents/add/",
    ]
    for url in allowed:
        assert client.get(url).status_code == 200, url
    denied = [
        f"/admin/pages/add/podcasts/podcastshowpage/{sections['podcasts'].pk}/",
        f"/admin/pages/add/media_pages/editorialpage/{sections['editorials'].pk}/",
        "/admin/newsletter/subscribers/",
        "/admin/users/",
    ]
    for url in denied:
        assert client.get(url).status_code in DENIED, url


@pytest.mark.django_db
def test_rapporteurs_edit_sessions_but_neither_create_nor_publish_them(client, sections):
    client.force_login(member("Rapporteur objectif", "sophie"))
    session = sections["session"]
    assert client.get(f"/admin/pages/{session.pk}/edit/").status_code == 200
    add_session = f"/admin/pages/add/webinars/webinarpage/{sections['sessions'].pk}/"
    assert client.get(add_session).status_code in DENIED
    assert not session.permissions_for_user(
        get_user_model().objects.get(username="sophie")
    ).can_publish()
    assert client.get("/admin/registrations/").status_code in DENIED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group_name", "own", "other"),
    [
        ("Rapporteur objectif", "objective_report", "subjective_report"),
        ("Rapporteur subjectif", "subjective_report", "objective_report"),
    ],
)
def test_a_rapporteur_changes_their_report_and_nothing_else(
    client, sections, group_name, own, other
):
    session = sections["session"]
    before = {"title": session.title, "start": session.start, other: getattr(session, other)}
    client.force_login(member(group_name, "rapporteur"))
    form = client.get(f"/admin/pages/{session.pk}/edit/").context["form"]
    assert own in form.fields
    assert not {"title", "slug", "start", "capacity", "online_url", other} & set(form.fields)

    posted = nested_form_data(
        {
            "title": "Titre détourné",
            "slug": "detourne",
            "start": "2030-01-01 10:00",
            "capacity": "1",
            own: rich_text("<p>Ce que le rapporteur a noté.</p>"),
            other: rich_text("<p>Écrit par la mauvaise personne.</p>"),
            "credits": inline_formset([]),
            "deliverables": streamfield([]),
            "related_pages": streamfield([]),
        }
    )
    response = client.post(f"/admin/pages/{session.pk}/edit/", posted)
    assert response.status_code == 302, response.context["form"].errors

    session.refresh_from_db()
    draft = session.get_latest_revision_as_object()
    assert "Ce que le rapporteur a noté." in getattr(draft, own)
    assert {"title": draft.title, "start": draft.start, other: getattr(draft, other)} == before
    assert draft.slug == session.slug and draft.capacity == session.capacity


@pytest.mark.django_db
def test_the_community_manager_writes_issues_and_links_but_does_not_send(client, sections):
    user = member("Community manager", "nadia")
    client.force_login(user)
    newsletter = sections["newsletter"]
    assert (
        client.get(f"/admin/pages/add/newsletter/newsletterpage/{newsletter.pk}/").status_code
        == 200
    )
    person = PersonFactory()
    assert client.get(f"/admin/snippets/community/person/edit/{person.pk}/").status_code == 200
    assert not user.has_perm("newsletter.send_newsletter")
    assert not newsletter.permissions_for_user(user).can_publish()
    assert client.get("/admin/newsletter/subscribers/").status_code in DENIED


@pytest.mark.django_db
def test_the_illustrator_adds_images_and_edits_only_their_own(client, sections):
    user = member("Illustrateur", "lea")
    client.force_login(user)
    from tests.factories import ArtworkFactory

    someone_elses = ArtworkFactory()
    assert client.get(f"/admin/images/{someone_elses.pk}/").status_code in DENIED
    assert client.get("/admin/images/add/").status_code == 200
    assert client.get("/admin/snippets/community/person/").status_code in DENIED
