"""The Animateur awards a badge to a CSV of emails through the admin, in chromium.

A site of its own (demo content, the role groups, one Animateur account) served by gunicorn.
"""

import pytest

from tests.live_site import gunicorn, manage, prepared_site

from .conftest import axe_violations

ANIMATEUR = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user = get_user_model().objects.create_user("animatrice", "anim@example.org", "mot-de-passe-1")
user.groups.add(Group.objects.get(name="Animateur"))
"""
COUNT = (
    "from badges.models import Award; print(sorted(Award.objects.values_list('email', flat=True)))"
)
CSV = b"email;nom\nnadia@example.org;Nadia\npas-une-adresse;Bob\nyann@example.org;Yann\n"


@pytest.fixture(scope="module")
def badges_site():
    with (
        prepared_site([["shell", "-c", ANIMATEUR]], from_demo=True) as env,
        gunicorn(env) as base_url,
    ):
        yield base_url, env


def test_animateur_awards_a_csv_and_sees_each_bad_row(badges_site, page, axe_source):
    base_url, env = badges_site
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "animatrice")
    page.fill("#id_password", "mot-de-passe-1")
    page.click("button[type=submit]")
    page.goto(base_url + "/admin/badges/award/")
    page.select_option("#id_badge_class", label="Participant – Évaluer autrement")
    page.set_input_files(
        "#id_file", files=[{"name": "liste.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    page.fill("#id_narrative", "Présents à l’atelier")
    page.click("form button[type=submit].button")
    page.wait_for_load_state()
    messages = page.locator(".messages").inner_text()
    assert "Décernés : 2 ; l’avaient déjà : 0." in messages
    assert "Ligne 3 : « pas-une-adresse » n’est pas une adresse électronique valide." in messages
    awarded = manage(env, "shell", "-c", COUNT)
    assert "nadia@example.org" in awarded and "yann@example.org" in awarded
    assert "pas-une-adresse" not in awarded
    page.goto(base_url + "/admin/badges/awards/")
    assert "nadia@example.org" in page.content()


def test_the_badge_page_passes_axe(badges_site, page, axe_source):
    base_url, _env = badges_site
    response = page.goto(base_url + "/badges/6f1c2a56-4a47-4c55-9d0e-0d3f8f7b2a01/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Participant – Évaluer autrement"
    assert axe_violations(page, axe_source) == []
