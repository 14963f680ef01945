"""The signed link that lets an earner remove their own badge, without an account."""

from urllib.parse import urlencode

from django.core import signing
from django.urls import reverse

from badges.urls_public import public_url

REMOVAL_SALT = "badges.removal"


def removal_token(awarded) -> str:
    return signing.dumps(str(awarded.uid), salt=REMOVAL_SALT)


def removal_url(awarded) -> str:
    path = reverse("badges:removal", args=[awarded.uid])
    return public_url(path) + "?" + urlencode({"jeton": removal_token(awarded)})


def token_is_valid(awarded, token: str) -> bool:
    try:
        return signing.loads(token, salt=REMOVAL_SALT) == str(awarded.uid)
    except signing.BadSignature:
        return False
