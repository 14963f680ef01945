"""Every kind of public page is valid HTML for the W3C Nu HTML Checker: 0 errors.

One page of each kind of the demo, plus the forms returned with their errors, is saved to a
folder and the checker reads them all in one start of the JVM.
"""

import os
from pathlib import Path

import pytest

from tests.html_checker import checker_unavailable_reason, html_errors

UNAVAILABLE = checker_unavailable_reason()
# REQUIRE_HTML_CHECKER=1 (for CI) turns "not built" into a failure instead of a skip.
REQUIRED = os.environ.get("REQUIRE_HTML_CHECKER") == "1"
pytestmark = pytest.mark.skipif(
    bool(UNAVAILABLE) and not REQUIRED, reason=f"HTML checker: {UNAVAILABLE}"
)


@pytest.fixture(autouse=True)
def checker_is_there():
    if UNAVAILABLE:
        pytest.fail(f"HTML checker required (REQUIRE_HTML_CHECKER=1): {UNAVAILABLE}")


PAGES = {
    "home": "/",
    "standard": "/a-propos/",
    "sitemap": "/plan-du-site/",
    "search-empty": "/recherche/",
    "search-results": "/recherche/?q=valeurs",
    "search-filtered": "/recherche/?q=numerique&sort=date&tag=numerique",
    "search-nothing": "/recherche/?q=introuvablexyz",
    "search-common-words": "/recherche/?q=le+la",
    "not-found": "/page-inexistante/",
    "editorials": "/editoriaux/",
    "editorial": "/editoriaux/ce-que-le-confinement-nous-a-appris/",
    "presentations": "/presentations/",
    "presentation": "/presentations/les-roles-du-collectif/",
    "community": "/communaute/",
    "roles": "/communaute/roles/",
    "role": "/communaute/roles/ami-critique/",
    "person": "/communaute/personnes/claire-vasseur/",
    "tags": "/etiquettes/",
    "tag": "/etiquettes/hybridation/",
    "podcasts": "/podcasts/",
    "show": "/podcasts/les-voix-du-collectif/",
    "episode": "/podcasts/les-voix-du-collectif/bienvenue/",
    "sessions": "/webinaires/",
    "sessions-filtered": "/webinaires/?format=atelier",
    "session-past": "/webinaires/evaluer-autrement/",
    "session-upcoming": "/webinaires/atelier-podcast-en-classe/",
    "newsletter": "/lettre-d-information/",
    "letter": "/lettre-d-information/lettre-octobre/",
    "subscribe": "/lettre-d-information/inscription/",
    "subscribed": "/lettre-d-information/inscription/merci/",
}
FORMS_WITH_ERRORS = {
    "registration-errors": ("/webinaires/atelier-podcast-en-classe/inscription/", {"email": "x"}),
    "subscribe-errors": ("/lettre-d-information/inscription/", {"email": "pas-une-adresse"}),
}


def save(folder: Path, name: str, response) -> Path:
    path = folder / f"{name}.html"
    path.write_bytes(response.content)
    return path


@pytest.mark.django_db
def test_one_page_of_every_kind_has_no_html_error(demo_content, client, tmp_path):
    files = []
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), url
        files.append(save(tmp_path, name, response))
    for name, (url, data) in FORMS_WITH_ERRORS.items():
        response = client.post(url, data)
        assert response.status_code in (200, 400), url
        assert b'aria-invalid="true"' in response.content, url
        files.append(save(tmp_path, name, response))
    assert html_errors(files) == []


def test_the_checker_finds_errors(tmp_path):
    """The check above can fail: a page with the mistakes this suite once had is refused."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body>'
        '<time datetime="2026-01-01T10:00:00.123456+01:00">x</time><form action=""></form>'
        '<input aria-describedby="absent"></body></html>'
    )
    messages = [error["message"] for error in html_errors([page])]
    assert any("fraction of a second" in message for message in messages)
    assert any("“action”" in message for message in messages)
