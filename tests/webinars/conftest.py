import email
import email.policy
import socket
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import WebinarIndexPageFactory, WebinarPageFactory


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sessions_index(home):
    return WebinarIndexPageFactory(parent=home, slug="sessions", title="Sessions")


@pytest.fixture
def session(sessions_index):
    return WebinarPageFactory(parent=sessions_index, capacity=2, title="Évaluer autrement")


@pytest.fixture
def past_session(sessions_index):
    start = timezone.now() - timedelta(days=30)
    return WebinarPageFactory(
        parent=sessions_index, start=start, end=start + timedelta(hours=1), title="Session passée"
    )


class Mailbox:
    """Messages received by the real SMTP server, parsed with the standard library."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in m["To"]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """An aiosmtpd server on 127.0.0.1; Django sends to it through its SMTP backend."""
    aiosmtpd = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is not installed")
    mailbox = Mailbox()
    port = free_port()
    controller = aiosmtpd.Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield mailbox
    controller.stop()
