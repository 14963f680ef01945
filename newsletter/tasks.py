from django_tasks import task

from .sending import BatchSender


@task()
def send_issue_batch(send_id: int) -> dict:
    """Send the next batch of an issue; on a real queue each batch enqueues the next one."""
    chain = send_issue_batch.get_backend().supports_defer
    return BatchSender(send_id).run(chain=chain)


@task()
def send_confirmation_email(subscriber_id: int) -> None:
    from .subscriptions import send_confirmation_email as send

    send(subscriber_id)
