"""The sessions' admin menu items are shown only to whoever may open them."""

import re

import pytest
from django.core.management import call_command

from tests.accounts.test_publishing_groups import member

MENU_URL = re.compile(r'"url": "(/admin/[^"]*)"')
REGISTRATIONS = "/admin/registrations/"
ATTENDANCE = "/admin/webinars/attendance/"


def menu_urls(client) -> set[str]:
    return set(MENU_URL.findall(client.get("/admin/").content.decode()))


@pytest.mark.django_db
def test_registrations_and_attendance_menus_only_for_those_allowed(client, home):
    call_command("setup_groups", verbosity=0)
    client.force_login(member("Animateur", "karim"))
    assert {REGISTRATIONS, ATTENDANCE} <= menu_urls(client)
    for url in (REGISTRATIONS, ATTENDANCE):
        assert client.get(url).status_code == 200

    for number, group in enumerate(("Illustrateur", "Ami critique", "Éditorialiste")):
        client.force_login(member(group, f"membre-{number}"))
        assert not {REGISTRATIONS, ATTENDANCE} & menu_urls(client), group
        assert client.get(ATTENDANCE).status_code == 302  # Wagtail's "permission denied"
