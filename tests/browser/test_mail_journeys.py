"""In chromium, the mail journeys as people make them, mail delivered to a real SMTP server.

- The Rédactrice logs in to the admin, composes an issue, sends herself a test, confirms the
  number of recipients and sends; the messages carry the one-click unsubscribe headers, and a
  one-click POST (what a mail client does) unsubscribes.
- Three visitors register to a session of two places with the public form, each confirming
  with the link of the email: the third is on the waiting list and gets no videoconference link.

Content around the journey (site, archive, sections, subscribers) is set up with factories;
what is under test is made in the browser, the session by an Animateur in the admin.
"""

import datetime
import re
import urllib.request

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.publishing_roles import group_name
from community.models import Role
from newsletter.models import NewsletterPage, Subscriber, SubscriberStatus
from tests.factories import (
    NewsletterIndexPageFactory,
    WebinarIndexPageFactory,
    make_site_with_home,
)
from tests.newsletter.conftest import RecordingHandler, free_port
from webinars.models import Registration, RegistrationStatus, WebinarPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def smtp(settings, live_server):
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = live_server.url  # the links in the emails lead to this server
    try:
        yield handler
    finally:
        controller.stop()


def plain_text(message) -> str:
    return message.get_body(("plain",)).get_content()


def to(handler, address: str) -> list:
    return [m for m in handler.messages if address in str(m["To"])]


# -- the Rédactrice ------------------------------------------------------------------------


@pytest.fixture
def redactrice():
    from django.core.management import call_command

    call_command("setup_groups", verbosity=0)
    user = get_user_model().objects.create_user(
        "claire", "claire@example.org", "mot-de-passe-solide", first_name="Claire"
    )
    user.groups.add(Group.objects.get(name=group_name(Role.objects.get(slug="redactrice"))))
    return user


@pytest.fixture
def newsletter_site(redactrice):
    home = make_site_with_home()
    archive = NewsletterIndexPageFactory(parent=home)
    # setup_groups grants pages that exist: run it again now that the archive does.
    from django.core.management import call_command

    call_command("setup_groups", verbosity=0)
    Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"lectrice{n}@example.org", status=SubscriberStatus.CONFIRMED)
            for n in range(3)
        ]
        + [Subscriber(email="en-attente@example.org", status=SubscriberStatus.PENDING)]
    )
    return archive


def log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base_url + "/admin/")


def test_redactrice_composes_tests_confirms_and_sends_an_issue(
    live_server, smtp, newsletter_site, page
):
    base = live_server.url
    log_in(page, base, "claire", "mot-de-passe-solide")

    # The archive in the page explorer: add an issue.
    page.goto(f"{base}/admin/pages/{newsletter_site.pk}/")
    page.get_by_role("link", name="Ajouter une sous-page").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/newsletter/newsletterpage/"))
    page.fill("#id_title", "Lettre de décembre")
    page.locator("#id_title").blur()
    page.fill("#id_subject", "Les nouvelles de décembre")
    page.fill("#id_intro", "Ce mois-ci au collectif.")
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    issue = NewsletterPage.objects.get(title="Lettre de décembre")
    assert issue.live

    # From the editor, the sending page is in sight.
    page.goto(f"{base}/admin/pages/{issue.pk}/edit/")
    page.get_by_role("link", name="Page d’envoi : tester et envoyer").click()
    page.wait_for_url(f"{base}/admin/newsletter/issues/{issue.pk}/sending/")

    page.get_by_role("button", name=re.compile("M’envoyer un test|Envoyez-moi un test")).click()
    page.wait_for_load_state()
    [test] = smtp.messages
    assert test["To"] == "claire@example.org" and test["Subject"].startswith("[Test]")
    assert smtp.recipients() == ["claire@example.org"]

    page.get_by_role("link", name="Envoyer aux abonnés…").click()
    page.wait_for_url(f"{base}/admin/newsletter/issues/{issue.pk}/sending/confirm/")
    assert "3 abonnés confirmés" in page.locator("main").inner_text()
    assert len(smtp.messages) == 1  # nothing sent by reaching the confirmation
    page.get_by_role("button", name="Oui, envoyer à 3 abonnés").click()
    page.wait_for_url(f"{base}/admin/newsletter/issues/{issue.pk}/sending/")
    assert page.locator('[data-progress="sent"]').inner_text() == "3"

    sent = [m for m in smtp.messages if m["To"] != "claire@example.org"]
    assert sorted(m["To"] for m in sent) == [f"lectrice{n}@example.org" for n in range(3)]
    message = to(smtp, "lectrice0@example.org")[0]
    assert message["Subject"] == "Les nouvelles de décembre"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<newsletter\.\d+\.\d+@[\w.-]+>", message["Message-ID"])
    assert len({m["Message-ID"] for m in sent}) == 3
    unsubscribe = re.fullmatch(r"\s*<(\S+)>", message["List-Unsubscribe"]).group(1)
    assert "lectrice0" not in unsubscribe  # the address is not written in the link
    assert unsubscribe.startswith(base + "/")

    # RFC 8058: the mail client POSTs, with no cookie and no CSRF token.
    request = urllib.request.Request(unsubscribe, data=b"List-Unsubscribe=One-Click", method="POST")
    with urllib.request.urlopen(request) as response:
        assert response.status == 200
    reader = Subscriber.objects.get(email="lectrice0@example.org")
    assert reader.status == SubscriberStatus.UNSUBSCRIBED
    assert Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).count() == 2


