"""The badge pages pass the Nu Html Checker (npm ``vnu-jar``, run with Debian's java)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from badges.awarding import Candidate, award, revoke
from badges.tokens import removal_url

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not VNU.exists(), reason="vnu-jar is not installed (npm ci)"),
    pytest.mark.skipif(not shutil.which("java"), reason="java is not installed"),
]


def html_errors(paths: list[Path]) -> list[dict]:
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    return [m for m in messages if m["type"] == "error"]


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
    assert [(e["url"].rsplit("/", 1)[-1], e["message"], e.get("extract")) for e in errors] == []
