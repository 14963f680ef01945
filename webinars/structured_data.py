"""schema.org ``Event`` for a session, as JSON-LD that search engines and calendars read."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.html import strip_tags

from webinars.choices import SessionMode

if TYPE_CHECKING:  # the session page builds its data here: no import at run time
    from webinars.models import WebinarPage

ATTENDANCE_MODES = {
    SessionMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    SessionMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    SessionMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def session_event_data(session: "WebinarPage", base_url: str) -> dict:
    url = base_url + session.url
    locations: list[dict] = []
    if session.mode in (SessionMode.IN_PERSON, SessionMode.HYBRID):
        locations.append({"@type": "Place", "name": session.place, "address": session.place})
    if session.mode in (SessionMode.ONLINE, SessionMode.HYBRID):
        locations.append({"@type": "VirtualLocation", "url": url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "url": url,
        "startDate": session.local_start.isoformat(),
        "endDate": session.local_end.isoformat(),
        "eventAttendanceMode": ATTENDANCE_MODES[session.mode],
        "eventStatus": "https://schema.org/EventScheduled",
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME, "url": base_url},
        "inLanguage": "fr",
    }
    description = strip_tags(session.summary or session.intro).strip()
    if description:
        data["description"] = description
    if session.capacity:
        data["maximumAttendeeCapacity"] = session.capacity
    return data
