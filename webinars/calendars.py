"""iCalendar (RFC 5545) for sessions: one event per session, TZID=Europe/Paris with VTIMEZONE.

The UID is the session's ``calendar_uid`` at the site's host name: globally unique, and stable
when the title, slug or time change, so calendar apps update the event instead of adding one.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from icalendar import Calendar, Event

from webinars.choices import PARIS, SessionMode

if TYPE_CHECKING:  # the session page routes to this module: no import at run time
    from webinars.models import WebinarPage


def site_host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def event_uid(session: "WebinarPage") -> str:
    return f"{session.calendar_uid}@{site_host()}"


def session_location(session: "WebinarPage", *, registrant: bool = False) -> str:
    """The place; the videoconference link only in a registrant's own calendar file."""
    online = session.online_url if registrant and session.online_url else gettext("Online")
    if session.mode == SessionMode.ONLINE:
        return online
    if session.mode == SessionMode.HYBRID:
        return f"{session.place} + {online}"
    return session.place


def session_event(session: "WebinarPage", base_url: str, *, registrant: bool = False) -> Event:
    event = Event()
    event.add("uid", event_uid(session))
    event.add("sequence", session.calendar_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(session.start, PARIS))
    event.add("dtend", timezone.localtime(session.end, PARIS))
    event.add("summary", session.title)
    description = strip_tags(session.summary or session.intro).strip()
    if description:
        event.add("description", description)
    event.add("url", base_url + session.url)
    location = session_location(session, registrant=registrant)
    if location:
        event.add("location", location)
    if session.last_published_at:
        event.add("last-modified", session.last_published_at)
    return event


def build_calendar(
    sessions: Iterable["WebinarPage"], base_url: str, *, registrant: bool = False
) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Collectif Apprenant//Sessions//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", settings.WAGTAIL_SITE_NAME)
    calendar.add("x-wr-timezone", "Europe/Paris")
    for session in sessions:
        calendar.add_component(session_event(session, base_url, registrant=registrant))
    calendar.add_missing_timezones()
    return calendar


def calendar_bytes(
    sessions: Iterable["WebinarPage"], base_url: str | None = None, *, registrant: bool = False
) -> bytes:
    return build_calendar(sessions, base_url or settings.SITE_URL, registrant=registrant).to_ical()


def calendar_response(
    sessions: list["WebinarPage"], request: HttpRequest, *, filename: str
) -> HttpResponse:
    base_url = f"{request.scheme}://{request.get_host()}"
    response = HttpResponse(
        calendar_bytes(sessions, base_url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
