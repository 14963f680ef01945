"""The newsletter's admin listings open for whoever may see them, and offer no missing view."""

import pytest
from django.contrib.auth import get_user_model

from newsletter.models import NewsletterSend, Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.org", "pw"))
    return client


def test_subscribers_and_sendings_listings_open_for_a_superuser(admin_client, issue):
    Subscriber.objects.create(email="anne@example.org", status="confirmed")
    NewsletterSend.objects.create(issue=issue, subject="Sujet", html_body="<p>x</p>", text_body="x")
    for url in ("/admin/newsletter/subscribers/", "/admin/newsletter/sendings/"):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        # No button to type a subscriber in, nor to edit a sending: those views do not exist.
        assert "/add/" not in response.content.decode(), url
    results = admin_client.get("/admin/newsletter/sendings/results/", {"q": "Sujet"})
    assert results.status_code == 200
    assert "/admin/newsletter/sendings/edit/" not in results.content.decode()
