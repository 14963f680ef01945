"""Calendars read back by icalendar: per session, the feed, time zones and the DST night."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from lxml import html

from tests.factories import PARIS, WebinarPageFactory
from webinars.models import WebinarPage

pytestmark = pytest.mark.django_db


def read_calendar(response) -> Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def test_session_page_advertises_its_calendar_and_the_file_parses(client, session):
    doc = html.fromstring(client.get(session.url).content.decode())
    href = doc.xpath("//link[@rel='alternate'][@type='text/calendar']/@href")
    assert href == [session.url + "calendar.ics"]
    calendar = read_calendar(client.get(href[0]))
    [event] = events(calendar)
    assert str(event["summary"]) == session.title
    assert str(event["url"]) == "http://testserver" + session.url
    assert event["uid"] == f"{session.calendar_uid}@testserver"
    assert event["sequence"] == 0
    assert event["dtstamp"].dt.tzinfo is not None
    assert str(event["location"]) == "En ligne"  # the videoconference link is for registrants
    assert event["dtstart"].params["TZID"] == "Europe/Paris"
    assert event["dtstart"].dt == session.start
    [timezone] = calendar.walk("VTIMEZONE")
    assert timezone["tzid"] == "Europe/Paris"
    assert {c.name for c in timezone.subcomponents} >= {"STANDARD", "DAYLIGHT"}


def test_session_on_the_night_of_the_october_clock_change(client, sessions_index):
    # 25 October 2026: at 03:00 summer time, clocks go back to 02:00. A session from 01:30 to
    # 03:30 Paris time lasts three hours of real time, not two.
    session = WebinarPageFactory(
        parent=sessions_index,
        title="Nuit du changement d'heure",
        mode="presence",
        place="Médiathèque, Nantes",
        online_url="",
        start=datetime(2026, 10, 25, 1, 30, tzinfo=PARIS),
        end=datetime(2026, 10, 25, 3, 30, tzinfo=PARIS),
    )
    session.refresh_from_db()
    assert session.end - session.start == timedelta(hours=3)
    [event] = events(read_calendar(client.get(session.url + "calendar.ics")))
    assert event["dtstart"].to_ical() == b"20261025T013000"
    assert event["dtend"].to_ical() == b"20261025T033000"
    assert event["dtstart"].params["TZID"] == event["dtend"].params["TZID"] == "Europe/Paris"
    # Python subtracts wall-clock times within one tzinfo, so compare instants in UTC.
    assert event["dtend"].dt.astimezone(UTC) - event["dtstart"].dt.astimezone(UTC) == timedelta(
        hours=3
    )
    assert event["dtstart"].dt.utcoffset() == timedelta(hours=2)
    assert event["dtend"].dt.utcoffset() == timedelta(hours=1)
    assert str(event["location"]) == "Médiathèque, Nantes"
    page = html.fromstring(client.get(session.url).content.decode())
    times = page.xpath("//dl[@class='session-facts']//time/@datetime")
    assert times == ["2026-10-25T01:30:00+02:00", "2026-10-25T03:30:00+01:00"]
    assert "01:30" in page.xpath("string(//dl[@class='session-facts'])")


def test_feed_lists_upcoming_sessions_only_and_is_discoverable(client, sessions_index, session,
                                                               past_session):  # fmt: skip
    doc = html.fromstring(client.get(sessions_index.url).content.decode())
    href = doc.xpath("//link[@rel='alternate'][@type='text/calendar']/@href")
    assert href == [sessions_index.url + "calendar.ics"]
    calendar = read_calendar(client.get(href[0]))
    assert [str(e["summary"]) for e in events(calendar)] == [session.title]
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_uid_is_stable_and_sequence_rises_only_when_the_time_changes(client, session):
    uid = session.calendar_uid
    session.title = "Nouveau titre"
    session.save_revision().publish()
    session = WebinarPage.objects.get(pk=session.pk)
    assert (session.calendar_uid, session.calendar_sequence) == (uid, 0)

    session.start += timedelta(hours=1)
    session.end += timedelta(hours=1)
    revision = session.save_revision()
    assert WebinarPage.objects.get(pk=session.pk).calendar_sequence == 0  # a draft changes nothing
    revision.publish()
    [event] = events(read_calendar(client.get(session.url + "calendar.ics")))
    assert event["uid"] == f"{uid}@testserver"
    assert event["sequence"] == 1
    assert event["dtstart"].dt == session.start


def test_copied_session_gets_its_own_uid(session):
    copy = session.copy(update_attrs={"slug": "copie", "title": "Copie"})
    assert copy.calendar_uid != session.calendar_uid


@pytest.mark.parametrize(
    ("mode", "attendance"),
    [
        ("distance", "OnlineEventAttendanceMode"),
        ("presence", "OfflineEventAttendanceMode"),
        ("hybride", "MixedEventAttendanceMode"),
    ],
)
def test_event_json_ld_states_the_attendance_mode(client, sessions_index, mode, attendance):
    session = WebinarPageFactory(parent=sessions_index, mode=mode, place="Lyon",
                                 start=datetime(2026, 10, 25, 1, 30, tzinfo=PARIS),
                                 end=datetime(2026, 10, 25, 3, 30, tzinfo=PARIS))  # fmt: skip
    doc = html.fromstring(client.get(session.url).content.decode())
    [script] = doc.xpath("//script[@type='application/ld+json']/text()")
    data = json.loads(script)
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == f"https://schema.org/{attendance}"
    assert data["startDate"] == "2026-10-25T01:30:00+02:00"
    assert data["endDate"] == "2026-10-25T03:30:00+01:00"


def test_the_former_calendar_addresses_redirect_permanently(client, sessions_index, session):
    for page in (sessions_index, session):
        response = client.get(page.url + "calendrier/?x=1")
        assert response.status_code == 301
        assert response["Location"] == page.url + "calendar.ics?x=1"
        assert read_calendar(client.get(response["Location"]))
