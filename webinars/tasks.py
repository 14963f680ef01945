"""Background work for registrations: confirmations, reminders, "replay available" notices.

Each message is claimed in the database before it is sent (``*_sent_at``), so a task that is
enqueued twice, or two workers, send it once.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from webinars.emails import request_email, send_registration_email
from webinars.models.registrations import Registration, RegistrationStatus
from webinars.registrations import RegistrationRequest

REMINDER_BEFORE = timedelta(days=1)


@task()
def send_registration_message(registration_id: int, kind: str) -> None:
    registration = Registration.objects.select_related("session").get(pk=registration_id)
    send_registration_email(registration, kind)


@task()
def send_registration_request(session_id: int, name: str, email: str, organisation: str) -> None:
    session_model = Registration._meta.get_field("session").related_model
    session = session_model.objects.get(pk=session_id)
    request = RegistrationRequest(session_id, name, email, organisation)
    request_email(session, request).send()


def _claim_and_send(registrations, field: str, kind: str) -> int:
    sent = 0
    for registration in registrations:
        claimed = Registration.objects.filter(
            pk=registration.pk, **{f"{field}__isnull": True}
        ).update(**{field: timezone.now()})
        if not claimed:
            continue
        try:
            send_registration_email(registration, kind)
        except Exception:
            Registration.objects.filter(pk=registration.pk).update(**{field: None})
            raise
        sent += 1
    return sent


@task()
def send_session_reminders(session_id: int, start: str) -> int:
    """Remind the confirmed registrants; a reminder scheduled for an old start time does nothing."""
    registrations = Registration.objects.filter(
        session_id=session_id,
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__start=datetime.fromisoformat(start),
        session__end__gt=timezone.now(),
    ).select_related("session")
    return _claim_and_send(registrations, "reminder_sent_at", "reminder")


@task()
def send_replay_notices(session_id: int) -> int:
    """Tell everyone who registered (and did not cancel) that the recording is online, once."""
    registrations = (
        Registration.objects.filter(session_id=session_id, replay_sent_at__isnull=True)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("session")
    )
    return _claim_and_send(registrations, "replay_sent_at", "replay")


def schedule_reminders(session) -> bool:
    """Enqueue the reminder one day before the start; False when the backend cannot defer."""
    run_after = session.start - REMINDER_BEFORE
    if run_after <= timezone.now() or not default_task_backend.supports_defer:
        return False
    send_session_reminders.using(run_after=run_after).enqueue(session.pk, session.start.isoformat())
    return True
