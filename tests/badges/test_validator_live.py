"""1EdTech's own validator (PyPI ``openbadges``) checks the assertions a live server hosts.

The validator lives in a virtualenv of its own (``tools/openbadges_validator/setup.sh``, see
docs/decisions.md); without it these tests are skipped with that reason.
"""

import json
import os
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from badges.awarding import Candidate, award, revoke
from badges.urls_public import (
    assertion_url,
    revocation_list_url,
    signed_assertion_url,
    signing_key_url,
)
from media_pages.models import SiteIdentity
from tests.factories import make_site_with_home

from .conftest import make_badge_class

TOOL = Path(__file__).resolve().parents[2] / "tools" / "openbadges_validator"
PYTHON = TOOL / "venv" / "bin" / "python"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NOT_INSTALLED = "the openbadges validator is not installed: run tools/openbadges_validator/setup.sh"


@pytest.fixture(autouse=True)
def validator_installed():
    """Skipped with the reason when absent; a failure when CI asks for it (.ci/run)."""
    if not PYTHON.exists():
        if os.environ.get("REQUIRE_OPENBADGES_VALIDATOR") == "1":
            pytest.fail(f"REQUIRE_OPENBADGES_VALIDATOR=1 but {NOT_INSTALLED}")
        pytest.skip(NOT_INSTALLED)


def validate(url: str) -> dict:
    result = subprocess.run(
        [str(PYTHON), str(TOOL / "verify.py"), url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


@pytest.fixture
def hosted(live_server, settings):
    settings.SITE_URL = live_server.url
    settings.ALLOWED_HOSTS = ["*"]
    home = make_site_with_home()
    identity = SiteIdentity.for_site(home.get_site())
    identity.publisher = "Collectif Apprenant"
    identity.contact_email = "contact@example.org"
    identity.save()
    return live_server.url


def errors_of(report: dict) -> list[dict]:
    return [m for m in report["report"]["messages"] if m.get("messageLevel") == "ERROR"]


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_the_validator_verifies_a_hosted_assertion(hosted, kind):
    badge_class = make_badge_class(f"Badge {kind}", kind=kind, criteria_url=hosted + "/")
    awarded, _created = award(
        badge_class,
        Candidate("ana@example.org", evidence=[{"id": hosted + "/", "name": "Accueil"}]),
    )
    report = validate(assertion_url(awarded))
    assert errors_of(report) == []
    assert report["report"]["valid"] is True
    assert report["report"]["openBadgesVersion"] == "2.0"
    [node] = [n for n in report["graph"] if n.get("type") == "Assertion"]
    assert node["id"] == assertion_url(awarded)


def test_the_validator_refuses_a_revoked_assertion(hosted):
    """openbadges 1.1.2 has no check of its own for a revoked hosted assertion (it reads the
    body whatever the status): the 410 body, ``revoked: true`` and the reason, fails its
    Assertion checks, so it is refused. docs/decisions.md, "Open Badges validator"."""
    awarded, _created = award(make_badge_class(), Candidate("ana@example.org"))
    url = assertion_url(awarded)
    assert validate(url)["report"]["valid"] is True
    revoke(awarded, "Attribué par erreur")
    report = validate(url)
    assert report["report"]["valid"] is False
    assert any(url in m["result"] for m in errors_of(report))
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(url)
    assert gone.value.code == 410
    body = json.loads(gone.value.read())
    assert body["revoked"] is True and body["revocationReason"] == "Attribué par erreur"


def download_signed(awarded) -> str:
    with urllib.request.urlopen(signed_assertion_url(awarded)) as response:
        assert response.headers["Content-Type"] == "application/jose"
        return response.read().decode()


def test_hosted_assertions_still_verify_with_the_signing_key_in_the_issuer_profile(hosted):
    """The issuer profile now names ``publicKey`` and ``revocationList``: the validator fetches
    and checks the key document, and the hosted assertion stays valid."""
    awarded, _created = award(make_badge_class(), Candidate("ana@example.org"))
    report = validate(assertion_url(awarded))
    assert errors_of(report) == []
    assert report["report"]["valid"] is True
    [key] = [n for n in report["graph"] if n.get("type") == "CryptographicKey"]
    assert key["id"] == signing_key_url()


def test_the_validator_verifies_a_signed_assertion_and_reports_it_revoked(hosted):
    awarded, _created = award(
        make_badge_class(criteria_url=hosted + "/"),
        Candidate("ana@example.org", evidence=[{"id": hosted + "/", "name": "Accueil"}]),
    )
    signed = download_signed(awarded)
    report = validate(signed)
    assert errors_of(report) == []
    assert report["report"]["valid"] is True
    assert report["input"]["input_type"] == "jws"
    [node] = [n for n in report["graph"] if n.get("type") == "Assertion"]
    assert node["id"] == f"urn:uuid:{awarded.uid}"
    assert node["verification"] == {"type": "SignedBadge", "creator": signing_key_url()}
    results = [m["result"] for m in report["report"]["messages"]]
    assert not any("revoked" in r for r in results), results

    revoke(awarded, "Attribué par erreur")
    # The same download, still served: the issuer's revocation list is what says it is revoked.
    assert download_signed(awarded) == signed
    report = validate(signed)
    assert report["report"]["valid"] is False
    [revoked] = errors_of(report)
    assert revoked["name"] == "VERIFY_SIGNED_ASSERTION_NOT_REVOKED"
    assert revoked["result"] == (
        f"Assertion urn:uuid:{awarded.uid} has been revoked in RevocationList "
        f"{revocation_list_url()} with reason: Attribué par erreur"
    )


def test_the_validator_refuses_a_signed_assertion_with_one_byte_changed(hosted):
    awarded, _created = award(make_badge_class(), Candidate("ana@example.org"))
    signed = download_signed(awarded)
    header, payload, signature = signed.split(".")
    # One byte of the signature, kept in the base64url alphabet so that the JWS still parses.
    index = len(signature) // 2
    changed = "B" if signature[index] != "B" else "C"
    tampered = ".".join([header, payload, signature[:index] + changed + signature[index + 1 :]])
    report = validate(tampered)
    assert report["report"]["valid"] is False
    assert any(
        m["name"] == "VERIFY_JWS" and "failed verification" in m["result"]
        for m in errors_of(report)
    ), errors_of(report)
