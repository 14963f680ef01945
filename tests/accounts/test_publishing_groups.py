"""The publishing roles' admin groups: each member can do what the role needs, and only that.

Every check is an HTTP request to the Wagtail admin, as the member would make it.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.publishing_roles import ROLE_ACCESS, RoleAccess, setup_publishing_groups
from media_pages.models import EditorialPage, SiteIdentity
from tests.factories import EditorialIndexPageFactory, StandardPageFactory

REVIEW = "Relecture par un ami critique"


@pytest.fixture
def sections(home):
    index = EditorialIndexPageFactory(parent=home)
    standard = StandardPageFactory(parent=home)
    call_command("setup_groups", verbosity=0)
    return {"home": home, "editorials": index, "standard": standard}


def member(group_name: str, username: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def editorial_form(title: str, slug: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "Un chapô.",
            "body": streamfield([("paragraph", rich_text("<p>Un texte.</p>"))]),
            "credits": inline_formset([]),
            "related_links": inline_formset([]),
        }
    )


def png_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return SimpleUploadedFile("croquis.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_setup_groups_twice_gives_the_same_groups_and_permissions(sections):
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count())
    call_command("setup_groups", verbosity=0)
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    ) == counts
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Éditorialiste", "Ami critique", "Illustrateur", "Ingénieur de mise en ligne"} <= names


@pytest.mark.django_db
def test_a_role_whose_app_is_not_installed_yet_is_skipped(sections, monkeypatch):
    monkeypatch.setitem(ROLE_ACCESS, "animateur", RoleAccess(pages=("webinars.WebinarIndexPage",)))
    setup_publishing_groups()
    animateur = Group.objects.get(name="Animateur")
    assert animateur.permissions.filter(codename="access_admin").exists()
    assert not animateur.page_permissions.exists()


@pytest.mark.django_db
def test_editorialist_writes_editorials_but_cannot_publish_them_alone(client, sections):
    index = sections["editorials"]
    client.force_login(member("Éditorialiste", "claire"))
    add_url = f"/admin/pages/add/media_pages/editorialpage/{index.pk}/"
    assert client.get(add_url).status_code == 200
    data = editorial_form("Tendances", "tendances")
    data["action-publish"] = "publish"
    client.post(add_url, data)
    page = EditorialPage.objects.get(slug="tendances")
    assert not page.live  # no publish permission: saved as a draft
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get("/admin/snippets/community/person/add/").status_code == 200


@pytest.mark.django_db
def test_editorialist_cannot_edit_other_sections_settings_or_users(client, sections, home):
    client.force_login(member("Éditorialiste", "claire"))
    identity = SiteIdentity.objects.create(site=home.get_site())
    denied = [
        f"/admin/pages/{sections['standard'].pk}/edit/",
        f"/admin/pages/add/media_pages/standardpage/{home.pk}/",
        f"/admin/settings/media_pages/siteidentity/{identity.site_id}/",
        "/admin/users/",
    ]
    for url in denied:
        assert client.get(url).status_code in (302, 403), url


@pytest.mark.django_db
def test_illustrator_uploads_images_and_cannot_touch_pages(client, sections):
    client.force_login(member("Illustrateur", "lea"))
    assert client.get("/admin/images/").status_code == 200
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Carte mentale",
            "alt_text": "Carte mentale de la séance",
            "file": png_upload(),
            "collection": 1,
        },
    )
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Carte mentale").exists()
    assert client.get(f"/admin/pages/{sections['editorials'].pk}/edit/").status_code in (302, 403)
    assert client.get("/admin/users/").status_code in (302, 403)


@pytest.mark.django_db
def test_online_engineer_runs_settings_and_users_but_writes_no_editorial(client, sections, home):
    client.force_login(member("Ingénieur de mise en ligne", "julien"))
    SiteIdentity.objects.create(site=home.get_site())
    settings_url = f"/admin/settings/media_pages/siteidentity/{home.get_site().pk}/"
    assert client.get(settings_url).status_code == 200
    assert client.get("/admin/users/").status_code == 200
    assert client.get("/admin/users/new/").status_code == 200
    add_editorial = f"/admin/pages/add/media_pages/editorialpage/{sections['editorials'].pk}/"
    assert client.get(add_editorial).status_code in (302, 403)
    client.post(add_editorial, editorial_form("Intrus", "intrus"))
    assert not EditorialPage.objects.filter(slug="intrus").exists()


@pytest.mark.django_db
def test_editorial_indexes_created_later_get_the_groups_and_the_review_workflow(sections, home):
    later = EditorialIndexPageFactory(parent=home, slug="tribunes")
    group = Group.objects.get(name="Éditorialiste")
    assert GroupPagePermission.objects.filter(group=group, page=later).exists()
    assert WorkflowPage.objects.get(page=later).workflow.name == REVIEW


@pytest.mark.django_db
def test_review_by_a_critical_friend_from_submission_to_publication(client, sections):
    index = sections["editorials"]
    writer = member("Éditorialiste", "claire")
    reviewer = member("Ami critique", "mathieu")
    outsider = member("Illustrateur", "lea")
    assert index.get_workflow().name == REVIEW

    client.force_login(writer)
    data = editorial_form("Évaluer autrement", "evaluer-autrement")
    data["action-submit"] = "submit"
    client.post(f"/admin/pages/add/media_pages/editorialpage/{index.pk}/", data)
    page = EditorialPage.objects.get(slug="evaluer-autrement")
    state = page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS and not page.live

    def act(user, action: str, comment: str = ""):
        client.force_login(user)
        task_state = page.current_workflow_state.current_task_state
        url = f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"
        return client.post(url, {"comment": comment})

    assert act(outsider, "approve").status_code in (302, 403)
    add_url = f"/admin/pages/add/media_pages/editorialpage/{index.pk}/"
    assert client.get(add_url).status_code in (302, 403)  # the outsider writes no editorial
    page.refresh_from_db()
    assert not page.live

    act(reviewer, "reject", "Préciser les sources du deuxième paragraphe.")
    assert client.get(add_url).status_code in (302, 403)  # the reviewer reviews, not writes
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live

    client.force_login(writer)
    resubmit = editorial_form("Évaluer autrement", "evaluer-autrement")
    resubmit["body"] = streamfield([("paragraph", rich_text("<p>Sources précisées.</p>"))])
    resubmit = nested_form_data({**resubmit})
    resubmit["action-restart-workflow"] = "restart"
    client.post(f"/admin/pages/{page.pk}/edit/", resubmit)
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    act(reviewer, "approve", "Merci, c’est clair.")
    page.refresh_from_db()
    assert page.live
    assert "Sources précisées." in str(page.body)
    assert page.current_workflow_state is None
    assert client.get(page.url).status_code == 200
