"""Sending an issue: deliveries created once, claimed in batches, sent over a few connections.

Guarantees, and how they hold:

- *At most one delivery per (issue, subscriber)*: a unique constraint; a second "Send" finds
  the existing ``NewsletterSend`` (one per issue) and creates nothing.
- *Each delivery sent once*: a batch is claimed (status ``sending`` + a token) in one
  transaction; its messages go out over up to ``NEWSLETTER_SMTP_CONNECTIONS`` connections at
  once (``smtp_pool``), and the ones the server accepted meanwhile are marked ``sent``
  together in one short transaction, with the token in the WHERE clause, so only the claimer
  can mark them. A connection starts its next message only after its last one is recorded.
- *Resumable*: the task that claims a batch enqueues its successor in the same transaction.
  If the worker is killed, the successor is in the queue; claims whose lease
  (``NEWSLETTER_CLAIM_TIMEOUT``) ran out without news go back to ``pending``. A live worker
  renews its lease every third of it, and one SMTP exchange is bounded by
  ``NEWSLETTER_SMTP_TIMEOUT``: only a dead (or stuck) worker loses its claims.

The one case SMTP cannot close is a worker killed between the server's "250 OK" and the
commit that follows it (a millisecond or two, the next group write): the messages in that
window, at most one per connection, are sent again, with the same Message-ID so that mail
clients show each once.
"""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from .email import RenderedIssue, build_message, render_issue, unsubscribe_url
from .models.sending import Delivery, DeliveryStatus, NewsletterSend
from .models.subscribers import Subscriber, SubscriberStatus
from .smtp_pool import BROKEN, REFUSED, SENT, UNSENDABLE, UNTRIED, Attempt, SmtpPool

logger = logging.getLogger(__name__)


# Puts the next batch of a sending in the task queue, now or not before a time. The task
# module passes it in, so this module never imports the tasks that import it.
EnqueueBatch = Callable[..., object]

# A connection of the pool carries at least this many messages of a batch: opening one (TCP,
# TLS, EHLO, AUTH) costs several round trips, not worth paying for two or three messages.
MESSAGES_PER_CONNECTION = 10


class AlreadySent(Exception):
    """The issue already has a sending: a second click must not send it again."""


def recipients(issue):
    return Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED, language=issue.language)


def prepare_send(issue, user=None) -> NewsletterSend:
    """Render the issue, create the sending and one pending delivery per recipient.

    Raises ``AlreadySent`` when the issue has a sending already (double click, two editors).
    """
    rendered = render_issue(issue)
    try:
        with transaction.atomic():
            send = NewsletterSend.objects.create(
                issue=issue,
                requested_by=user,
                subject=rendered.subject,
                html_body=rendered.html,
                text_body=rendered.text,
            )
            subscriber_ids = recipients(issue).values_list("pk", flat=True)
            Delivery.objects.bulk_create(
                (Delivery(send=send, subscriber_id=pk) for pk in subscriber_ids.iterator()),
                batch_size=1000,
                ignore_conflicts=True,
            )
    except IntegrityError as error:
        raise AlreadySent(issue.pk) from error
    return send


def start_send(issue, user=None, *, enqueue: EnqueueBatch) -> NewsletterSend:
    """What the admin's "Send" button does: prepare, then enqueue the first batch."""
    send = prepare_send(issue, user)
    transaction.on_commit(lambda: enqueue(send.pk))
    return send


def retry_failed(send: NewsletterSend, *, enqueue: EnqueueBatch) -> int:
    with transaction.atomic():
        count = send.deliveries.filter(status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.PENDING, attempts=0, error="", claim_token=""
        )
        NewsletterSend.objects.filter(pk=send.pk).update(
            finished_at=None, not_before=None, last_error=""
        )
    if count:
        transaction.on_commit(lambda: enqueue(send.pk))
    return count


@dataclass
class BatchOutcome:
    sent: int = 0
    failed: int = 0
    released: int = 0
    errors: list[str] = field(default_factory=list)


