import pytest
from django.core.management import call_command

from newsletter.models import NewsletterPage, Subscriber, SubscriberStatus


@pytest.mark.django_db
def test_demo_has_an_archived_issue_a_draft_and_confirmed_subscribers(client):
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    issues = NewsletterPage.objects.order_by("slug")
    assert [(i.slug, i.live) for i in issues] == [
        ("lettre-novembre", False),
        ("lettre-octobre", True),
    ]
    confirmed = Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED)
    assert confirmed.count() == 4
    assert all(s.email.endswith("@example.org") for s in confirmed)
    assert all(s.consent_records.count() == 2 for s in confirmed)
    assert client.get("/lettre-d-information/").status_code == 200
    assert client.get("/lettre-d-information/lettre-octobre/").status_code == 200
    assert client.get("/lettre-d-information/lettre-novembre/").status_code == 404
