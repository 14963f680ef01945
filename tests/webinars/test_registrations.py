"""Registering on the session page: places, waiting list, duplicates, abuse, cancel links."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.utils import timezone
from lxml import html

from webinars.emails import cancel_url
from webinars.models import Registration, RegistrationStatus
from webinars.registrations import cancel_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def run_commit_hooks(django_capture_on_commit_callbacks, monkeypatch):
    """Emails leave after the commit; run those hooks at the end of each request."""
    from django.test import Client

    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


def register(client, session, email: str, **extra):
    data = {"name": "Camille Martin", "email": email, "organisation": "Collège Jean Moulin",
            "consent": "on", **extra}  # fmt: skip
    return client.post(session.url + "inscription/", data, follow=True)


def status_of(session, email: str) -> str:
    return Registration.objects.get(session=session, email=email).status


def test_registration_is_confirmed_and_the_confirmation_is_sent(client, session):
    response = register(client, session, "camille@example.org")
    assert response.status_code == 200
    assert "Vous êtes inscrit" in response.content.decode()
    assert status_of(session, "camille@example.org") == RegistrationStatus.CONFIRMED
    [message] = mail.outbox
    assert message.to == ["camille@example.org"]
    assert session.title in message.subject
    assert message.attachments[0][0].endswith(".ics")


def test_the_success_message_takes_the_place_of_the_form(client, session):
    response = register(client, session, "camille@example.org")
    doc = html.fromstring(response.content.decode())
    section = doc.xpath("//section[@id='inscription']")[0]
    assert "Vous êtes inscrit" in section.xpath("string(.//*[@role='status'])")
    assert section.xpath(".//form") == []
    again = html.fromstring(client.get(session.url).content.decode())
    assert again.xpath("//section[@id='inscription']//form[@class='registration-form']")


def test_only_sessions_still_to_come_offer_the_calendar_file(client, session, past_session):
    label = "Ajouter à mon agenda (.ics)"
    assert label in client.get(session.url).content.decode()
    assert label not in client.get(past_session.url).content.decode()


def test_beyond_capacity_people_join_the_waiting_list(client, session):
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        register(client, session, email)
    assert status_of(session, "a@example.org") == RegistrationStatus.CONFIRMED
    assert status_of(session, "b@example.org") == RegistrationStatus.CONFIRMED
    assert status_of(session, "c@example.org") == RegistrationStatus.WAITING
    page = client.get(session.url).content.decode()
    assert "liste d’attente" in page


def test_same_email_twice_gets_a_clear_message_and_no_second_row(client, session):
    register(client, session, "camille@example.org")
    response = register(client, session, " Camille@Example.org ")
    assert response.status_code == 409
    doc = html.fromstring(response.content.decode())
    assert "déjà inscrite" in doc.xpath("string(//span[@id='id_email-error'])")
    assert Registration.objects.filter(session=session).count() == 1


def test_consent_is_required(client, session):
    response = register(client, session, "camille@example.org", consent="")
    assert response.status_code == 400
    assert "Cochez la case" in response.content.decode()
    assert not Registration.objects.exists()


def test_honeypot_filled_saves_nothing_and_says_nothing(client, session):
    response = register(client, session, "robot@example.org", website="http://spam.example")
    assert response.status_code == 200
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_too_many_attempts_from_one_address_are_refused(client, session, settings):
    settings.REGISTRATION_RATE_LIMIT = (3, 600)
    for number in range(3):
        assert register(client, session, f"p{number}@example.org").status_code == 200
    response = register(client, session, "p9@example.org")
    assert response.status_code == 429
    assert not Registration.objects.filter(email="p9@example.org").exists()


def test_registration_outside_its_window_is_refused(client, session):
    session.registration_closes = timezone.now() - timedelta(hours=1)
    session.registration_opens = timezone.now() - timedelta(days=2)
    session.save()
    response = register(client, session, "late@example.org")
    assert response.status_code == 409
    assert not Registration.objects.exists()
    assert "inscription" in response.content.decode().lower()


def test_cancel_link_asks_first_then_cancels_and_promotes_the_waiting_list(client, session):
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        register(client, session, email)
    mail.outbox.clear()
    first = Registration.objects.get(email="a@example.org")
    link = cancel_url(first).removeprefix("http://testserver")

    assert client.get(link).status_code == 200
    assert status_of(session, "a@example.org") == RegistrationStatus.CONFIRMED  # GET is harmless

    response = client.post(link)
    assert response.status_code == 200
    assert "est annulée" in response.content.decode()
    assert status_of(session, "a@example.org") == RegistrationStatus.CANCELLED
    assert status_of(session, "c@example.org") == RegistrationStatus.CONFIRMED
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "c@example.org"]
    promoted = next(m for m in mail.outbox if m.to == ["c@example.org"])
    assert promoted.attachments and promoted.attachments[0][0].endswith(".ics")

    client.post(link)  # a second click changes nothing
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 2


def test_tampered_cancel_link_is_refused(client, session):
    register(client, session, "a@example.org")
    registration = Registration.objects.get()
    token = cancel_token(registration)
    for bad in (token[:-2] + "xx", "", "abc"):
        response = client.post(session.url + "annulation/?" + urlencode({"jeton": bad}))
        assert response.status_code == 404
    assert status_of(session, "a@example.org") == RegistrationStatus.CONFIRMED


def test_cancelled_person_can_register_again_without_a_new_row(client, session):
    register(client, session, "a@example.org")
    client.post(cancel_url(Registration.objects.get()).removeprefix("http://testserver"))
    response = register(client, session, "a@example.org")
    assert response.status_code == 200
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED
