"""The Content-Security-Policy header is built once per policy, and is django-csp's own."""

import pytest
from csp.utils import build_policy

from config.security_headers import admin_policy, public_policy

pytestmark = pytest.mark.django_db


def test_a_page_carries_the_header_django_csp_would_build(client, home):
    for _ in range(2):
        header = client.get(home.url)["Content-Security-Policy"]
        assert header == build_policy(config=public_policy())


def test_the_header_follows_the_allowed_hosts_when_settings_change(client, home, settings):
    before = client.get(home.url)["Content-Security-Policy"]
    settings.PEERTUBE_HOSTS = ["videos.academie.example"]
    after = client.get(home.url)["Content-Security-Policy"]
    assert "https://videos.academie.example" in after and after != before


def test_the_admin_header_is_the_admin_policy(admin_client):
    header = admin_client.get("/admin/")["Content-Security-Policy"]
    assert header == build_policy(config=admin_policy())
