"""The role chooser of the credits panel: all fifteen roles, each with what it means."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from lxml import html

from community.models import Role


@pytest.mark.django_db
def test_the_role_chooser_lists_the_fifteen_roles_with_their_description(client):
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(admin)
    url = reverse(Role.snippet_viewset.chooser_viewset.get_url_name("choose"))
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    doc = html.fromstring(response.json()["html"])
    rows = doc.xpath("//table//tbody/tr")
    assert len(rows) == 15
    first = rows[0].xpath("string(.)")
    assert "Participant" in first and "Participe aux différents évènements" in first
    headers = [" ".join(th.xpath("string(.)").split()) for th in doc.xpath("//table//thead//th")]
    assert "Ce que fait ce rôle" in headers
