"""Open Badges 2.0 signed assertions: the RSA key document, the JWS, the revocation list.

1EdTech's validator checks them end to end in test_validator_live.py; these check the site's side.
"""

import json
import os
import stat

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

from badges.awarding import Candidate, award, revoke

from .conftest import committed

pytestmark = pytest.mark.django_db

KEY_URL = "http://testserver/badges/cle-publique.json"
LIST_URL = "http://testserver/badges/revocations.json"


@pytest.fixture
def awarded(home, badge_class):
    with committed():
        result, _created = award(badge_class, Candidate("ana@example.org", "Ana"))
    return result


def get_json(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return response, json.loads(response.content)


def download(client, awarded) -> str:
    response = client.get(reverse("badges:signed_assertion", args=[awarded.uid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jose"
    assert "no-cache" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content.decode()


def test_the_issuer_names_its_key_and_revocation_list(client, awarded):
    _response, profile = get_json(client, "badges:issuer")
    assert profile["publicKey"] == KEY_URL
    assert profile["revocationList"] == LIST_URL


def test_the_key_document_is_the_public_half_of_a_3072_bit_rsa_key(client, awarded):
    _response, key = get_json(client, "badges:signing_key")
    assert key == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "CryptographicKey",
        "id": KEY_URL,
        "owner": "http://testserver/badges/emetteur.json",
        "publicKeyPem": key["publicKeyPem"],
    }
    assert "PRIVATE" not in key["publicKeyPem"]
    public = serialization.load_pem_public_key(key["publicKeyPem"].encode())
    assert isinstance(public, rsa.RSAPublicKey) and public.key_size == 3072


def test_the_signed_assertion_is_an_rs256_jws_of_the_assertion(client, awarded):
    token = download(client, awarded)
    _response, key = get_json(client, "badges:signing_key")
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    payload = jwt.api_jws.decode(token, key["publicKeyPem"], algorithms=["RS256"])
    assertion = json.loads(payload)
    assert assertion["id"] == f"urn:uuid:{awarded.uid}"
    assert assertion["verification"] == {"type": "signed", "creator": KEY_URL}
    assert assertion["badge"] == f"http://testserver/badges/classes/{awarded.badge_class.slug}.json"
    assert assertion["recipient"]["identity"] == awarded.identity
    # The hosted assertion is unchanged.
    _response, hosted = get_json(client, "badges:assertion", awarded.uid)
    assert hosted["id"] == f"http://testserver/badges/assertions/{awarded.uid}.json"
    assert hosted["verification"] == {"type": "hosted"}


def test_a_revocation_shows_in_the_list_at_once_and_the_jws_is_still_served(
    client, awarded, settings
):
    # The page cache on, as in production: the list must not be served from it.
    settings.PAGE_CACHE_SECONDS = 300
    token = download(client, awarded)
    for _ in range(2):
        response, revocations = get_json(client, "badges:revocation_list")
        assert "no-cache" in response["Cache-Control"]
        assert revocations == {
            "@context": "https://w3id.org/openbadges/v2",
            "type": "RevocationList",
            "id": LIST_URL,
            "issuer": "http://testserver/badges/emetteur.json",
            "revokedAssertions": [],
        }
    revoke(awarded, "Attribué par erreur")
    _response, revocations = get_json(client, "badges:revocation_list")
    assert revocations["revokedAssertions"] == [
        {"id": f"urn:uuid:{awarded.uid}", "revocationReason": "Attribué par erreur"},
        {
            "id": f"http://testserver/badges/assertions/{awarded.uid}.json",
            "revocationReason": "Attribué par erreur",
        },
    ]
    assert download(client, awarded) == token


def test_the_rsa_key_file_is_made_once_readable_by_the_site_only(client, settings, tmp_path):
    settings.BADGES_RSA_KEY_FILE = str(tmp_path / "keys" / "rsa.pem")
    first = client.get(reverse("badges:signing_key")).content
    key_file = tmp_path / "keys" / "rsa.pem"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert b"PRIVATE KEY" in key_file.read_bytes()
    assert client.get(reverse("badges:signing_key")).content == first
    assert os.listdir(tmp_path / "keys") == ["rsa.pem"]


def test_the_badge_page_offers_the_signed_assertion_until_revoked(client, awarded):
    page = reverse("badges:award_page", args=[awarded.uid])
    link = reverse("badges:signed_assertion", args=[awarded.uid])
    assert link in client.get(page).content.decode()
    revoke(awarded, "Erreur")
    assert link not in client.get(page).content.decode()
