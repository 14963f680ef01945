"""The emails a registrant receives, in French, each with the session's calendar file."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from webinars.calendars import calendar_bytes
from webinars.models.registrations import Registration
from webinars.registrations import cancel_token

KINDS = ("confirmation", "waiting", "promoted", "cancelled", "reminder", "replay")


def cancel_url(registration: Registration) -> str:
    session = registration.session
    query = urlencode({"jeton": cancel_token(registration)})
    return f"{settings.SITE_URL}{session.url}{session.reverse_subpage('cancel')}?{query}"


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
        }
        subject = render_to_string(f"webinars/emails/{kind}_subject.txt", context)
        body = render_to_string(f"webinars/emails/{kind}.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    if kind in ("confirmation", "promoted", "reminder"):
        message.attach(
            f"{session.slug}.ics",
            calendar_bytes([session], registrant=True),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message


def send_registration_email(registration: Registration, kind: str) -> None:
    registration_email(registration, kind).send()
