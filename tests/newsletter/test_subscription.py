"""Double opt-in, consent proof, no enumeration, abuse limits, one-click unsubscribe."""

import re
import time

import pytest
from django.core import mail, signing
from django.test import Client
from lxml import html

from newsletter.models import ConsentAction, Subscriber, SubscriberStatus
from newsletter.tokens import CONFIRM_SALT, confirmation_token, unsubscribe_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribe_url(archive):
    return archive.url + archive.reverse_subpage("subscribe")


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()


def post_form(client, url, django_capture_on_commit_callbacks, **fields):
    data = {"email": "anne@example.org", "language": "fr", "consent": "on", **fields}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, data)


def link_in(message) -> str:
    return re.search(r"https?://\S+/lettre/confirmation/\S+/", message.body).group(0)


def test_form_shows_the_consent_text_and_labels_every_field(client, archive, subscribe_url):
    response = client.get(subscribe_url)
    content = response.content.decode()
    assert response.status_code == 200
    assert archive.consent_text in content
    for field_id in ("id_email", "id_consent", "id_language_0", "id_language_1"):
        assert f'for="{field_id}"' in content


def test_double_opt_in_stores_the_consent_and_confirms_through_the_link(
    client, archive, subscribe_url, django_capture_on_commit_callbacks
):
    response = post_form(client, subscribe_url, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="anne@example.org")
    assert subscriber.status == SubscriberStatus.PENDING
    (message,) = mail.outbox
    assert message.to == ["anne@example.org"]

    response = client.get(link_in(message).replace("http://testserver", ""))
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED and subscriber.confirmed_at
    records = list(subscriber.consent_records.values_list("action", "consent_text"))
    assert records == [
        (ConsentAction.REQUESTED, archive.consent_text),
        (ConsentAction.CONFIRMED, archive.consent_text),
    ]
    assert subscriber.consent_records.first().consent_version


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(
    client, subscribe_url, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="deja@example.org", status=SubscriberStatus.CONFIRMED)
    known = post_form(
        client, subscribe_url, django_capture_on_commit_callbacks, email="deja@example.org"
    )
    unknown = post_form(
        client, subscribe_url, django_capture_on_commit_callbacks, email="neuf@example.org"
    )
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    pages = [html.fromstring(client.get(r["Location"]).content) for r in (known, unknown)]
    main_texts = [p.xpath("string(//main)") for p in pages]
    assert main_texts[0] == main_texts[1]
    # The confirmed subscriber is neither mailed again nor put back to "pending".
    assert [m.to for m in mail.outbox] == [["neuf@example.org"]]
    assert Subscriber.objects.get(email="deja@example.org").status == SubscriberStatus.CONFIRMED


def test_expired_confirmation_link_is_refused(client, settings):
    subscriber = Subscriber.objects.create(email="lent@example.org")
    token = confirmation_token(subscriber)
    settings.NEWSLETTER_CONFIRMATION_MAX_AGE = 0
    time.sleep(1.1)
    response = client.get(f"/lettre/confirmation/{token}/")
    assert response.status_code == 400
    assert "expiré" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


@pytest.mark.parametrize("tamper", ["id", "signature"])
def test_tampered_confirmation_link_is_refused(client, tamper):
    victim = Subscriber.objects.create(email="victime@example.org")
    attacker = Subscriber.objects.create(email="pirate@example.org")
    token = confirmation_token(attacker)
    if tamper == "id":
        payload = signing.dumps({"id": victim.pk, "email": victim.email}, salt=CONFIRM_SALT)
        token = payload.split(":")[0] + ":" + ":".join(token.split(":")[1:])
    else:
        token = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.get(f"/lettre/confirmation/{token}/")
    assert response.status_code == 400
    assert "pas valide" in response.content.decode()
    assert not Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).exists()


