"""Signed tokens for the links in emails: confirmation (expiring) and unsubscribe (lasting)."""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


class InvalidToken(Exception):
    """The token was altered, or was made with another key."""


class ExpiredToken(InvalidToken):
    """A genuine confirmation token, older than ``NEWSLETTER_CONFIRMATION_MAX_AGE``."""


def confirmation_token(subscriber) -> str:
    # The address is part of the payload: a token cannot confirm another address later
    # given the same id.
    return signing.dumps({"id": subscriber.pk, "email": subscriber.email}, salt=CONFIRM_SALT)


def read_confirmation_token(token: str) -> dict:
    try:
        return signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise InvalidToken from error


def unsubscribe_token(subscriber) -> str:
    # Unsubscribe links in old emails must keep working (RFC 8058): no expiry.
    return signing.dumps({"id": subscriber.pk}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT)["id"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidToken from error
