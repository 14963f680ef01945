"""Uploaded images ask for their alternative text, which pages then use (issue 11 #13)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import html

from accounts.publishing_roles import setup_publishing_groups
from media_pages.models import CollectifImage
from tests.factories import ArtworkFactory


@pytest.fixture
def illustrator(client, db):
    setup_publishing_groups()
    user = get_user_model().objects.create_user("lea", "lea@example.org", "pw")
    user.groups.add(Group.objects.get(name="Illustrateur"))
    client.force_login(user)
    return user


def png_upload() -> SimpleUploadedFile:
    image = ArtworkFactory.build()
    image.file.seek(0)
    return SimpleUploadedFile("carte-mentale.png", image.file.read(), content_type="image/png")


def test_an_image_without_alternative_text_is_refused_in_french(client, illustrator):
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Carte mentale", "file": png_upload(), "alt_text": ""},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 200
    doc = html.fromstring(response.content.decode())
    field = doc.xpath("//*[@data-field-input and .//input[@name='alt_text']]/..")
    assert "Champ requis." in " ".join(field[0].text_content().split())
    assert not CollectifImage.objects.exists()


def test_the_alternative_text_given_at_upload_is_the_images_alt(client, illustrator):
    alt = "Carte mentale : l’évaluation au centre, cinq branches de pratiques"
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "carte-mentale.png", "file": png_upload(), "alt_text": alt},
    )
    assert response.status_code == 302
    image = CollectifImage.objects.get()
    assert image.alt_text == alt
    assert image.get_rendition("width-200").alt == alt  # not the title


@pytest.mark.django_db
def test_images_from_before_keep_their_description_or_title_as_alt():
    old_with_description = ArtworkFactory(title="pochette.png", alt_text="", description="Un micro")
    old_without = ArtworkFactory(title="Pochette du podcast", alt_text="")
    migration = importlib.import_module("media_pages.migrations.0002_image_alt_text")

    migration.alt_text_from_description_or_title(apps, None)

    old_with_description.refresh_from_db()
    old_without.refresh_from_db()
    assert old_with_description.alt_text == "Un micro"
    assert old_without.alt_text == "Pochette du podcast"
