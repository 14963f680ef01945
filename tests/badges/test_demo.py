"""The demo shows badges: two classes with rules, and award pages at stable addresses."""

import io
import json

import openbadges_bakery
import pytest
from django.core.management import call_command

from badges.models import Award, AwardRule, BadgeClass

pytestmark = pytest.mark.django_db

UID = "6f1c2a56-4a47-4c55-9d0e-0d3f8f7b2a01"
PARTICIPANT = f"/badges/{UID}/"


def test_demo_badges_are_served_and_a_second_load_changes_nothing(client, demo_content):
    assert BadgeClass.objects.count() == 2 and AwardRule.objects.count() == 2
    page = client.get(PARTICIPANT)
    assert page.status_code == 200
    assert "Évaluer autrement" in page.content.decode()
    assertion = json.loads(client.get(f"/badges/assertions/{UID}.json").content)
    assert assertion["evidence"][0]["id"].endswith("/webinaires/evaluer-autrement/")
    image = client.get(f"/badges/assertions/{UID}/badge.svg")
    assert openbadges_bakery.unbake(io.BytesIO(image.content)) == assertion["id"]
    call_command("load_demo_content", verbosity=0)
    counts = (BadgeClass.objects.count(), AwardRule.objects.count(), Award.objects.count())
    assert counts == (2, 2, 2)