def test_honeypot_gets_the_same_answer_and_subscribes_nobody(
    client, subscribe_url, django_capture_on_commit_callbacks
):
    response = post_form(
        client, subscribe_url, django_capture_on_commit_callbacks, website="http://spam.example"
    )
    assert response.status_code == 302
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_rate_limit_answers_429_and_keeps_what_was_typed(
    client, subscribe_url, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_SUBSCRIBE_RATE_LIMIT = (2, 600)
    for n in range(2):
        post_form(
            client, subscribe_url, django_capture_on_commit_callbacks, email=f"x{n}@example.org"
        )
    response = post_form(
        client, subscribe_url, django_capture_on_commit_callbacks, email="y@example.org"
    )
    assert response.status_code == 429
    content = response.content.decode()
    assert 'value="y@example.org"' in content and "Trop de tentatives" in content
    assert not Subscriber.objects.filter(email="y@example.org").exists()


def test_invalid_form_says_what_is_wrong_in_french(client, subscribe_url):
    response = client.post(subscribe_url, {"email": "pas-une-adresse", "language": "fr"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Saisissez une adresse électronique valide" in content
    assert "Cochez la case" in content
    assert 'value="pas-une-adresse"' in content


def test_one_click_post_unsubscribes_without_cookie_or_csrf_token(archive):
    subscriber = Subscriber.objects.create(email="c@example.org", status=SubscriberStatus.CONFIRMED)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/lettre/desabonnement/{unsubscribe_token(subscriber)}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    last = subscriber.consent_records.last()
    assert (last.action, last.source) == (ConsentAction.UNSUBSCRIBED, "one-click (RFC 8058)")


def test_footer_link_shows_a_button_and_does_not_unsubscribe_on_get(client, archive):
    subscriber = Subscriber.objects.create(email="d@example.org", status=SubscriberStatus.CONFIRMED)
    url = f"/lettre/desabonnement/{unsubscribe_token(subscriber)}/"
    response = client.get(url)
    assert response.status_code == 200 and f'action="{url}"' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    client.post(url)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_tampered_unsubscribe_link_is_refused(client):
    subscriber = Subscriber.objects.create(email="e@example.org", status=SubscriberStatus.CONFIRMED)
    token = unsubscribe_token(subscriber)
    response = Client().post(f"/lettre/desabonnement/{token[:-2]}xx/")
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_unsubscribed_by_mistake_subscribes_again_through_a_new_double_opt_in(
    client, archive, subscribe_url, django_capture_on_commit_callbacks
):
    subscriber = Subscriber.objects.create(email="f@example.org", status=SubscriberStatus.CONFIRMED)
    token = unsubscribe_token(subscriber)
    page = html.fromstring(client.post(f"/lettre/desabonnement/{token}/").content)
    assert archive.consent_text in page.text_content()
    [action] = page.xpath("//form[contains(@action, '/lettre/reabonnement/')]/@action")
    assert token not in action  # a token of its own, not the unsubscribe one

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action, {"consent": "on"})
    assert response.status_code == 200 and "Consultez votre boîte de réception" in response.text
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING  # not back on the list yet
    (message,) = mail.outbox
    assert message.to == ["f@example.org"]
    client.get(link_in(message).replace("http://testserver", ""))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.consent_records.filter(source="unsubscribe page").exists()

    # Through the form too, after another unsubscription: a new double opt-in.
    client.post(f"/lettre/desabonnement/{token}/")
    mail.outbox.clear()
    post_form(client, subscribe_url, django_capture_on_commit_callbacks, email="F@example.org")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    assert len(mail.outbox) == 1


def test_the_unsubscribe_link_cannot_subscribe_anyone_back(client, archive):
    subscriber = Subscriber.objects.create(email="g@example.org", status=SubscriberStatus.CONFIRMED)
    token = unsubscribe_token(subscriber)
    Client().post(f"/lettre/desabonnement/{token}/")
    response = Client().post(f"/lettre/reabonnement/{token}/", {"consent": "on"})
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert mail.outbox == []


def test_unsubscribe_links_expire_and_belong_to_one_address(client, archive, settings):
    subscriber = Subscriber.objects.create(email="h@example.org", status=SubscriberStatus.CONFIRMED)
    token = unsubscribe_token(subscriber)
    settings.NEWSLETTER_UNSUBSCRIBE_MAX_AGE = -1  # any age is now too old
    response = client.post(f"/lettre/desabonnement/{token}/")
    assert response.status_code == 400 and "expiré" in response.text
    settings.NEWSLETTER_UNSUBSCRIBE_MAX_AGE = 3600
    # The address was erased and the id given to someone else: the old link is void.
    Subscriber.objects.filter(pk=subscriber.pk).update(email="autre@example.org")
    assert client.post(f"/lettre/desabonnement/{token}/").status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


@pytest.fixture
def deferring_queue(settings):
    """A queue that keeps what is enqueued (with its run_after) instead of running it."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def test_a_failed_confirmation_email_is_retried_with_backoff_then_given_up(
    settings, deferring_queue
):
    from django.utils import timezone

    from newsletter import tasks

    from .conftest import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    subscriber = Subscriber.objects.create(
        email="i@example.org", confirmation_sent_at=timezone.now()
    )
    delays = []
    attempt = 1
    while True:
        before = timezone.now()
        try:
            assert tasks.send_confirmation_email.call(subscriber.pk, attempt) == "retry"
        except OSError:
            break
        (retry,) = deferring_queue.results
        assert retry.args == [subscriber.pk, attempt + 1]
        delays.append(round((retry.task.run_after - before).total_seconds() / 60))
        deferring_queue.clear()
        subscriber.refresh_from_db()
        assert subscriber.confirmation_sent_at is None  # a new request sends at once
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=None)
        attempt += 1
    assert delays == [1, 5, 25] and attempt == tasks.CONFIRMATION_ATTEMPTS
    assert deferring_queue.results == []


def test_a_retry_sends_when_the_server_is_back_and_only_if_still_needed(smtp_server):
    from newsletter import tasks

    subscriber = Subscriber.objects.create(email="j@example.org", confirmation_sent_at=None)
    assert tasks.send_confirmation_email.call(subscriber.pk, 2) == "sent"
    assert smtp_server.recipients() == ["j@example.org"]
    # A new request sent a fresh link meanwhile: the pending retry stays quiet.
    assert tasks.send_confirmation_email.call(subscriber.pk, 3) == "skipped"
    assert smtp_server.recipients() == ["j@example.org"]


def test_asking_again_after_a_failed_confirmation_email_sends_one_at_once(
    client, subscribe_url, settings, django_capture_on_commit_callbacks
):
    from .conftest import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    post_form(client, subscribe_url, django_capture_on_commit_callbacks)
    assert Subscriber.objects.get().confirmation_sent_at is None  # recorded as not sent
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = post_form(client, subscribe_url, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["anne@example.org"]]
    assert "10 minutes" in client.get(response["Location"]).text
