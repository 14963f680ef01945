"""Emails as a real SMTP server (aiosmtpd on 127.0.0.1) receives them, calendars parsed back."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from webinars.models import Registration, RegistrationStatus
from webinars.tasks import schedule_reminders, send_session_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def run_commit_hooks(django_capture_on_commit_callbacks, monkeypatch):
    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


def attached_calendar(message) -> Calendar:
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert part.get_filename().endswith(".ics")
    return Calendar.from_ical(part.get_payload(decode=True))


def register(client, session, email):
    """The form, then the link of the email that reached the SMTP server, as its owner clicks."""
    client.post(
        session.url + "inscription/",
        {"name": "Inès Roy", "email": email, "organisation": "", "consent": "on"},
    )
    request = client.smtp_server.to(email)[-1]
    body = request.get_body(("plain",)).get_content()
    assert session.online_url not in body  # no visio link before a place is confirmed
    link = next(line for line in body.splitlines() if "/confirmation/?jeton=" in line)
    return client.post(link.strip().removeprefix("http://testserver"))


@pytest.fixture
def client(client, smtp_server):
    client.smtp_server = smtp_server
    return client


def test_confirmation_reaches_the_smtp_server_with_a_calendar_and_a_working_cancel_link(
    client, session, smtp_server
):
    register(client, session, "ines@example.org")
    [_request, message] = smtp_server.to("ines@example.org")
    assert message["Subject"] == f"Inscription confirmée : {session.title}"
    body = message.get_body(("plain",)).get_content()
    assert "Bonjour Inès Roy," in body
    assert session.online_url in body

    calendar = attached_calendar(message)
    [event] = calendar.walk("VEVENT")
    assert event["uid"] == f"{session.calendar_uid}@testserver"
    assert event["dtstart"].dt == session.start
    assert event["dtstart"].params["TZID"] == "Europe/Paris"
    assert str(event["location"]) == session.online_url  # registrants get the link
    assert calendar.walk("VTIMEZONE")

    link = next(line for line in body.splitlines() if "/annulation/?jeton=" in line)
    client.post(link.strip().removeprefix("http://testserver"))
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED
    cancelled = smtp_server.to("ines@example.org")[-1]
    assert cancelled["Subject"].startswith("Inscription annulée")


def test_waiting_list_and_promotion_emails(client, session, smtp_server):
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        register(client, session, email)
    waiting = smtp_server.to("c@example.org")[-1]
    assert waiting["Subject"].startswith("Liste d’attente")
    assert not list(waiting.iter_attachments())
    assert session.online_url not in waiting.get_body(("plain",)).get_content()
    first = Registration.objects.get(email="a@example.org")
    from webinars.emails import cancel_url

    client.post(cancel_url(first).removeprefix("http://testserver"))
    promoted = smtp_server.to("c@example.org")[-1]
    assert promoted["Subject"].startswith("Une place pour vous")
    assert attached_calendar(promoted).walk("VEVENT")
    assert session.online_url in promoted.get_body(("plain",)).get_content()


def test_replay_notice_goes_once_to_registrants_when_the_recording_is_published(
    past_session, smtp_server, django_capture_on_commit_callbacks
):
    for email, status in (("x@example.org", RegistrationStatus.CONFIRMED),
                          ("y@example.org", RegistrationStatus.WAITING),
                          ("z@example.org", RegistrationStatus.CANCELLED)):  # fmt: skip
        Registration.objects.create(session=past_session, name="N", email=email,
                                    consent_at=timezone.now(), status=status)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        past_session.save_revision().publish()
    assert smtp_server.messages == []  # no recording yet

    past_session.recording_url = "https://framatube.org/w/kXq3Tz9wUeY"
    with django_capture_on_commit_callbacks(execute=True):
        past_session.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        past_session.save_revision().publish()  # published again: nobody hears twice
    assert sorted(m["To"] for m in smtp_server.messages) == ["x@example.org", "y@example.org"]
    assert all(m["Subject"].startswith("Replay disponible") for m in smtp_server.messages)


def test_reminder_is_scheduled_the_day_before_in_the_task_queue(session, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    assert schedule_reminders(session)
    [queued] = DBTaskResult.objects.all()
    assert queued.run_after == session.start - timedelta(days=1)
    assert queued.args_kwargs["args"] == [session.pk, session.start.isoformat()]


def test_reminder_goes_to_confirmed_registrants_once(session, smtp_server):
    for email, status in (("a@example.org", RegistrationStatus.CONFIRMED),
                          ("w@example.org", RegistrationStatus.WAITING)):  # fmt: skip
        Registration.objects.create(session=session, name="N", email=email,
                                    consent_at=timezone.now(), status=status)  # fmt: skip
    assert send_session_reminders.call(session.pk, session.start.isoformat()) == 1
    assert send_session_reminders.call(session.pk, session.start.isoformat()) == 0
    [reminder] = smtp_server.messages
    assert reminder["To"] == "a@example.org"
    assert reminder["Subject"].startswith("Rappel")
    assert attached_calendar(reminder).walk("VEVENT")


def test_reminder_for_an_old_start_time_sends_nothing(session, smtp_server):
    Registration.objects.create(session=session, name="N", email="a@example.org",
                                consent_at=timezone.now())  # fmt: skip
    old_start = (session.start - timedelta(days=1)).isoformat()
    assert send_session_reminders.call(session.pk, old_start) == 0
    assert smtp_server.messages == []


def test_a_registration_email_the_server_refused_is_retried_with_backoff(session, settings):
    from django_tasks import default_task_backend

    from tests.webinars.conftest import free_port
    from webinars.tasks import MESSAGE_ATTEMPTS, send_registration_message

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    registration = Registration.objects.create(
        session=session, name="Inès", email="ines@example.org", consent_at=timezone.now()
    )
    default_task_backend.clear()
    delays = []
    for attempt in range(1, MESSAGE_ATTEMPTS):
        before = timezone.now()
        assert send_registration_message.call(registration.pk, "confirmation", attempt) == "retry"
        (retry,) = default_task_backend.results
        assert retry.args == [registration.pk, "confirmation", attempt + 1]
        delays.append(round((retry.task.run_after - before).total_seconds() / 60))
        default_task_backend.clear()
    assert delays == [1, 5, 25]
    with pytest.raises(OSError):  # the last attempt fails for good, in the task's result
        send_registration_message.call(registration.pk, "confirmation", MESSAGE_ATTEMPTS)
    assert default_task_backend.results == []
