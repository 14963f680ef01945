"""The earner's email through a real SMTP server (aiosmtpd): text, HTML, the baked badge."""

import io

import openbadges_bakery
import pytest

from badges.awarding import Candidate, award
from badges.urls_public import assertion_url, badge_page_url
from tests.webinars.conftest import smtp_server  # noqa: F401 - the fixture

from .conftest import committed, registered

pytestmark = pytest.mark.django_db


def test_the_award_email_arrives_with_text_html_and_the_baked_badge(
    smtp_server,  # noqa: F811
    home,
    session,
    svg_badge_class,
):
    registered(session, "ana@example.org", "Ana")
    with committed():
        awarded, _ = award(svg_badge_class, Candidate("ana@example.org", "Ana"))
    [message] = smtp_server.to("ana@example.org")
    assert message["Subject"].strip() == "Vous avez obtenu le badge « Passeur confirmé »"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert badge_page_url(awarded) in text and badge_page_url(awarded) in html
    assert "Bonjour Ana," in text and "/retrait/?jeton=" in html
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "image/svg+xml"
    baked = attachment.get_content()
    baked = baked.encode() if isinstance(baked, str) else baked
    assert openbadges_bakery.unbake(io.BytesIO(baked)) == assertion_url(awarded)
