"""Open Badges 3.0: each award as a signed ``OpenBadgeCredential`` (VC-JWT), the issuer's
``did:web`` document, and the signed Bitstring Status List that says which awards are revoked.

Nothing here is stored: a credential is signed when it is downloaded (Ed25519 signatures are
deterministic, so the same award and key give the same bytes), and the status list is signed
afresh on every request, so a revocation shows at once.
"""

import base64
import gzip
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.urls import reverse

from badges import signing
from badges.models import STATUS_LIST_SIZE, Award, BadgeClass
from badges.openbadges import issuer_profile
from badges.urls_public import badge_class_url, public_url

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB3_SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}
# How long a served status list stays valid: a verifier refuses an older copy, so an old list
# replayed by someone cannot bring a revoked badge back.
STATUS_LIST_VALIDITY = timedelta(days=1)


def issuer_did() -> str:
    """``did:web`` of ``SITE_URL``: its host, a port as ``%3A``, path segments after ``:``."""
    parts = urlsplit(settings.SITE_URL)
    authority = parts.hostname or "localhost"
    if parts.port:
        authority += f":{parts.port}"
    segments = [quote(authority, safe="")]
    segments += [quote(segment, safe="") for segment in parts.path.split("/") if segment]
    return "did:web:" + ":".join(segments)


def _key_id(key) -> str:
    return f"{issuer_did()}#{signing.key_fragment(key)}"


def did_document() -> dict:
    did = issuer_did()
    methods = [
        {
            "id": _key_id(key),
            "type": "JsonWebKey2020",
            "controller": did,
            "publicKeyJwk": signing.public_jwk(key),
        }
        for key in signing.published_keys()
    ]
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/suites/jws-2020/v1",
        ],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def _sign(payload: dict) -> str:
    return signing.sign(payload, _key_id(signing.private_key().public_key()))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def status_list_url() -> str:
    return public_url(reverse("badges:status_list"))


def credential_url(awarded: Award) -> str:
    return public_url(reverse("badges:credential", args=[awarded.uid]))


def _achievement(badge_class: BadgeClass) -> dict:
    criteria = {"narrative": badge_class.criteria_text}
    if badge_class.criteria_url:
        criteria["id"] = badge_class.criteria_url
    achievement = {
        "id": badge_class_url(badge_class),
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": badge_class.name,
        "description": badge_class.description,
        "criteria": criteria,
        "image": {"id": public_url(badge_class.image.url), "type": "Image"},
    }
    if badge_class.tag_list:
        achievement["tag"] = badge_class.tag_list
    # OB 3.0 requires a target URL in an alignment: a competency named without one stays out.
    if badge_class.alignment_name and badge_class.alignment_url:
        alignment = {
            "type": ["Alignment"],
            "targetName": badge_class.alignment_name,
            "targetUrl": badge_class.alignment_url,
        }
        if badge_class.alignment_framework:
            alignment["targetFramework"] = badge_class.alignment_framework
        if badge_class.alignment_code:
            alignment["targetCode"] = badge_class.alignment_code
        achievement["alignment"] = [alignment]
    return achievement


def _issuer() -> dict:
    profile = issuer_profile()
    issuer = {"id": issuer_did(), "type": ["Profile"], "name": profile["name"]}
    issuer["url"] = profile["url"]
    if profile.get("email"):
        issuer["email"] = profile["email"]
    return issuer


def credential_payload(awarded: Award) -> dict:
    """The award as an ``OpenBadgeCredential``, with the JWT claims beside it (OB 3.0 §8.2).

    The recipient is the same salted hash of the address as in the 2.0 assertion
    (``credentialSubject.identifier``); the address itself never leaves the database.
    """
    credential_id = f"urn:uuid:{awarded.uid}"
    subject = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "hashed": True,
                "identityHash": awarded.identity,
                "identityType": "emailAddress",
                "salt": awarded.salt,
            }
        ],
        "achievement": _achievement(awarded.badge_class),
    }
    payload = {
        "@context": [VC_CONTEXT, OB3_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": awarded.badge_class.name,
        "issuer": _issuer(),
        "validFrom": _iso(awarded.issued_on),
        "credentialSubject": subject,
        "credentialSchema": [OB3_SCHEMA],
        "credentialStatus": {
            "id": f"{status_list_url()}#{awarded.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(awarded.status_index),
            "statusListCredential": status_list_url(),
        },
        "iss": issuer_did(),
        "jti": credential_id,
        "nbf": int(awarded.issued_on.timestamp()),
    }
    evidence = [
        {"type": ["Evidence"], **{k: item[k] for k in ("id", "name") if item.get(k)}}
        for item in awarded.evidence
    ]
    if awarded.narrative:
        evidence.append({"type": ["Evidence"], "narrative": awarded.narrative})
    if evidence:
        payload["evidence"] = evidence
    if awarded.expires:
        payload["validUntil"] = _iso(awarded.expires)
        payload["exp"] = int(awarded.expires.timestamp())
    return payload


def signed_credential(awarded: Award) -> str:
    return _sign(credential_payload(awarded))


def status_bits() -> bytes:
    """One bit per index, index 0 being the first byte's high bit; a set bit means revoked.

    Every bit is set except those of valid awards: a revoked award's, and a deleted award's too
    (its credential must not verify once the row is gone).
    """
    bits = bytearray(b"\xff" * (STATUS_LIST_SIZE // 8))
    for index in Award.objects.filter(revoked=False).values_list("status_index", flat=True):
        bits[index // 8] &= ~(0x80 >> (index % 8)) & 0xFF
    return bytes(bits)


def encoded_list(bits: bytes) -> str:
    """Bitstring Status List ``encodedList``: multibase ``u`` + base64url of the gzipped bits."""
    compressed = gzip.compress(bits, mtime=0)  # mtime=0: the same bits give the same bytes
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def signed_status_list(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    url = status_list_url()
    payload = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": _iso(now),
        "validUntil": _iso(now + STATUS_LIST_VALIDITY),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list(status_bits()),
        },
        "iss": issuer_did(),
        "jti": url,
        "nbf": int(now.timestamp()),
        "exp": int((now + STATUS_LIST_VALIDITY).timestamp()),
    }
    return _sign(payload)