class BatchSender:
    """Claims and sends the batches of one ``NewsletterSend``; one instance per task run."""

    def __init__(self, send_id: int, enqueue: EnqueueBatch):
        self.enqueue = enqueue
        self.send = NewsletterSend.objects.select_related("issue").get(pk=send_id)
        self.token = uuid.uuid4().hex
        self.lease = timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
        self.batch_size = settings.NEWSLETTER_BATCH_SIZE
        self.connections = settings.NEWSLETTER_SMTP_CONNECTIONS
        rate = settings.NEWSLETTER_SEND_RATE
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.rendered = RenderedIssue(
            subject=self.send.subject, html=self.send.html_body, text=self.send.text_body
        )

    # -- claiming ---------------------------------------------------------------------------

    def deliveries(self):
        return Delivery.objects.filter(send_id=self.send.pk)

    def skip_gone_subscribers(self) -> None:
        self.deliveries().filter(status=DeliveryStatus.PENDING).filter(
            Q(subscriber__isnull=True) | ~Q(subscriber__status=SubscriberStatus.CONFIRMED)
        ).update(status=DeliveryStatus.SKIPPED)

    def release_expired_claims(self) -> int:
        return (
            self.deliveries()
            .filter(status=DeliveryStatus.SENDING, claimed_at__lt=timezone.now() - self.lease)
            .update(status=DeliveryStatus.PENDING, claim_token="")
        )

    def claim_batch(self) -> list[int]:
        pending = (
            self.deliveries()
            .filter(status=DeliveryStatus.PENDING)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[: self.batch_size]
        )
        ids = list(pending)
        if ids:
            self.deliveries().filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
                status=DeliveryStatus.SENDING, claim_token=self.token, claimed_at=timezone.now()
            )
        return ids

    # -- the task ---------------------------------------------------------------------------

    def run(self, chain: bool) -> dict:
        """Send one batch (``chain``: a real queue, successor enqueued) or all of them."""
        if self.send.not_before and self.send.not_before > timezone.now() and chain:
            self.enqueue(self.send.pk, self.send.not_before)
            return {"deferred_until": self.send.not_before.isoformat()}
        total = BatchOutcome()
        while True:
            with transaction.atomic():
                self.skip_gone_subscribers()
                self.release_expired_claims()
                ids = self.claim_batch()
                if ids and chain:
                    # Same transaction as the claim: a worker killed from here on leaves a
                    # task in the queue to finish the issue.
                    self.enqueue(self.send.pk)
            if not ids:
                self.after_last_batch(chain)
                break
            outcome = self.send_batch(ids)
            total.sent += outcome.sent
            total.failed += outcome.failed
            total.errors += outcome.errors
            if chain or outcome.released:
                break
        self.finish_if_complete()
        return {"sent": total.sent, "failed": total.failed, "errors": total.errors[:10]}

    def after_last_batch(self, chain: bool) -> None:
        """Nothing left to claim: if others still hold claims, look again when they expire."""
        oldest = (
            self.deliveries()
            .filter(status=DeliveryStatus.SENDING)
            .aggregate(oldest=Min("claimed_at"))["oldest"]
        )
        if oldest is not None and chain:
            run_after = max(oldest + self.lease + timedelta(seconds=1), timezone.now())
            self.enqueue(self.send.pk, run_after)

    def finish_if_complete(self) -> None:
        unfinished = self.deliveries().filter(
            status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
        )
        if not unfinished.exists():
            NewsletterSend.objects.filter(pk=self.send.pk, finished_at__isnull=True).update(
                finished_at=timezone.now()
            )

    # -- sending ----------------------------------------------------------------------------

    def connections_for(self, count: int) -> int:
        """Up to ``NEWSLETTER_SMTP_CONNECTIONS``, each carrying ``MESSAGES_PER_CONNECTION``."""
        return max(1, min(self.connections, count // MESSAGES_PER_CONNECTION))

    def open_connection(self):
        """An SMTP connection (not opened yet); called on the pool's threads."""
        return get_connection(fail_silently=False, timeout=settings.NEWSLETTER_SMTP_TIMEOUT)

    def send_batch(self, ids: list[int]) -> BatchOutcome:
        """Send the claimed deliveries over a few parallel connections, at the configured rate."""
        outcome = BatchOutcome()
        deliveries = list(
            self.deliveries()
            .filter(pk__in=ids, claim_token=self.token)
            .select_related("subscriber")
            .order_by("pk")
        )
        if not deliveries:
            return outcome
        pool = SmtpPool(self.open_connection, self.connections_for(len(deliveries)), self.interval)
        attempts = pool.run(
            deliveries,
            build=self.build_message,
            record=lambda group: self.record(group, outcome),
            tick=self.renew_lease,
            tick_every=self.lease.total_seconds() / 3,
        )
        untried = [attempt.item.pk for attempt in attempts if attempt.outcome == UNTRIED]
        broken = [attempt for attempt in attempts if attempt.outcome == BROKEN]
        if untried or broken:
            error = broken[0].error if broken else (pool.open_errors or [None])[0]
            error = error or RuntimeError("no SMTP connection")
            self.release(untried, error)
            outcome.released = len(untried) + len(broken)
            outcome.errors.append(str(error))
        return outcome

    def build_message(self, delivery: Delivery):
        return build_message(
            self.rendered,
            to=delivery.subscriber.email,
            unsubscribe=unsubscribe_url(delivery.subscriber),
            issue_id=self.send.issue_id,
            delivery_id=delivery.pk,
        )

    def record(self, attempts: list[Attempt], outcome: BatchOutcome) -> None:
        """Store what the relay answered for a group of messages, in one short transaction."""
        sent = [attempt.item.pk for attempt in attempts if attempt.outcome == SENT]
        with transaction.atomic():
            if sent:
                marked = (
                    self.deliveries()
                    .filter(pk__in=sent, claim_token=self.token, status=DeliveryStatus.SENDING)
                    .update(
                        status=DeliveryStatus.SENT,
                        sent_at=timezone.now(),
                        attempts=F("attempts") + 1,
                    )
                )
                if marked < len(sent):
                    logger.warning(
                        "Newsletter send %s: %s deliveries were sent but their claim had been "
                        "taken over",
                        self.send.pk,
                        len(sent) - marked,
                    )
            for attempt in attempts:
                if attempt.outcome == REFUSED:
                    self.record_refusal(attempt.item, attempt.code, attempt.reason)
                    outcome.failed += 1
                elif attempt.outcome == UNSENDABLE:
                    self.record_unsendable(attempt.item, attempt.error)
                    outcome.failed += 1
                    outcome.errors.append(str(attempt.error))
                elif attempt.outcome == BROKEN:
                    # Not accepted: counts as an attempt, and the rest waits for a backoff.
                    self.record_refusal(attempt.item, 451, str(attempt.error))
        outcome.sent += len(sent)

    def renew_lease(self, now=None) -> None:
        self.deliveries().filter(claim_token=self.token, status=DeliveryStatus.SENDING).update(
            claimed_at=now or timezone.now()
        )

    def record_refusal(self, delivery: Delivery, code: int, reason) -> None:
        text = reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)
        attempts = delivery.attempts + 1
        permanent = code >= 500 or attempts >= settings.NEWSLETTER_MAX_ATTEMPTS
        self.deliveries().filter(pk=delivery.pk, claim_token=self.token).update(
            status=DeliveryStatus.FAILED if permanent else DeliveryStatus.PENDING,
            attempts=attempts,
            error=f"{code} {text}"[:1000],
            claim_token="",
        )

    def record_unsendable(self, delivery: Delivery, error: Exception) -> None:
        reason = f"{type(error).__name__}: {error}"
        logger.error("Newsletter send %s: delivery %s: %s", self.send.pk, delivery.pk, reason)
        self.record_refusal(delivery, 554, reason)
        NewsletterSend.objects.filter(pk=self.send.pk).update(last_error=reason[:1000])

    def release(self, ids: list[int], error: Exception) -> None:
        """Give claims back after a connection failure, and back off before the next try."""
        backoff = timezone.now() + timedelta(seconds=settings.NEWSLETTER_RETRY_DELAY)
        with transaction.atomic():
            self.deliveries().filter(
                pk__in=ids, claim_token=self.token, status=DeliveryStatus.SENDING
            ).update(status=DeliveryStatus.PENDING, claim_token="")
            NewsletterSend.objects.filter(pk=self.send.pk).update(
                not_before=backoff, last_error=str(error)[:1000]
            )
        logger.warning("Newsletter send %s: SMTP failure, retry after %s", self.send.pk, backoff)
