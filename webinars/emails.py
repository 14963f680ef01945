"""The emails a registrant receives, in French, each with the session's calendar file."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from webinars.calendars import calendar_bytes
from webinars.models.registrations import Registration
from webinars.registrations import (
    REQUEST_MAX_AGE,
    RegistrationRequest,
    cancel_token,
    request_token,
)

KINDS = ("confirmation", "waiting", "promoted", "cancelled", "reminder", "replay", "already")
# Only a confirmed place comes with the videoconference link (and the calendar file that holds
# it): someone on the waiting list gets it when promoted.
CONFIRMED_PLACE_KINDS = ("confirmation", "promoted", "reminder")


def cancel_url(registration: Registration) -> str:
    return session_address(registration.session, "cancel", cancel_token(registration))


def session_address(session, route: str, token: str) -> str:
    query = urlencode({"jeton": token})
    return f"{settings.SITE_URL}{session.url}{session.reverse_subpage(route)}?{query}"


def request_email(session, request: RegistrationRequest) -> EmailMessage:
    """The first email: a link the address owner clicks to confirm the registration."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": request.name,
            "session": session,
            "session_url": settings.SITE_URL + session.url,
            "confirm_url": session_address(session, "confirm", request_token(request)),
            "hours": REQUEST_MAX_AGE // 3600,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string("webinars/emails/request_subject.txt", context)
        body = render_to_string("webinars/emails/request.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[request.email],
    )


def registration_email(registration: Registration, kind: str) -> EmailMessage:
    """The message of ``kind``; confirmations and reminders carry the calendar file."""
    assert kind in KINDS, kind
    session = registration.session
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "session": session,
            "session_url": settings.SITE_URL + session.url,
            "cancel_url": cancel_url(registration),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "show_online_link": kind in CONFIRMED_PLACE_KINDS,
        }
        subject = render_to_string(f"webinars/emails/{kind}_subject.txt", context)
        body = render_to_string(f"webinars/emails/{kind}.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    if kind in CONFIRMED_PLACE_KINDS:
        message.attach(
            f"{session.slug}.ics",
            calendar_bytes([session], registrant=True),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message


def send_registration_email(registration: Registration, kind: str) -> None:
    registration_email(registration, kind).send()
