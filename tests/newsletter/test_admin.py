"""The rédactrice's admin: sending page with permission, test send, subscribers (RGPD)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from lxml import html
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsletter.models import ConsentAction, ConsentRecord, NewsletterSend, Subscriber

from .conftest import make_subscribers

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    """A Wagtail editor without the send permission."""
    user = get_user_model().objects.create_user("editrice", "ed@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def redactrice(editor):
    group = Group.objects.create(name="Rédactrice (test)")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="send_newsletter"),
        Permission.objects.get(codename="view_subscriber"),
        Permission.objects.get(codename="delete_subscriber"),
    )
    user = get_user_model().objects.create_user("redactrice", "redac@example.org", "pw")
    user.groups.add(group)
    return user


def sending_url(issue) -> str:
    return f"/admin/newsletter/issues/{issue.pk}/sending/"


def test_sending_page_is_refused_without_the_send_permission(client, issue, editor):
    client.force_login(editor)
    # Wagtail's admin answers a refused permission with a redirect to the dashboard.
    for response in (
        client.get(sending_url(issue)),
        client.post(sending_url(issue), {"action": "send"}),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not NewsletterSend.objects.exists()


def confirm_url(issue) -> str:
    return f"/admin/newsletter/issues/{issue.pk}/sending/confirm/"


def test_redactrice_confirms_the_count_and_a_double_click_sends_once(
    client, issue, redactrice, django_capture_on_commit_callbacks
):
    make_subscribers(3)
    client.force_login(redactrice)
    page = client.get(sending_url(issue)).content.decode()
    assert "3 abonnés confirmés" in page and confirm_url(issue) in page
    # The old one-click form no longer sends anything.
    client.post(sending_url(issue), {"action": "send"})
    assert not NewsletterSend.objects.exists() and mail.outbox == []

    confirm = html.fromstring(client.get(confirm_url(issue)).content)
    assert "3 abonnés confirmés" in confirm.text_content()
    [count] = confirm.xpath("//input[@name='recipient_count']/@value")
    assert count == "3"
    for _click in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(confirm_url(issue), {"recipient_count": count})
        assert (response.status_code, response["Location"]) == (302, sending_url(issue))
    assert len(mail.outbox) == 3
    progress = client.get(sending_url(issue)).content.decode()
    assert 'data-progress="sent">3<' in progress and 'data-progress="total">3<' in progress


def test_a_count_that_changed_since_it_was_shown_is_shown_again_not_sent(client, issue, redactrice):
    make_subscribers(3)
    client.force_login(redactrice)
    response = client.post(confirm_url(issue), {"recipient_count": "2"})
    assert response.status_code == 200 and "a changé" in response.content.decode()
    assert not NewsletterSend.objects.exists()
    response = client.post(confirm_url(issue), {})  # no count at all: nothing either
    assert not NewsletterSend.objects.exists()


def test_confirm_page_is_refused_without_the_send_permission(client, issue, editor):
    make_subscribers(1)
    client.force_login(editor)
    for response in (
        client.get(confirm_url(issue)),
        client.post(confirm_url(issue), {"recipient_count": "1"}),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not NewsletterSend.objects.exists()


def test_sending_page_is_in_sight_in_the_listing_and_the_editor(client, issue, redactrice, editor):
    from wagtail.models import GroupPagePermission

    group = redactrice.groups.get()
    GroupPagePermission.objects.create(
        group=group, page=issue.get_parent(), permission_type="change"
    )
    GroupPagePermission.objects.create(
        group=group, page=issue.get_parent(), permission_type="publish"
    )
    client.force_login(redactrice)
    listing = html.fromstring(client.get(f"/admin/pages/{issue.get_parent().pk}/").content)
    # A button in the issue's row, outside the "…" dropdown.
    buttons = listing.xpath(
        f"//a[@href='{sending_url(issue)}'][not(ancestor::*[@data-w-dropdown-target='content'])]"
    )
    assert buttons
    edit = client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    assert f'href="{sending_url(issue)}"' in edit

    # An editor who may change the issue but not send it sees no way to the sending page.
    writers = Group.objects.create(name="Rédaction sans envoi (test)")
    writers.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=writers, page=issue.get_parent(), permission_type="change"
    )
    editor.groups.add(writers)
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{issue.pk}/edit/")
    assert edit.status_code == 200 and "Lettre de novembre" in edit.content.decode()
    assert sending_url(issue) not in edit.content.decode()
    listing = client.get(f"/admin/pages/{issue.get_parent().pk}/").content.decode()
    assert sending_url(issue) not in listing


def test_send_me_a_test_goes_only_to_the_redactrice(client, issue, redactrice):
    make_subscribers(2)
    client.force_login(redactrice)
    client.post(sending_url(issue), {"action": "test"})
    (message,) = mail.outbox
    assert message.to == ["redac@example.org"] and message.subject.startswith("[Test]")
    assert not NewsletterSend.objects.exists()


def test_save_draft_and_send_me_a_test_from_the_page_editor(client, issue, redactrice):
    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(admin)
    edit = client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    assert 'name="action-send-test"' in edit
    data = nested_form_data(
        {
            "credits": inline_formset([]),
            "title": issue.title,
            "slug": issue.slug,
            "subject": "Objet modifié, pas encore publié",
            "preheader": "",
            "language": "fr",
            "intro": "",
            "body": streamfield([("paragraph", rich_text("<p>Brouillon à relire</p>"))]),
        }
    )
    data["action-send-test"] = "action-send-test"
    response = client.post(f"/admin/pages/{issue.pk}/edit/", data)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["chef@example.org"]
    assert message.subject == "[Test] Objet modifié, pas encore publié"
    assert "Brouillon à relire" in message.body
    assert not NewsletterSend.objects.exists()


def test_subscribers_are_listed_searched_exported_and_erased(client, redactrice):
    make_subscribers(2)
    anne = Subscriber.objects.create(email="anne.martin@example.org", status="confirmed")
    ConsentRecord.objects.create(
        subscriber=anne, action=ConsentAction.CONFIRMED, consent_text="Oui"
    )
    client.force_login(redactrice)

    listing = client.get("/admin/newsletter/subscribers/", {"q": "anne.martin"}).content.decode()
    assert "anne.martin@example.org" in listing and "fr-confirmed-0" not in listing

    csv = client.get("/admin/newsletter/subscribers/", {"export": "csv"})
    assert csv.status_code == 200
    assert b"anne.martin@example.org" in b"".join(csv.streaming_content)

    export = client.get(f"/admin/newsletter/subscriber-data/{anne.pk}/")
    data = json.loads(export.content)
    assert data["email"] == "anne.martin@example.org"
    assert data["consent_records"][0]["consent_text"] == "Oui"

    response = client.post(f"/admin/newsletter/subscribers/delete/{anne.pk}/")
    assert response.status_code == 302
    assert not Subscriber.objects.filter(email="anne.martin@example.org").exists()
    assert not ConsentRecord.objects.filter(consent_text="Oui").exists()
