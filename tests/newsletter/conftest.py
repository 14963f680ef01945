"""A real SMTP server (aiosmtpd) on 127.0.0.1 and a small newsletter site."""

import socket
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from newsletter.models import Subscriber, SubscriberStatus
from tests.factories import NewsletterIndexPageFactory, NewsletterPageFactory


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RecordingHandler:
    """Keeps every accepted message; ``refuse`` maps an address to an SMTP reply for RCPT."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    connections: int = 0
    refuse: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        return [rcpt for _sender, rcpts in self.envelopes for rcpt in rcpts]


@contextmanager
def serving(handler, settings):
    """An aiosmtpd server with ``handler`` on a free port, and Django's SMTP backend aimed at it."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def smtp_server(settings):
    with serving(RecordingHandler(), settings) as handler:
        yield handler


@pytest.fixture
def archive(home):
    return NewsletterIndexPageFactory(parent=home)


@pytest.fixture
def issue(archive):
    return NewsletterPageFactory(
        parent=archive,
        title="Lettre de novembre",
        subject="Les nouvelles de novembre",
        intro="Ce mois-ci au collectif.",
        body=[
            ("heading", {"text": "Le mot de la rédactrice", "level": "h2"}),
            (
                "paragraph",
                '<p>Bonjour à toutes et à tous, <a href="/a-propos/">lisez ceci</a>.</p>',
            ),
        ],
    )


def make_subscribers(count: int, language: str = "fr", status=SubscriberStatus.CONFIRMED):
    return Subscriber.objects.bulk_create(
        Subscriber(email=f"{language}-{status}-{n}@example.org", language=language, status=status)
        for n in range(count)
    )
