import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import TestCase
from django.utils import timezone
from PIL import Image

from badges.models import AwardRule, BadgeClass, RuleKind
from tests.factories import WebinarIndexPageFactory, WebinarPageFactory
from webinars.models import Registration

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">'
    b'<circle cx="200" cy="200" r="190" fill="#1d4e89"/></svg>'
)


def png_bytes(width: int = 400, height: int = 400) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1d4e89").save(buffer, "PNG")
    return buffer.getvalue()


def make_badge_class(name="Participant assidu", kind="png", **fields) -> BadgeClass:
    content = png_bytes() if kind == "png" else SVG
    badge_class = BadgeClass(
        name=name,
        description="Reconnaît une participation régulière.",
        criteria_text="Avoir participé aux sessions.",
        tags="participation, webinaire",
        **fields,
    )
    badge_class.image.save(f"badge.{kind}", ContentFile(content), save=False)
    badge_class.save()
    return badge_class


@pytest.fixture
def badge_class(db):
    return make_badge_class()


@pytest.fixture
def svg_badge_class(db):
    return make_badge_class("Passeur confirmé", kind="svg")


@pytest.fixture
def sessions_index(home):
    return WebinarIndexPageFactory(parent=home, slug="sessions", title="Sessions")


def past_session(index, title: str, days_ago: int = 10, **fields):
    start = timezone.now() - timedelta(days=days_ago)
    return WebinarPageFactory(
        parent=index, title=title, start=start, end=start + timedelta(hours=1), **fields
    )


def registered(session, email: str, name: str = "Alex", attended: bool = False):
    """A registration; what it sets in motion after the commit (rules, emails) runs at once."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return Registration.objects.create(
            session=session, name=name, email=email, consent_at=timezone.now(), attended=attended
        )


def committed():
    """Run what the block leaves for after the commit, as a real transaction would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.fixture
def session(sessions_index):
    return past_session(sessions_index, "Évaluer autrement")


@pytest.fixture
def session_rule(badge_class, session):
    return AwardRule.objects.create(badge_class=badge_class, kind=RuleKind.SESSION, session=session)
