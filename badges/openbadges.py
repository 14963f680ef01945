"""Open Badges 2.0 documents (JSON-LD) for hosted verification: issuer, badge class, assertion."""

from datetime import UTC

from django.urls import reverse
from wagtail.models import Site

from badges.models import Award, BadgeClass
from badges.urls_public import assertion_url, badge_class_url, issuer_url, public_url
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
