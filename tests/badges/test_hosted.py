"""Open Badges 2.0 hosted verification documents, baked images, the badge page, removal."""

import io
import json
from urllib.parse import parse_qs, urlsplit

import openbadges_bakery
import pytest
from django.core import mail
from django.urls import reverse
from lxml import etree

from badges.awarding import Candidate, award
from badges.baking import unbaked_png_url
from badges.models import Award, EmailConsent
from badges.tokens import removal_url
from badges.urls_public import assertion_url
from media_pages.models import SiteIdentity

from .conftest import committed, registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def awarded(home, badge_class, session):
    registered(session, "ana@example.org", "Ana")
    identity = SiteIdentity.for_site(home.get_site())
    identity.publisher = "Collectif Apprenant"
    identity.contact_email = "contact@example.org"
    identity.save()
    with committed():
        result, _created = award(
            badge_class,
            Candidate(
                "ana@example.org", "Ana", evidence=[{"id": "http://testserver/s/", "name": "S"}]
            ),
        )
    return result


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/ld+json"
    return json.loads(response.content)


def test_issuer_profile_comes_from_the_site_identity(client, awarded):
    data = get_json(client, reverse("badges:issuer"))
    assert data == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Issuer",
        "id": "http://testserver/badges/emetteur.json",
        "name": "Collectif Apprenant",
        "url": "http://testserver/",
        "email": "contact@example.org",
        "publicKey": "http://testserver/badges/cle-publique.json",
        "revocationList": "http://testserver/badges/revocations.json",
    }


def test_badge_class_document(client, awarded):
    badge_class = awarded.badge_class
    badge_class.alignment_name = "Interagir"
    badge_class.alignment_framework = "CRCN"
    badge_class.save()
    data = get_json(client, reverse("badges:badge_class", args=[badge_class.slug]))
    assert data["type"] == "BadgeClass"
    assert data["issuer"] == "http://testserver/badges/emetteur.json"
    assert data["criteria"] == {"narrative": "Avoir participé aux sessions."}
    assert data["tags"] == ["participation", "webinaire"]
    assert data["alignment"] == [{"targetName": "Interagir", "targetFramework": "CRCN"}]
    assert data["image"].startswith("http://testserver/")


def test_assertion_is_hosted_and_never_carries_the_address(client, awarded):
    response = client.get(reverse("badges:assertion", args=[awarded.uid]))
    assert b"ana@example.org" not in response.content
    data = json.loads(response.content)
    assert data["id"] == assertion_url(awarded)
    assert data["verification"] == {"type": "hosted"}
    assert data["recipient"] == {
        "type": "email",
        "hashed": True,
        "salt": awarded.salt,
        "identity": awarded.identity,
    }
    assert data["evidence"] == [{"id": "http://testserver/s/", "name": "S"}]
    assert data["issuedOn"].endswith("Z")


def test_a_revoked_assertion_answers_410_with_its_reason(client, awarded):
    awarded.revoked, awarded.revocation_reason = True, "Attribué par erreur"
    awarded.save()
    data = get_json(client, reverse("badges:assertion", args=[awarded.uid]), status=410)
    assert data["revoked"] is True
    assert data["revocationReason"] == "Attribué par erreur"
    assert client.get(reverse("badges:award_page", args=[awarded.uid])).status_code == 410


def test_a_revocation_leaves_the_page_cache_at_once(client, awarded, settings):
    from badges.awarding import revoke

    settings.PAGE_CACHE_SECONDS = 300
    urls = [
        reverse("badges:assertion", args=[awarded.uid]),
        reverse("badges:award_page", args=[awarded.uid]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200
        assert client.get(url)["X-Page-Cache"] == "hit"  # what a visitor now gets is the copy
    revoke(awarded, "Demande de la personne")
    for url in urls:
        assert client.get(url).status_code == 410, url


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_bakery_unbakes_png_and_svg_to_the_assertion_url(client, kind, awarded, svg_badge_class):
    if kind == "svg":
        with committed():
            awarded, _ = award(svg_badge_class, Candidate("ana@example.org"))
    response = client.get(reverse("badges:baked_image", args=[awarded.uid, kind]))
    assert response.status_code == 200
    unbaked = openbadges_bakery.unbake(io.BytesIO(response.content))
    assert unbaked == assertion_url(awarded)
    if kind == "png":
        assert unbaked_png_url(response.content) == unbaked
    else:
        root = etree.fromstring(response.content)
        assert root[0].tag == "{http://openbadges.org}assertion"


def test_the_email_has_text_html_and_the_baked_badge(awarded):
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "Participant assidu" in message.subject
    [(html, mime)] = message.alternatives
    assert mime == "text/html" and reverse("badges:award_page", args=[awarded.uid]) in html
    assert str(awarded.uid) in message.body
    [(_filename, content, attachment_mime)] = message.attachments
    assert attachment_mime == "image/png"
    assert openbadges_bakery.unbake(io.BytesIO(content)) == assertion_url(awarded)


def test_no_email_without_consent(badge_class):
    with committed():
        award(badge_class, Candidate("stranger@example.org"))
    assert mail.outbox == []
    EmailConsent.objects.create(email="Friend@example.org")
    with committed():
        award(badge_class, Candidate("friend@example.org"))
    assert [m.to for m in mail.outbox] == [["friend@example.org"]]


def test_the_badge_page_shows_the_badge_and_the_ways_to_keep_it(client, awarded):
    response = client.get(
        reverse("badges:award_page", args=[awarded.uid]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "https://www.linkedin.com/profile/add?" in html
    assert assertion_url(awarded) in html
    assert "Avoir participé aux sessions." in html
    assert 'href="http://testserver/s/"' in html
    assert "ana@example.org" not in html
    etree.fromstring(html.encode(), etree.HTMLParser(recover=False))


def test_the_earner_removes_their_badge_with_the_link_of_the_email(client, awarded):
    url = removal_url(awarded).removeprefix("http://testserver")
    assert client.get(url).status_code == 200
    bad = url.replace("jeton=", "jeton=x")
    assert client.post(bad.split("?")[0], {"jeton": "x"}).status_code == 403
    assert not Award.objects.get().revoked
    [token] = parse_qs(urlsplit(url).query)["jeton"]
    client.post(url.split("?")[0], {"jeton": token})
    awarded.refresh_from_db()
    assert awarded.revoked and awarded.revocation_reason
    assert client.get(reverse("badges:assertion", args=[awarded.uid])).status_code == 410
