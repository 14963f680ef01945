"""Subscribing (double opt-in), confirming, unsubscribing and resubscribing, with proof."""

from collections.abc import Callable
from datetime import timedelta
from enum import Enum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare

from .models.subscribers import (
    ConsentAction,
    ConsentRecord,
    Subscriber,
    SubscriberStatus,
    consent_version,
)
from .tokens import address_fingerprint, confirmation_token

# A pending address gets at most one confirmation email per this interval, whatever is posted.
CONFIRMATION_RESEND_INTERVAL = timedelta(minutes=10)


def record(subscriber: Subscriber, action: str, consent_text: str = "", source: str = "") -> None:
    ConsentRecord.objects.create(
        subscriber=subscriber,
        action=action,
        consent_text=consent_text,
        consent_version=consent_version(consent_text) if consent_text else "",
        source=source,
    )


def request_subscription(
    email: str,
    language: str,
    consent_text: str,
    *,
    send_confirmation: Callable[[int], object],
    source: str = "form",
) -> None:
    """Record the request and have ``send_confirmation(subscriber_id)`` mail the link, unless
    the address is confirmed already.

    Returns nothing on purpose: the caller answers the same whatever happened here, so the
    form does not reveal who is subscribed.
    """
    email = Subscriber.normalize(email)
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"language": language}
        )
        if subscriber.status == SubscriberStatus.CONFIRMED:
            return
        subscriber.status = SubscriberStatus.PENDING
        subscriber.language = language
        record(subscriber, ConsentAction.REQUESTED, consent_text, source=source)
        recently = subscriber.confirmation_sent_at and (
            timezone.now() - subscriber.confirmation_sent_at < CONFIRMATION_RESEND_INTERVAL
        )
        if not recently:
            subscriber.confirmation_sent_at = timezone.now()
            transaction.on_commit(lambda: send_confirmation(subscriber.pk))
        subscriber.save()


def confirmation_failed(subscriber_id: int) -> None:
    """The confirmation email did not leave: the next request may send one at once."""
    Subscriber.objects.filter(pk=subscriber_id, status=SubscriberStatus.PENDING).update(
        confirmation_sent_at=None
    )


def claim_confirmation_retry(subscriber_id: int) -> bool:
    """True when a retry should send: still pending, no link sent by a request since it failed."""
    return bool(
        Subscriber.objects.filter(
            pk=subscriber_id, status=SubscriberStatus.PENDING, confirmation_sent_at__isnull=True
        ).update(confirmation_sent_at=timezone.now())
    )


def send_confirmation_email(subscriber_id: int) -> None:
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=SubscriberStatus.PENDING
    ).first()
    if subscriber is None:
        return
    url = settings.SITE_URL + reverse("newsletter:confirm", args=[confirmation_token(subscriber)])
    hours = settings.NEWSLETTER_CONFIRMATION_MAX_AGE // 3600
    context = {"confirm_url": url, "site_name": settings.WAGTAIL_SITE_NAME, "hours": hours}
    with translation.override(subscriber.language):
        subject = render_to_string("newsletter/email/confirm_subject.txt", context).strip()
        text = render_to_string("newsletter/email/confirm.txt", context)
        html = render_to_string("newsletter/email/confirm.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.NEWSLETTER_FROM_EMAIL, [subscriber.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()


class Confirmation(Enum):
    CONFIRMED = "confirmed"
    ALREADY = "already"
    NOT_PENDING = "not_pending"


def confirm(subscriber_id: int, email: str) -> Confirmation:
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().filter(pk=subscriber_id, email=email).first()
        )
        if subscriber is None:
            return Confirmation.NOT_PENDING
        if subscriber.status == SubscriberStatus.CONFIRMED:
            return Confirmation.ALREADY
        if subscriber.status != SubscriberStatus.PENDING:
            # Unsubscribed after asking: an old confirmation link must not undo that.
            return Confirmation.NOT_PENDING
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        # The link did its work: a later request (after unsubscribing) gets a new one at once.
        subscriber.confirmation_sent_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "confirmation_sent_at"])
        requested = subscriber.consent_records.filter(action=ConsentAction.REQUESTED).last()
        record(
            subscriber,
            ConsentAction.CONFIRMED,
            requested.consent_text if requested else "",
            source="confirmation link",
        )
    return Confirmation.CONFIRMED


def subscriber_for_link(subscriber_id: int, fingerprint: str, *, lock: bool = False):
    """The subscriber a link was made for, if the address is still the one it was made for."""
    queryset = Subscriber.objects.select_for_update() if lock else Subscriber.objects
    subscriber = queryset.filter(pk=subscriber_id).first()
    if subscriber is None or not constant_time_compare(
        address_fingerprint(subscriber.email), fingerprint
    ):
        return None
    return subscriber


def unsubscribe(subscriber_id: int, fingerprint: str, source: str) -> Subscriber | None:
    with transaction.atomic():
        subscriber = subscriber_for_link(subscriber_id, fingerprint, lock=True)
        if subscriber is None or subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            return subscriber
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
        record(subscriber, ConsentAction.UNSUBSCRIBED, source=source)
    return subscriber
