"""The badge pages pass the W3C Nu HTML Checker (the suite's one, ``tests/html_checker``)."""

import os

import pytest
from django.urls import reverse

from badges.awarding import Candidate, award, revoke
from badges.tokens import removal_url
from tests.html_checker import checker_unavailable_reason, html_errors

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def checker_available():
    reason = checker_unavailable_reason()
    if reason:
        if os.environ.get("REQUIRE_HTML_CHECKER") == "1":
            pytest.fail(f"HTML checker required (REQUIRE_HTML_CHECKER=1): {reason}")
        pytest.skip(f"HTML checker: {reason}")


def test_badge_pages_are_valid_html(client, home, badge_class, tmp_path):
    kept, _ = award(
        badge_class,
        Candidate("ana@example.org", evidence=[{"id": "http://testserver/", "name": "S"}]),
    )
    badge_class.alignment_name, badge_class.criteria_url = "Interagir", "http://testserver/c/"
    badge_class.save()
    gone, _ = award(badge_class, Candidate("bob@example.org"))
    revoke(gone, "Erreur")
    pages = {
        "badge.html": reverse("badges:award_page", args=[kept.uid]),
        "revoked.html": reverse("badges:award_page", args=[gone.uid]),
        "removal.html": removal_url(kept).removeprefix("http://testserver"),
    }
    paths = []
    for name, url in pages.items():
        path = tmp_path / name
        path.write_bytes(client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content)
        paths.append(path)
    errors = html_errors(paths)
    assert [(e["file"], e["message"], e["extract"]) for e in errors] == []
