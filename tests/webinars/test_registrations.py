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


def ask(client, session, email: str, **extra):
    """Fill in the form on the session page: only an email with a link comes out of it."""
    data = {"name": "Camille Martin", "email": email, "organisation": "Collège Jean Moulin",
            "consent": "on", **extra}  # fmt: skip
    return client.post(session.url + "inscription/", data, follow=True)


def confirmation_link(address: str) -> str:
    message = [m for m in mail.outbox if m.to == [address.strip().lower()]][-1]
    line = next(line for line in message.body.splitlines() if "/confirmation/?jeton=" in line)
    return line.strip().removeprefix("http://testserver")


def register(client, session, email: str, **extra):
    """Fill in the form, then click the link of the email as its owner does."""
    response = ask(client, session, email, **extra)
    if response.status_code != 200 or not mail.outbox:
        return response
    return client.post(confirmation_link(email), follow=True)


def status_of(session, email: str) -> str:
    return Registration.objects.get(session=session, email=email).status


def test_registration_is_confirmed_and_the_confirmation_is_sent(client, session):
    response = register(client, session, "camille@example.org")
    assert response.status_code == 200
    assert "Vous êtes inscrit" in response.content.decode()
    assert status_of(session, "camille@example.org") == RegistrationStatus.CONFIRMED
    request, message = mail.outbox
    assert request.to == message.to == ["camille@example.org"]
    assert request.subject.startswith("Confirmez votre inscription")
    assert session.title in message.subject
    assert message.attachments[0][0].endswith(".ics")


def test_the_success_message_takes_the_place_of_the_form(client, session):
    response = ask(client, session, "camille@example.org")
    doc = html.fromstring(response.content.decode())
    section = doc.xpath("//section[@id='inscription']")[0]
    assert "ouvrez son lien pour confirmer" in section.xpath("string(.//*[@role='status'])")
    assert section.xpath(".//form") == []
    again = html.fromstring(client.get(session.url).content.decode())
    assert again.xpath("//section[@id='inscription']//form[@class='registration-form']")


def test_only_sessions_still_to_come_offer_the_calendar_file(client, session, past_session):
    label = "Ajouter à mon agenda (.ics)"
    assert label in client.get(session.url).content.decode()
    assert label not in client.get(past_session.url).content.decode()


def test_the_form_stores_nothing_until_the_link_of_the_email_is_clicked(client, session):
    response = ask(client, session, "camille@example.org")
    assert "ouvrez son lien pour confirmer" in response.content.decode()
    assert not Registration.objects.exists()
    link = confirmation_link("camille@example.org")
    asked = client.get(link)
    assert asked.status_code == 200 and "Camille Martin (camille@example.org)" in asked.text
    assert not Registration.objects.exists()  # GET only asks: mail scanners follow links
    client.post(link)
    assert status_of(session, "camille@example.org") == RegistrationStatus.CONFIRMED
    client.post(link)  # a second click adds nothing
    assert Registration.objects.count() == 1


def test_tampered_expired_or_other_session_links_register_nobody(
    client, session, sessions_index, monkeypatch
):
    from tests.factories import WebinarPageFactory

    ask(client, session, "camille@example.org")
    link = confirmation_link("camille@example.org")
    other = WebinarPageFactory(parent=sessions_index, capacity=5, title="Autre session")
    for bad in (link[:-3] + "xyz", other.url + link.split(session.url, 1)[1]):
        assert client.post(bad).status_code == 404
    from webinars import registrations

    monkeypatch.setattr(registrations, "REQUEST_MAX_AGE", -1)  # the link's age is now too much
    response = client.post(link)
    assert response.status_code == 400 and "expiré" in response.content.decode()
    assert not Registration.objects.exists()


def test_names_lose_newlines_and_control_characters(client, session):
    typed = "Camille\r\nBcc: x@evil.example\x07\u2028"
    register(client, session, "camille@example.org", name=typed)
    registration = Registration.objects.get()
    assert registration.name == "Camille Bcc: x@evil.example"
    for message in mail.outbox:
        assert "Bonjour Camille Bcc: x@evil.example," in message.body


def test_beyond_capacity_people_join_the_waiting_list(client, session):
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        register(client, session, email)
    assert status_of(session, "a@example.org") == RegistrationStatus.CONFIRMED
    assert status_of(session, "b@example.org") == RegistrationStatus.CONFIRMED
    assert status_of(session, "c@example.org") == RegistrationStatus.WAITING
    page = client.get(session.url).content.decode()
    assert "liste d’attente" in page


def test_the_answer_does_not_reveal_a_registered_address_the_email_tells_its_owner(client, session):
    register(client, session, "camille@example.org")
    fresh = ask(client, session, "nouvelle@example.org")
    mail.outbox.clear()
    again = ask(client, session, " Camille@Example.org ")
    assert again.status_code == fresh.status_code == 200

    def message_of(response):
        doc = html.fromstring(response.content.decode())
        return doc.xpath("string(//*[@role='status' or contains(@class, 'message')])").strip()

    assert message_of(again) == message_of(fresh) != ""
    assert "déjà" not in again.content.decode()
    [reminder] = mail.outbox
    assert reminder.to == ["camille@example.org"]
    assert "déjà inscrite" in reminder.body and "/annulation/?jeton=" in reminder.body
    ask(client, session, "camille@example.org")  # asked again at once: no second reminder
    assert len(mail.outbox) == 1
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
    assert session.online_url in promoted.body  # the visio link comes with the place

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
