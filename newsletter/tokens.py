"""Signed tokens for the links in emails, each bound to one purpose by its salt.

Confirmation links expire after ``NEWSLETTER_CONFIRMATION_MAX_AGE``; unsubscribe links last
``NEWSLETTER_UNSUBSCRIBE_MAX_AGE`` (a year: old issues keep working, a leaked link does not
forever); the resubscribe token only lives on the page shown after unsubscribing, for an hour,
and all it can do is ask for a new double opt-in.
"""

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
RESUBSCRIBE_SALT = "newsletter.resubscribe"
RESUBSCRIBE_MAX_AGE = 3600
UNSUBSCRIBE_MAX_AGE_DEFAULT = 365 * 24 * 3600


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


def address_fingerprint(email: str) -> str:
    """Binds a link to an address without writing the address in the URL (and server logs)."""
    return salted_hmac("newsletter.address", email).hexdigest()[:20]


def _subscriber_token(subscriber, salt: str) -> str:
    payload = {"id": subscriber.pk, "a": address_fingerprint(subscriber.email)}
    return signing.dumps(payload, salt=salt)


def unsubscribe_token(subscriber) -> str:
    return _subscriber_token(subscriber, UNSUBSCRIBE_SALT)


def _read_subscriber_token(token: str, salt: str, max_age: int) -> tuple[int, str]:
    """``(subscriber id, address fingerprint)``."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
        return int(data["id"]), str(data["a"])
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidToken from error


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """``(subscriber id, address fingerprint)``: a link for an address that changed is void."""
    max_age = getattr(settings, "NEWSLETTER_UNSUBSCRIBE_MAX_AGE", UNSUBSCRIBE_MAX_AGE_DEFAULT)
    return _read_subscriber_token(token, UNSUBSCRIBE_SALT, max_age)


def resubscribe_token(subscriber) -> str:
    return _subscriber_token(subscriber, RESUBSCRIBE_SALT)


def read_resubscribe_token(token: str) -> tuple[int, str]:
    return _read_subscriber_token(token, RESUBSCRIBE_SALT, RESUBSCRIBE_MAX_AGE)
