"""Background work for registrations: confirmations, reminders, "replay available" notices.

Each message is claimed in the database before it is sent (``*_sent_at``), so a task that is
enqueued twice, or two workers, send it once.
"""

import logging
import smtplib
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from webinars.emails import request_email, send_registration_email
from webinars.models.registrations import Registration, RegistrationStatus
from webinars.registrations import RegistrationRequest

REMINDER_BEFORE = timedelta(days=1)
logger = logging.getLogger(__name__)


# A message the SMTP server did not take is tried again after 1, 5, then 25 minutes: for some
# registrants it holds the only copy of their cancel link.
MESSAGE_ATTEMPTS = 4
FIRST_RETRY_DELAY = timedelta(minutes=1)


def retry_later(task_, error: Exception, attempt: int, *args) -> str:
    """Enqueue the task again with backoff, or re-raise once the attempts are spent."""
    if attempt >= MESSAGE_ATTEMPTS or not task_.get_backend().supports_defer:
        logger.error("%s%r failed for good: %s", task_.name, args, error)
        raise error
    run_after = timezone.now() + FIRST_RETRY_DELAY * 5 ** (attempt - 1)
    task_.using(run_after=run_after).enqueue(*args, attempt + 1)
    logger.warning("%s%r failed (%s), retry at %s", task_.name, args, error, run_after)
    return "retry"


@task()
def send_registration_message(registration_id: int, kind: str, attempt: int = 1) -> str:
    registration = Registration.objects.select_related("session").get(pk=registration_id)
    try:
        send_registration_email(registration, kind)
    except (OSError, smtplib.SMTPException) as error:
        return retry_later(send_registration_message, error, attempt, registration_id, kind)
    return "sent"


@task()
def send_registration_request(
    session_id: int, name: str, email: str, organisation: str, attempt: int = 1
) -> str:
    session_model = Registration._meta.get_field("session").related_model
    session = session_model.objects.get(pk=session_id)
    request = RegistrationRequest(session_id, name, email, organisation)
    try:
        request_email(session, request).send()
    except (OSError, smtplib.SMTPException) as error:
        args = (session_id, name, email, organisation)
        return retry_later(send_registration_request, error, attempt, *args)
    return "sent"


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
