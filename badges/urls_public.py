"""The site's one public address, for every link a badge carries (JSON-LD, emails, pages)."""

from django.urls import reverse

from media_pages.public_address import public_url


def issuer_url() -> str:
    return public_url(reverse("badges:issuer"))


def badge_class_url(badge_class) -> str:
    return public_url(reverse("badges:badge_class", args=[badge_class.slug]))


def assertion_url(award) -> str:
    return public_url(reverse("badges:assertion", args=[award.uid]))


def badge_page_url(award) -> str:
    return public_url(reverse("badges:award_page", args=[award.uid]))


def baked_image_url(award, kind: str) -> str:
    return public_url(reverse("badges:baked_image", args=[award.uid, kind]))


def signing_key_url() -> str:
    """The OB 2.0 CryptographicKey document of the RSA key that signs signed assertions."""
    return public_url(reverse("badges:signing_key"))


def revocation_list_url() -> str:
    return public_url(reverse("badges:revocation_list"))


def signed_assertion_url(award) -> str:
    return public_url(reverse("badges:signed_assertion", args=[award.uid]))
