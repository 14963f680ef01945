from datetime import datetime

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


@task()
def send_confirmation_email(subscriber_id: int) -> None:
    subscriptions.send_confirmation_email(subscriber_id)
