"""The Animateur manages badges in the admin; other roles may not award or revoke."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from badges.awarding import Candidate, award
from badges.models import Award, BadgeClass
from newsletter.models import Subscriber

from .conftest import SVG, png_bytes

pytestmark = pytest.mark.django_db


def member(group_name: str, username: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def animateur(home, client):
    call_command("setup_groups", verbosity=0)
    client.force_login(member("Animateur", "anim"))
    return client


@pytest.fixture
def redactrice(home, client):
    call_command("setup_groups", verbosity=0)
    client.force_login(member("Rédactrice", "red"))
    return client


def test_animateur_awards_from_a_csv_and_each_bad_row_is_reported_in_french(animateur, badge_class):
    Award.objects.create(badge_class=badge_class, email="deja@example.org")
    url = reverse("badges_manual_award")
    assert animateur.get(url).status_code == 200
    csv = (
        "email;nom\n"
        "ana@example.org;Ana\n"
        "pas-une-adresse;Bob\n"
        "ANA@example.org;Ana bis\n"
        "deja@example.org;Déjà\n"
        "cleo@example.org\n"
        "@example.org;Vide\n"
    ).encode()
    upload = SimpleUploadedFile("liste.csv", csv, content_type="text/csv")
    response = animateur.post(
        url,
        {"badge_class": badge_class.pk, "file": upload, "narrative": "Animation"},
        HTTP_ACCEPT_LANGUAGE="fr",
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert "Décernés : 2 ; l’avaient déjà : 1." in messages
    assert "Ligne 3 : « pas-une-adresse » n’est pas une adresse électronique valide." in messages
    assert "Ligne 7 : « @example.org » n’est pas une adresse électronique valide." in messages
    assert sorted(Award.objects.values_list("email", flat=True)) == [
        "ana@example.org",
        "cleo@example.org",
        "deja@example.org",
    ]
    ana = Award.objects.get(email="ana@example.org")
    assert (ana.name, ana.narrative, ana.awarded_by.username) == ("Ana", "Animation", "anim")


def test_animateur_awards_one_person(animateur, badge_class):
    animateur.post(
        reverse("badges_manual_award"),
        {"badge_class": badge_class.pk, "email": "Zoe@Example.org", "name": "Zoé"},
    )
    assert Award.objects.get().email == "zoe@example.org"


def test_the_form_asks_for_an_address_or_a_file(animateur, badge_class):
    response = animateur.post(
        reverse("badges_manual_award"), {"badge_class": badge_class.pk}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "Indiquez une adresse électronique ou un fichier CSV." in response.content.decode()
    assert not Award.objects.exists()


def test_animateur_revokes_with_a_reason_and_not_without(animateur, badge_class):
    awarded, _ = award(badge_class, Candidate("ana@example.org"))
    url = reverse("badges_awards:edit", args=[awarded.pk])
    form = {"name": "Ana", "expires": "", "revoked": "on", "revocation_reason": ""}
    response = animateur.post(url, form)
    assert response.status_code == 200
    assert not Award.objects.get().revoked
    animateur.post(url, form | {"revocation_reason": "Erreur de liste"})
    awarded.refresh_from_db()
    assert awarded.revoked and awarded.revoked_at and awarded.revocation_reason == "Erreur de liste"


def test_awards_are_listed_and_filtered(animateur, badge_class):
    other = BadgeClass.objects.create(name="Autre", description="d", criteria_text="c")
    award(badge_class, Candidate("ana@example.org", "Ana"))
    award(other, Candidate("bob@example.org", "Bob"))
    response = animateur.get(reverse("badges_awards:index"), {"badge_class": badge_class.pk})
    html = response.content.decode()
    assert "ana@example.org" in html and "bob@example.org" not in html


def test_animateur_uploads_a_badge_class_and_a_bad_image_is_refused(animateur):
    url = reverse("badges_classes:add")
    fields = {"name": "Pionnier", "slug": "", "description": "d", "criteria_text": "c"}
    small = SimpleUploadedFile("b.png", png_bytes(300, 300), content_type="image/png")
    with translation.override("fr"):
        response = animateur.post(url, fields | {"image": small}, HTTP_ACCEPT_LANGUAGE="fr")
    assert "au moins 400 px" in response.content.decode()
    wide = SimpleUploadedFile("b.png", png_bytes(600, 400), content_type="image/png")
    response = animateur.post(url, fields | {"image": wide}, HTTP_ACCEPT_LANGUAGE="fr")
    assert "carrée" in response.content.decode()
    svg = SimpleUploadedFile("b.svg", SVG, content_type="image/svg+xml")
    animateur.post(url, fields | {"image": svg})
    assert BadgeClass.objects.get().slug == "pionnier"


def test_a_redactrice_may_neither_award_nor_revoke(redactrice, badge_class):
    awarded, _ = award(badge_class, Candidate("ana@example.org"))
    # Wagtail answers a refused admin view by sending back to the dashboard.
    assert redactrice.get(reverse("badges_manual_award"))["Location"] == "/admin/"
    redactrice.post(
        reverse("badges_manual_award"), {"badge_class": badge_class.pk, "email": "x@example.org"}
    )
    assert Award.objects.count() == 1
    response = redactrice.post(
        reverse("badges_awards:edit", args=[awarded.pk]),
        {"revoked": "on", "revocation_reason": "x"},
    )
    assert response.status_code in (302, 403)
    assert not Award.objects.get().revoked


def test_awards_are_part_of_the_subscriber_data_export(home, admin_client, badge_class):
    subscriber = Subscriber.objects.create(email="ana@example.org")
    award(badge_class, Candidate("ana@example.org"))
    response = admin_client.get(reverse("newsletter_export_subscriber", args=[subscriber.pk]))
    data = json.loads(response.content)
    [badge] = data["badges"]
    assert badge["badge"] == "Participant assidu" and badge["revoked"] is False
    export = admin_client.get(reverse("badges_export_awards"), {"email": "ANA@example.org"})
    assert json.loads(export.content)["badges"][0]["assertion"] == badge["assertion"]
