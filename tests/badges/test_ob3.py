"""Open Badges 3.0 credentials, checked as a wallet would: downloaded from the badge page, then
verified by openbadgeslib (an implementation we did not write) through the site's own did:web
document and signed status list."""

import base64
import json
import os
import stat
from datetime import timedelta

import jwt
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from openbadgeslib.ob3.credential import IdentityObject
from openbadgeslib.ob3.did import did_web_from_url
from openbadgeslib.ob3.status import decode_encoded_list
from openbadgeslib.ob3.verifier import OB3VerificationError, OB3Verifier

from badges.awarding import Candidate, award, revoke
from badges.models import STATUS_LIST_SIZE
from badges.ob3 import issuer_did
from media_pages.models import SiteIdentity

from .conftest import committed

pytestmark = pytest.mark.django_db

DID = "did:web:testserver"
EMAIL = "ana@example.org"
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@pytest.fixture(autouse=True)
def https_address(settings):
    """did:web means https: the site's public address is https://testserver, as in production."""
    settings.SITE_URL = "https://testserver"


@pytest.fixture
def awarded(home, badge_class):
    identity = SiteIdentity.for_site(home.get_site())
    identity.publisher = "Collectif Apprenant"
    identity.save()
    badge_class.criteria_url = "https://example.org/criteres"
    badge_class.alignment_name = "Interagir"
    badge_class.alignment_url = "https://example.org/crcn/interagir"
    badge_class.save()
    with committed():
        result, _created = award(
            badge_class,
            Candidate(EMAIL, "Ana", evidence=[{"id": "http://testserver/s/", "name": "S"}]),
        )
    return result


@pytest.fixture
def download(client):
    """What openbadgeslib fetches (it asks for https://testserver/...), answered by the test
    server. The test server speaks plain http, and the library's own downloader refuses
    anything but https to a public address, so this fetcher maps the https URL to the same
    path on the test server and returns the bytes, failing on any other host or status."""
    fetched = []

    def fetch(url: str) -> bytes:
        assert url.startswith("https://testserver/"), url
        fetched.append(url)
        response = client.get(url.removeprefix("https://testserver"))
        assert response.status_code == 200, (url, response.status_code)
        return response.content

    fetch.fetched = fetched
    return fetch


def credential_link(client, awarded) -> str:
    page = client.get(reverse("badges:award_page", args=[awarded.uid]), HTTP_ACCEPT_LANGUAGE="fr")
    [link] = lxml_html.fromstring(page.content).xpath("//a[contains(@href, '.jwt')]")
    return link.get("href")


def download_credential(client, awarded) -> str:
    response = client.get(credential_link(client, awarded))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwt"
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content.decode()


def verify(token: str, download, check_status: bool = True):
    issuer = jwt.decode(token, options={"verify_signature": False})["iss"]
    verifier = OB3Verifier.for_issuer_did(issuer, download=download)
    return verifier.verify(token, check_status=check_status, download=download)


def test_the_credential_of_the_badge_page_verifies_with_openbadgeslib(client, awarded, download):
    token = download_credential(client, awarded)
    credential = verify(token, download)
    assert download.fetched == [
        "https://testserver/.well-known/did.json",
        "https://testserver/badges/statuts.jwt",
    ]
    assert credential.issuer.id == DID
    assert credential.issuer.name == "Collectif Apprenant"
    assert credential.achievement.name == "Participant assidu"
    assert credential.achievement.criteria_narrative == "Avoir participé aux sessions."
    assert credential.raw["credentialSubject"]["achievement"]["criteria"]["id"] == (
        "https://example.org/criteres"
    )
    assert credential.achievement.image_url.startswith("https://testserver/media/")
    assert [a.target_name for a in credential.achievement.alignments] == ["Interagir"]
    assert [(e.id, e.name) for e in credential.evidence] == [("http://testserver/s/", "S")]
    assert credential.issuance_date.replace(microsecond=0) == awarded.issued_on.replace(
        microsecond=0
    )
    assert credential.expiration_date is None
    # The library hashes the address with the award's salt itself: the identifier is the earner.
    [identifier] = credential.identifiers
    assert identifier.identity_hash == IdentityObject.create(EMAIL, awarded.salt).identity_hash


def test_the_address_is_never_in_the_credential(client, awarded):
    token = download_credential(client, awarded)
    _header, payload, _signature = token.split(".")
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert EMAIL not in token and EMAIL not in decoded and "ana" not in decoded.lower()
    assert jwt.get_unverified_header(token)["alg"] == "EdDSA"


