"""Register, cancel and promote: the only code that changes a registration's status.

Capacity holds under simultaneous requests because every change locks the session's row
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite serialises writers anyway) before counting
the confirmed places, and duplicates are refused by the unique (session, email) constraint.
"""

from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from webinars.models.registrations import Registration, RegistrationStatus

CANCEL_SALT = "webinars.registration.cancel"
REQUEST_SALT = "webinars.registration.request"
# How long the link of a "confirm your registration" email stays valid.
REQUEST_MAX_AGE = 2 * 24 * 3600
ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class AlreadyRegistered(Exception):
    def __init__(self, registration: Registration):
        super().__init__(registration.email)
        self.registration = registration


class RegistrationClosed(Exception):
    pass


@dataclass(frozen=True)
class Outcome:
    registration: Registration
    promoted: Registration | None = None


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _locked_session(session_id: int):
    # The session page routes to this module, so its model is reached through the relation.
    session_model = Registration._meta.get_field("session").related_model
    return session_model.objects.select_for_update(of=("self",)).get(pk=session_id)


def places_left(session) -> int | None:
    """Confirmed places still free; None when the session has no capacity limit."""
    if session.capacity is None:
        return None
    confirmed = session.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return max(session.capacity - confirmed, 0)


def _has_free_place(session) -> bool:
    return places_left(session) != 0


def register(session, *, name: str, email: str, organisation: str = "") -> Registration:
    """A confirmed registration while places remain, then a place on the waiting list.

    Raises ``AlreadyRegistered`` when the address already holds a registration (a cancelled
    one comes back to life instead) and ``RegistrationClosed`` outside the registration window.
    """
    email = normalise_email(email)
    try:
        with transaction.atomic():
            locked = _locked_session(session.pk)
            if not locked.registration_is_open():
                raise RegistrationClosed
            existing = (
                Registration.objects.select_for_update()
                .filter(session=locked, email__iexact=email)
                .first()
            )
            status = (
                RegistrationStatus.CONFIRMED
                if _has_free_place(locked)
                else RegistrationStatus.WAITING
            )
            if existing is not None:
                if existing.status != RegistrationStatus.CANCELLED:
                    raise AlreadyRegistered(existing)
                existing.name, existing.organisation = name, organisation
                existing.status, existing.cancelled_at = status, None
                existing.consent_at = timezone.now()
                existing.save()
                return existing
            return Registration.objects.create(
                session=locked,
                name=name,
                email=email,
                organisation=organisation,
                consent_at=timezone.now(),
                status=status,
            )
    except IntegrityError:
        # Another request with the same address committed between our lookup and our insert.
        raise AlreadyRegistered(
            Registration.objects.get(session=session, email__iexact=email)
        ) from None


def cancel(registration_id: int) -> Outcome:
    """Cancel a registration; the first person on the waiting list takes the freed place."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        session = _locked_session(registration.session_id)
        promoted = None
        if registration.status == RegistrationStatus.CANCELLED:
            return Outcome(registration)
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if was_confirmed and not session.is_past and _has_free_place(session):
            promoted = (
                session.registrations.select_for_update()
                .filter(status=RegistrationStatus.WAITING)
                .order_by("created_at", "pk")
                .first()
            )
            if promoted is not None:
                promoted.status = RegistrationStatus.CONFIRMED
                promoted.promoted_at = timezone.now()
                promoted.save(update_fields=["status", "promoted_at"])
        return Outcome(registration, promoted)


def cancel_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=CANCEL_SALT)


def registration_from_token(token: str, session) -> Registration | None:
    """The registration a cancel link was made for, or None when the link was tampered with."""
    try:
        data = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return Registration.objects.filter(
        pk=data.get("r"), email=data.get("e"), session=session
    ).first()


@dataclass(frozen=True)
class RegistrationRequest:
    """What the form received, carried by the confirmation link until the address owner clicks.

    Nothing is stored before that click: an address typed by someone else holds no place and
    leaves no row, and the form answers the same whatever the address.
    """

    session_id: int
    name: str
    email: str
    organisation: str = ""


def request_token(request: RegistrationRequest) -> str:
    payload = {
        "s": request.session_id,
        "n": request.name,
        "e": normalise_email(request.email),
        "o": request.organisation,
    }
    return signing.dumps(payload, salt=REQUEST_SALT, compress=True)


class ExpiredRequest(Exception):
    pass


def request_from_token(token: str, session) -> RegistrationRequest | None:
    """The request a confirmation link carries; None when tampered with or for another session.

    Raises ``ExpiredRequest`` for a genuine link older than ``REQUEST_MAX_AGE``.
    """
    try:
        data = signing.loads(token, salt=REQUEST_SALT, max_age=REQUEST_MAX_AGE)
    except signing.SignatureExpired:
        raise ExpiredRequest from None
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("s") != session.pk:
        return None
    return RegistrationRequest(
        session_id=session.pk,
        name=str(data.get("n", "")),
        email=str(data.get("e", "")),
        organisation=str(data.get("o", "")),
    )


def active_registration(session, email: str) -> Registration | None:
    """The address's confirmed or waiting registration to this session, if any."""
    return Registration.objects.filter(
        session=session, email__iexact=normalise_email(email), status__in=ACTIVE_STATUSES
    ).first()
