"""Autosave keeps working while a credit row is half filled (issue 11 #11).

The admin's autosave posts the edit form as a draft, asking for JSON. A credit row with its
person chosen but not yet its role answered 400 and autosave paused.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from lxml import html
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from community.models import Credit, Person, Role
from tests.factories import StandardPageFactory


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editrice", "e@example.org", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def people(db):
    return Person.objects.create(name="Claire Dumas"), Person.objects.create(name="Marc Olivier")


def edit_form(page, credits: list[dict], **extra) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "Une page de contenu.",
            "body": streamfield([]),
            "credits": inline_formset(credits, initial=page.credits.count()),
            **extra,
        }
    )


def latest_draft(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def autosave(client, page, data):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        data,
        HTTP_ACCEPT="application/json",
    )


@pytest.mark.parametrize("live", [True, False], ids=["published page", "draft page"])
def test_autosave_with_a_half_filled_new_credit_row_saves_the_rest(
    client, home, editor, people, live
):
    claire, marc = people
    animateur = Role.objects.get(slug="animateur")
    page = StandardPageFactory(parent=home, title="Atelier", live=live)
    data = edit_form(
        page,
        [
            {"person": claire.pk, "role": animateur.pk, "note": ""},
            {"person": marc.pk, "role": "", "note": ""},  # the role not chosen yet
        ],
        title="Atelier (modifié)",
    )
    response = autosave(client, page, data)

    assert response.status_code == 200, response.content
    assert response.json()["success"] is True
    draft = latest_draft(page)
    assert draft.title == "Atelier (modifié)"
    assert [(c.person_id, c.role_id) for c in draft.credits.all()] == [(claire.pk, animateur.pk)]


def test_an_existing_credit_being_changed_keeps_its_saved_values_in_the_draft(
    client, home, editor, people
):
    claire, _marc = people
    animateur = Role.objects.get(slug="animateur")
    page = StandardPageFactory(parent=home, title="Atelier")
    credit = Credit.objects.create(page=page, person=claire, role=animateur)
    data = edit_form(page, [{"id": credit.pk, "person": claire.pk, "role": "", "note": ""}])

    response = autosave(client, page, data)

    assert response.status_code == 200, response.content
    draft = latest_draft(page)
    assert [(c.person_id, c.role_id) for c in draft.credits.all()] == [(claire.pk, animateur.pk)]


def test_publishing_still_requires_a_complete_credit(client, home, editor, people):
    _claire, marc = people
    page = StandardPageFactory(parent=home, title="Atelier")
    data = edit_form(page, [{"person": marc.pk, "role": "", "note": ""}], **{"action-publish": "1"})

    with translation.override("fr"):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), data, HTTP_ACCEPT_LANGUAGE="fr"
        )

    assert response.status_code == 200  # the form again, with its errors
    doc = html.fromstring(response.content.decode())
    role_field = doc.xpath("//*[@data-field-input and .//input[@name='credits-0-role']]/..")
    assert "Champ requis." in " ".join(role_field[0].text_content().split())
    assert not Credit.objects.filter(page=page).exists()