def changed_one_character(token: str, part: int) -> str:
    """The token with one character of ``part`` (1 payload, 2 signature) changed, chosen in
    the middle of the part (the last character of a part may carry padding bits that decode to
    nothing) and such that a changed payload is still JSON: only the signature can refuse it."""
    parts = token.split(".")
    segment = parts[part]
    for position in range(len(segment) // 2, len(segment)):
        for shift in range(1, 64):
            replacement = B64URL[(B64URL.index(segment[position]) + shift) % 64]
            changed = segment[:position] + replacement + segment[position + 1 :]
            if part == 1:
                try:
                    json.loads(base64.urlsafe_b64decode(changed + "=" * (-len(changed) % 4)))
                except ValueError:
                    continue
            parts[part] = changed
            return ".".join(parts)
    raise AssertionError("no change found")


@pytest.mark.parametrize("part", [1, 2], ids=["payload", "signature"])
def test_one_changed_character_fails_verification(client, awarded, download, part):
    token = download_credential(client, awarded)
    changed = changed_one_character(token, part)
    assert sum(a != b for a, b in zip(token, changed, strict=True)) == 1
    with pytest.raises(OB3VerificationError, match="Invalid signature"):
        verify(changed, download, check_status=False)


def test_revoking_in_the_admin_shows_in_the_status_list_at_once(
    client, awarded, download, settings
):
    # The page cache on, as in production: the status list must not be served from it.
    settings.PAGE_CACHE_SECONDS = 300
    token = download_credential(client, awarded)
    verify(token, download)
    verify(token, download)  # the status list, asked twice, is what a cache would keep

    call_command("setup_groups", verbosity=0)
    user = get_user_model().objects.create_user("anim", "anim@example.org", "pw")
    user.groups.add(Group.objects.get(name="Animateur"))
    animateur = Client()
    animateur.force_login(user)
    form = {"name": "Ana", "expires": "", "revoked": "on", "revocation_reason": "Erreur"}
    response = animateur.post(reverse("badges_awards:edit", args=[awarded.pk]), form)
    assert response.status_code == 302
    awarded.refresh_from_db()
    assert awarded.revoked

    # The signature still holds; the status says revoked.
    verify(token, download, check_status=False)
    with pytest.raises(OB3VerificationError, match="'revocation' is set at index"):
        verify(token, download)
    assert client.get(reverse("badges:credential", args=[awarded.uid])).status_code == 410


def test_did_document_publishes_the_key_the_token_names(client, awarded):
    response = client.get("/.well-known/did.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+json"
    document = json.loads(response.content)
    assert document["id"] == DID
    [method] = document["verificationMethod"]
    assert method["controller"] == DID
    assert method["publicKeyJwk"]["kty"] == "OKP" and "d" not in method["publicKeyJwk"]
    assert document["assertionMethod"] == [method["id"]]
    token = download_credential(client, awarded)
    assert jwt.get_unverified_header(token)["kid"] == method["id"]


def test_status_list_is_a_signed_bitstring_with_only_valid_awards_unset(client, awarded):
    with committed():
        other, _ = award(awarded.badge_class, Candidate("bob@example.org"))
    revoke(other, "Erreur")
    response = client.get(reverse("badges:status_list"))
    assert response["Content-Type"] == "application/jwt"
    assert "no-cache" in response["Cache-Control"]
    payload = jwt.decode(response.content, options={"verify_signature": False})
    assert payload["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert payload["issuer"] == DID
    subject = payload["credentialSubject"]
    assert subject["statusPurpose"] == "revocation"
    bits = decode_encoded_list(subject["encodedList"])
    assert len(bits) * 8 == STATUS_LIST_SIZE

    def bit(index: int) -> bool:
        return bool(bits[index // 8] & (0x80 >> (index % 8)))

    assert not bit(awarded.status_index)
    assert bit(other.status_index)
    # An index no award holds is set too: a deleted award's credential does not verify.
    free = next(
        i for i in range(STATUS_LIST_SIZE) if i not in {awarded.status_index, other.status_index}
    )
    assert bit(free)


def test_an_expiring_award_carries_its_end(client, awarded, download):
    awarded.expires = timezone.now() + timedelta(days=30)
    awarded.save()
    credential = verify(download_credential(client, awarded), download)
    assert credential.expiration_date.replace(microsecond=0) == awarded.expires.replace(
        microsecond=0
    )
    awarded.expires = timezone.now() - timedelta(days=1)
    awarded.save()
    with pytest.raises(OB3VerificationError, match="expired"):
        verify(download_credential(client, awarded), download)


def test_a_revoked_award_has_no_credential_link(client, awarded):
    revoke(awarded, "Erreur")
    page = client.get(reverse("badges:award_page", args=[awarded.uid]))
    assert b".jwt" not in page.content


@pytest.mark.parametrize(
    "site_url",
    ["https://badges.example.org", "https://example.org:8443", "https://example.org/collectif/"],
)
def test_the_did_is_the_did_web_of_the_public_address(settings, site_url):
    settings.SITE_URL = site_url
    assert issuer_did() == did_web_from_url(site_url)


def test_the_key_file_is_made_once_readable_by_the_site_only(client, settings, tmp_path):
    settings.BADGES_SIGNING_KEY_FILE = str(tmp_path / "keys" / "badges.pem")
    first = client.get("/.well-known/did.json").content
    key_file = tmp_path / "keys" / "badges.pem"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert b"PRIVATE KEY" in key_file.read_bytes()
    assert client.get("/.well-known/did.json").content == first
    assert os.listdir(tmp_path / "keys") == ["badges.pem"]


def test_a_retired_key_still_verifies_the_credentials_it_signed(
    client, awarded, download, settings, tmp_path
):
    old_key = tmp_path / "old.pem"
    settings.BADGES_SIGNING_KEY_FILE = str(old_key)
    token = download_credential(client, awarded)

    settings.BADGES_SIGNING_KEY_FILE = str(tmp_path / "new.pem")
    with pytest.raises(OB3VerificationError):
        verify(token, download)
    settings.BADGES_RETIRED_KEY_FILES = [str(old_key)]
    verify(token, download)
    assert download_credential(client, awarded) != token
