"""Autosave saves the pages that exist; it never creates one behind the editor's back.

Wagtail's autosave on the add form creates the page in the background; publishing before the
form had switched to the new page posted the add form a second time and answered 500 (a browser
journey hit it on a loaded machine). The add form has no autosave, the edit form keeps it.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from lxml import html

from tests.factories import EditorialIndexPageFactory, EditorialPageFactory


@pytest.fixture
def editor(client, db):
    client.force_login(get_user_model().objects.create_superuser("e", "e@example.org", "pw"))


def edit_form_controllers(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return (
        html.fromstring(response.content).get_element_by_id("page-edit-form").get("data-controller")
    )


def test_the_add_form_does_not_autosave_the_edit_form_does(client, home, editor):
    index = EditorialIndexPageFactory(parent=home)
    editorial = EditorialPageFactory(parent=index)
    add = reverse("wagtailadmin_pages:add", args=["media_pages", "editorialpage", index.pk])
    assert "w-autosave" not in edit_form_controllers(client, add).split()
    assert "w-unsaved" in edit_form_controllers(client, add).split()
    edit = reverse("wagtailadmin_pages:edit", args=[editorial.pk])
    assert "w-autosave" in edit_form_controllers(client, edit).split()
