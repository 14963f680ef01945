"""Content-Security-Policy and Permissions-Policy on the public site and the admin (#17)."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import PresentationIndexPageFactory, PresentationPageFactory


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.django_db
def test_public_pages_allow_only_the_site_scripts_and_the_allow_listed_frames(client, home):
    index = PresentationIndexPageFactory(parent=home)
    page = PresentationPageFactory(parent=index)
    csp = directives(client.get(page.url))
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'self'"]
    assert "https://view.genially.com" in csp["frame-src"]
    assert "https://framatube.org" in csp["frame-src"]
    assert "https://www.youtube-nocookie.com" in csp["frame-src"]
    assert not any("evil" in origin or origin == "*" for origin in csp["frame-src"])


@pytest.mark.django_db
def test_frames_follow_the_hosts_allowed_in_settings(client, home, settings):
    settings.PEERTUBE_HOSTS = ["videos.academie.example"]
    csp = directives(client.get(home.url))
    assert "https://videos.academie.example" in csp["frame-src"]
    assert "https://framatube.org" not in csp["frame-src"]


@pytest.mark.django_db
def test_permissions_policy_turns_powerful_features_off(client, home):
    header = client.get(home.url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in header
    # Fullscreen stays delegable to the presentation and video frames.
    assert "fullscreen" not in header


@pytest.mark.django_db
def test_the_admin_gets_its_own_policy(client, home):
    client.force_login(get_user_model().objects.create_superuser("chef", "c@example.org", "pw"))
    csp = directives(client.get("/admin/"))
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'self'"]
