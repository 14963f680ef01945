import logging
import smtplib
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import task

from newsletter import subscriptions
from newsletter.sending import BatchSender


def enqueue_batch(send_id: int, run_after: datetime | None = None) -> None:
    """Queue the next batch of a sending, at once or not before ``run_after``."""
    if run_after is None:
        send_issue_batch.enqueue(send_id)
    else:
        send_issue_batch.using(run_after=run_after).enqueue(send_id)


@task()
def send_issue_batch(send_id: int) -> dict:
    """Send the next batch of an issue; on a real queue each batch enqueues the next one."""
    chain = send_issue_batch.get_backend().supports_defer
    return BatchSender(send_id, enqueue_batch).run(chain=chain)


logger = logging.getLogger(__name__)

# A confirmation email that fails is tried again after 1, 5, then 25 minutes, then given up
# (the page tells the visitor to ask again, and a new request sends at once).
CONFIRMATION_ATTEMPTS = 4
FIRST_RETRY_DELAY = timedelta(minutes=1)


def retry_delay(attempt: int) -> timedelta:
    return FIRST_RETRY_DELAY * 5 ** (attempt - 1)


@task()
def send_confirmation_email(subscriber_id: int, attempt: int = 1) -> str:
    if attempt > 1 and not subscriptions.claim_confirmation_retry(subscriber_id):
        return "skipped"  # confirmed meanwhile, or a new request already sent a fresh link
    try:
        subscriptions.send_confirmation_email(subscriber_id)
    except (OSError, smtplib.SMTPException) as error:
        subscriptions.confirmation_failed(subscriber_id)
        can_defer = send_confirmation_email.get_backend().supports_defer
        if attempt >= CONFIRMATION_ATTEMPTS or not can_defer:
            logger.error("Confirmation email to subscriber %s failed: %s", subscriber_id, error)
            raise
        run_after = timezone.now() + retry_delay(attempt)
        send_confirmation_email.using(run_after=run_after).enqueue(subscriber_id, attempt + 1)
        logger.warning(
            "Confirmation email to subscriber %s failed (%s), retry at %s",
            subscriber_id,
            error,
            run_after,
        )
        return "retry"
    return "sent"
