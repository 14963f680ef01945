"""Sending an issue to a real SMTP server (aiosmtpd on 127.0.0.1), tasks run at once."""

from collections import Counter

import pytest
from lxml import html

from newsletter.models import Delivery, DeliveryStatus, NewsletterSend, SubscriberStatus
from newsletter.sending import AlreadySent, retry_failed, start_send
from newsletter.tasks import enqueue_batch

from .conftest import make_subscribers

pytestmark = pytest.mark.django_db


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    """What the admin's "Send" does; the task is enqueued (and run) when the request commits."""

    def send(issue):
        with django_capture_on_commit_callbacks(execute=True):
            return start_send(issue, enqueue=enqueue_batch)

    return send


@pytest.fixture
def newsletter_settings(settings):
    settings.SITE_URL = "https://collectif.example.org"
    settings.NEWSLETTER_BATCH_SIZE = 4
    settings.NEWSLETTER_SEND_RATE = 0
    return settings


def test_each_confirmed_subscriber_of_the_language_gets_one_message(
    smtp_server, issue, newsletter_settings, send_now
):
    confirmed = make_subscribers(10)
    make_subscribers(3, status=SubscriberStatus.PENDING)
    make_subscribers(2, status=SubscriberStatus.UNSUBSCRIBED)
    make_subscribers(4, language="en")

    send = send_now(issue)

    assert sorted(smtp_server.recipients()) == sorted(s.email for s in confirmed)
    assert Counter(smtp_server.recipients()).most_common(1)[0][1] == 1
    assert send.progress() == {"total": 10, "sent": 10, "failed": 0, "skipped": 0, "waiting": 0}
    # Ten messages in batches of four: three SMTP connections, not ten.
    assert smtp_server.connections == 3
    send.refresh_from_db()
    assert send.finished_at is not None


def test_message_has_both_parts_and_the_one_click_unsubscribe_headers(
    smtp_server, issue, newsletter_settings, send_now
):
    (subscriber,) = make_subscribers(1)
    send_now(issue)

    (message,) = smtp_server.messages
    assert message.get_content_type() == "multipart/alternative"
    parts = {part.get_content_type(): part for part in message.iter_parts()}
    assert set(parts) == {"text/plain", "text/html"}
    unsubscribe = str(message["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<https://collectif.example.org/lettre/desabonnement/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    delivery = Delivery.objects.get(subscriber=subscriber)
    assert message["Message-ID"] == f"<newsletter.{issue.pk}.{delivery.pk}@collectif.example.org>"
    assert message["Subject"] == "Les nouvelles de novembre"
    assert message["To"] == subscriber.email

    url = unsubscribe.strip("<>")
    text = parts["text/plain"].get_content()
    assert url in text and "LE MOT DE LA RÉDACTRICE" in text
    assert "lisez ceci (https://collectif.example.org/a-propos/)" in text
    document = html.fromstring(parts["text/html"].get_content())
    assert url in document.xpath("//a/@href")


def test_html_part_has_inlined_css_and_only_absolute_links(
    smtp_server, issue, newsletter_settings, send_now
):
    make_subscribers(1)
    send_now(issue)

    body = smtp_server.messages[0].get_body(("html",)).get_content()
    document = html.fromstring(body)
    assert not document.xpath("//style"), "the CSS must be inlined"
    assert "color: #1f4e79" in document.xpath("//h1/@style")[0]
    links = document.xpath("//a/@href") + document.xpath("//img/@src")
    assert links and all(link.startswith("https://") for link in links)
    assert document.xpath("//span[contains(@class,'preheader')]/text()") == [issue.preheader]


def test_second_send_of_the_same_issue_sends_nothing(
    smtp_server, issue, newsletter_settings, send_now
):
    make_subscribers(3)
    send_now(issue)
    with pytest.raises(AlreadySent):
        start_send(issue, enqueue=enqueue_batch)
    assert len(smtp_server.messages) == 3
    assert NewsletterSend.objects.count() == 1
    assert Delivery.objects.count() == 3


def test_refused_address_is_marked_failed_and_retried_on_request(
    smtp_server, issue, newsletter_settings, send_now, django_capture_on_commit_callbacks
):
    subscribers = make_subscribers(5)
    refused = subscribers[2].email
    smtp_server.refuse[refused] = "550 5.1.1 No such user"

    send = send_now(issue)

    assert refused not in smtp_server.recipients()
    assert len(smtp_server.messages) == 4
    failed = Delivery.objects.get(status=DeliveryStatus.FAILED)
    assert failed.subscriber.email == refused and failed.error.startswith("550")
    assert send.progress()["failed"] == 1

    del smtp_server.refuse[refused]
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_failed(send, enqueue=enqueue_batch) == 1
    assert smtp_server.recipients().count(refused) == 1
    assert len(smtp_server.messages) == 5
    assert send.progress() == {"total": 5, "sent": 5, "failed": 0, "skipped": 0, "waiting": 0}


def test_subscriber_who_unsubscribes_before_the_batch_is_skipped(issue, newsletter_settings):
    from newsletter.sending import prepare_send
    from newsletter.tasks import send_issue_batch

    subscribers = make_subscribers(3)
    send = prepare_send(issue)
    subscribers[0].status = SubscriberStatus.UNSUBSCRIBED
    subscribers[0].save()
    send_issue_batch.enqueue(send.pk)

    from django.core import mail

    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in subscribers[1:])
    assert send.progress()["skipped"] == 1


def test_unreachable_smtp_server_leaves_deliveries_waiting(issue, newsletter_settings, send_now):
    newsletter_settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    newsletter_settings.EMAIL_HOST = "127.0.0.1"
    from .conftest import free_port

    newsletter_settings.EMAIL_PORT = free_port()  # nothing listens there
    make_subscribers(3)
    send = send_now(issue)
    assert send.progress()["waiting"] == 3
    send.refresh_from_db()
    assert send.last_error and send.not_before is not None and send.finished_at is None


def test_a_message_that_cannot_be_built_fails_visibly_instead_of_jamming_the_send(
    smtp_server, issue, newsletter_settings, send_now, client
):
    from django.contrib.auth import get_user_model

    # Stored before subjects were validated: a header injection Django refuses to send.
    type(issue).objects.filter(pk=issue.pk).update(subject="Nouvelles\nBcc: x@evil.example")
    issue.refresh_from_db()
    make_subscribers(3)
    send = send_now(issue)
    assert smtp_server.messages == []
    assert send.progress() == {"total": 3, "sent": 0, "failed": 3, "skipped": 0, "waiting": 0}
    send.refresh_from_db()
    assert send.finished_at is not None and "BadHeaderError" in send.last_error
    assert Delivery.objects.filter(status=DeliveryStatus.FAILED, error__contains="554").count() == 3

    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(admin)
    page = client.get(f"/admin/newsletter/issues/{issue.pk}/sending/").content.decode()
    assert "BadHeaderError" in page and 'data-progress="failed">3<' in page
