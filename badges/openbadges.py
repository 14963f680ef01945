"""Open Badges 2.0 documents (JSON-LD): issuer, badge class, assertion.

Assertions are *hosted* (verified by fetching their URL, the default) and may also be
downloaded *signed*: a JWS (RS256) of the assertion with ``verification.type = "signed"``, whose
key the issuer declares (``publicKey``) and whose revocation its ``revocationList`` tells.
"""

import json
from datetime import UTC

from django.urls import reverse
from wagtail.models import Site

from badges import signing
from badges.models import Award, BadgeClass
from badges.urls_public import (
    assertion_url,
    badge_class_url,
    issuer_url,
    public_url,
    revocation_list_url,
    signing_key_url,
)
from media_pages.models import SiteIdentity

CONTEXT = "https://w3id.org/openbadges/v2"


def issuer_profile() -> dict:
    """The collective as issuer: name, address and email from the site identity settings."""
    site = Site.objects.filter(is_default_site=True).first()
    identity = SiteIdentity.for_site(site) if site else None
    name = (identity and identity.publisher) or (site and site.site_name) or "Collectif"
    profile = {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_url(),
        "name": name,
        "url": public_url("/"),
        # For signed assertions only; a hosted one is checked at its own URL and ignores them.
        "publicKey": signing_key_url(),
        "revocationList": revocation_list_url(),
    }
    email = (identity and identity.contact_email) or ""
    if email:
        profile["email"] = email
    return profile


def _isoformat(moment) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def badge_class_document(badge_class: BadgeClass) -> dict:
    criteria: dict = {"narrative": badge_class.criteria_text}
    if badge_class.criteria_url:
        criteria["id"] = badge_class.criteria_url
    document = {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": badge_class_url(badge_class),
        "name": badge_class.name,
        "description": badge_class.description,
        "image": public_url(badge_class.image.url),
        "criteria": criteria,
        "issuer": issuer_url(),
        "tags": badge_class.tag_list,
    }
    if badge_class.alignment_name:
        alignment = {"targetName": badge_class.alignment_name}
        if badge_class.alignment_url:
            alignment["targetUrl"] = badge_class.alignment_url
        if badge_class.alignment_framework:
            alignment["targetFramework"] = badge_class.alignment_framework
        if badge_class.alignment_code:
            alignment["targetCode"] = badge_class.alignment_code
        document["alignment"] = [alignment]
    return document


def assertion_document(award: Award) -> dict:
    document = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_url(award),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": award.salt,
            "identity": award.identity,
        },
        "badge": badge_class_url(award.badge_class),
        "verification": {"type": "hosted"},
        "issuedOn": _isoformat(award.issued_on),
        "image": public_url(award_image_path(award)),
    }
    if award.expires:
        document["expires"] = _isoformat(award.expires)
    evidence = [
        {k: v for k, v in {"id": item.get("id"), "name": item.get("name")}.items() if v}
        for item in award.evidence
    ]
    if award.narrative:
        evidence.append({"narrative": award.narrative})
    if evidence:
        document["evidence"] = evidence
    return document


def revoked_document(award: Award) -> dict:
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_url(award),
        "revoked": True,
        "revocationReason": award.revocation_reason,
    }


def award_image_path(award: Award) -> str:
    kind = "svg" if award.badge_class.image_is_svg else "png"
    return reverse("badges:baked_image", args=[award.uid, kind])


def signing_key_document() -> dict:
    """The issuer's RSA public key as a CryptographicKey, which a signed assertion names."""
    return {
        "@context": CONTEXT,
        "type": "CryptographicKey",
        "id": signing_key_url(),
        "owner": issuer_url(),
        "publicKeyPem": signing.rsa_public_pem(),
    }


def signed_assertion_id(award: Award) -> str:
    """A signed assertion is not fetched: its id is a URN, as OB 2.0 recommends."""
    return f"urn:uuid:{award.uid}"


def signed_assertion_document(award: Award) -> dict:
    document = assertion_document(award)
    document["id"] = signed_assertion_id(award)
    document["verification"] = {"type": "signed", "creator": signing_key_url()}
    return document


def signed_assertion_jws(award: Award) -> str:
    """The signed assertion, as a compact JWS; still given once revoked (the list says so)."""
    payload = json.dumps(signed_assertion_document(award), ensure_ascii=False, sort_keys=True)
    return signing.sign_rs256(payload.encode())


def revocation_list_document() -> dict:
    """Every revoked award under both its assertion ids (signed and hosted), with the reason.

    Two entries per award also keep ``revokedAssertions`` an array through JSON-LD compaction:
    1EdTech's validator 1.1.2 compacts a one-entry array to a lone object and then iterates
    over it without ``list_of`` (tasks/crypto.py), so a single entry is never matched.
    docs/decisions.md, "Open Badges validator".
    """
    revoked = []
    awards = Award.objects.filter(revoked=True).order_by("pk").only("uid", "revocation_reason")
    for award in awards:
        for assertion_id in (signed_assertion_id(award), assertion_url(award)):
            entry = {"id": assertion_id}
            if award.revocation_reason:
                entry["revocationReason"] = award.revocation_reason
            revoked.append(entry)
    return {
        "@context": CONTEXT,
        "type": "RevocationList",
        "id": revocation_list_url(),
        "issuer": issuer_url(),
        "revokedAssertions": revoked,
    }