# -- visitors --------------------------------------------------------------------------------


@pytest.fixture
def small_session(live_server, page):
    """The Animateur announces a session of two places in the admin, then signs out."""
    from django.core.management import call_command

    home = make_site_with_home()
    index = WebinarIndexPageFactory(parent=home, slug="sessions", title="Sessions")
    call_command("setup_groups", verbosity=0)  # grants the sessions index that now exists
    animateur = get_user_model().objects.create_user(
        "karim", "karim@example.org", "mot-de-passe-solide"
    )
    animateur.groups.add(Group.objects.get(name=group_name(Role.objects.get(slug="animateur"))))

    base = live_server.url
    day = timezone.localdate() + datetime.timedelta(days=7)
    log_in(page, base, "karim", "mot-de-passe-solide")
    page.goto(f"{base}/admin/pages/{index.pk}/")
    page.get_by_role("link", name="Ajouter une sous-page").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/webinars/webinarpage/"))
    page.fill("#id_title", "Évaluer autrement")
    page.locator("#id_title").blur()
    page.fill("#id_start", f"{day:%Y-%m-%d} 17:00")
    page.fill("#id_end", f"{day:%Y-%m-%d} 18:30")
    page.select_option("#id_mode", "distance")
    page.fill("#id_online_url", "https://visio.example.org/evaluer-autrement")
    page.fill("#id_capacity", "2")
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{index.pk}/$"))
    page.context.clear_cookies()
    return WebinarPage.objects.get(title="Évaluer autrement", live=True)


def register_in_the_browser(page, base: str, session, smtp, name: str, email: str) -> str:
    """Fill in the public form, then open the link of the email and confirm; the page's word."""
    page.goto(base + session.url)
    page.get_by_label("Nom", exact=True).fill(name)
    page.get_by_label("Adresse électronique", exact=True).fill(email)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=re.compile("inscri", re.I)).click()
    page.wait_for_load_state()
    assert "ouvrez son lien pour confirmer" in page.locator("[role=status]").inner_text()
    [request] = to(smtp, email)
    assert session.online_url not in plain_text(request)
    link = next(
        line.strip() for line in plain_text(request).splitlines() if "/confirmation/?jeton=" in line
    )
    page.goto(link)
    page.get_by_role("button", name="Oui, confirmer mon inscription").click()
    page.wait_for_load_state()
    return page.locator("[role=status]").inner_text()


def test_three_visitors_for_two_places_the_third_waits_without_the_visio_link(
    live_server, smtp, small_session, page
):
    base = live_server.url
    said = {
        email: register_in_the_browser(page, base, small_session, smtp, name, email)
        for name, email in (
            ("Anne Martin", "anne@example.org"),
            ("Bruno Diallo", "bruno@example.org"),
            ("Chloé Petit", "chloe@example.org"),
        )
    }
    assert "Vous êtes inscrit" in said["anne@example.org"]
    assert "liste d’attente" in said["chloe@example.org"]
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "anne@example.org": RegistrationStatus.CONFIRMED,
        "bruno@example.org": RegistrationStatus.CONFIRMED,
        "chloe@example.org": RegistrationStatus.WAITING,
    }
    confirmed = to(smtp, "anne@example.org")[-1]
    assert small_session.online_url in plain_text(confirmed)
    waiting = to(smtp, "chloe@example.org")[-1]
    assert waiting["Subject"].startswith("Liste d’attente")
    assert small_session.online_url not in plain_text(waiting)
    assert not [p for p in waiting.iter_attachments() if p.get_content_type() == "text/calendar"]

    # Registering again says nothing new on the page: the email tells the address owner.
    page.goto(base + small_session.url)
    page.get_by_label("Nom", exact=True).fill("Anne Martin")
    page.get_by_label("Adresse électronique", exact=True).fill("anne@example.org")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=re.compile("inscri", re.I)).click()
    page.wait_for_load_state()
    assert "ouvrez son lien pour confirmer" in page.locator("[role=status]").inner_text()
    assert "déjà inscrite" in plain_text(to(smtp, "anne@example.org")[-1])
    assert Registration.objects.count() == 3
