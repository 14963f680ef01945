"""``EMAIL_URL`` as a relay's administrator writes it, sent through a real aiosmtpd server.

The password is percent-encoded in the URL, as RFC 3986 requires for ``@``, ``:`` and ``/``;
the relay must receive it decoded. A relay that stops answering must not hold a worker forever.
"""

import asyncio
import smtplib
import threading

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from config.settings.environment import email_config

from ..webinars.conftest import Mailbox, free_port

PASSWORD = "p@ss:w/rd%"
ENCODED_PASSWORD = "p%40ss%3Aw%2Frd%25"
USER = "relay@collectif.example.org"


class Authenticator:
    def __init__(self):
        self.attempts: list[tuple[str, str]] = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.attempts.append((login, password))
        assert isinstance(auth_data, LoginPassword)
        return AuthResult(success=(login, password) == (USER, PASSWORD))


@pytest.fixture
def use_email_url(monkeypatch, settings):
    """Apply ``EMAIL_URL`` exactly as the settings module does at start-up."""

    def apply(url: str) -> dict:
        monkeypatch.delenv("EMAIL_HOST", raising=False)
        monkeypatch.delenv("EMAIL_TIMEOUT", raising=False)
        monkeypatch.setenv("EMAIL_URL", url)
        config = email_config()
        for name, value in config.items():
            setattr(settings, name, value)
        return config

    return apply


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_password_with_reserved_characters_authenticates_at_the_relay(use_email_url):
    mailbox, authenticator = Mailbox(), Authenticator()
    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    try:
        use_email_url(f"smtp://relay%40collectif.example.org:{ENCODED_PASSWORD}@127.0.0.1:{port}")
        sent = mail.send_mail("Objet", "Corps", "site@example.org", ["ines@example.org"])
    finally:
        controller.stop()
    assert authenticator.attempts == [(USER, PASSWORD)]
    assert sent == 1
    [message] = mailbox.messages
    assert message["To"] == "ines@example.org"


class SilentAfterData(Mailbox):
    """Greets and accepts the envelope, then never answers the message: a stalled relay."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        while not self.release.is_set():
            await asyncio.sleep(0.05)
        return "451 4.3.0 Too late"


def test_a_relay_that_never_answers_gives_up_after_the_timeout(use_email_url):
    handler = SilentAfterData()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    outcome: list[BaseException | int] = []

    def send() -> None:
        try:
            outcome.append(mail.send_mail("Objet", "Corps", "a@example.org", ["b@example.org"]))
        except BaseException as error:
            outcome.append(error)

    try:
        use_email_url(f"smtp://127.0.0.1:{port}?timeout=1")
        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        # A guard so that the suite never hangs: without a timeout the send would wait forever.
        sender.join(120)
    finally:
        handler.release.set()
        controller.stop()
    assert not sender.is_alive(), "the send still waits for the relay"
    [error] = outcome
    assert isinstance(error, TimeoutError | smtplib.SMTPServerDisconnected), error
    assert "timed out" in str(error)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://user:secret@mail.example.org:587?starttls=1",
            {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True, "EMAIL_USE_SSL": False},
        ),
        (
            "smtps://user:secret@mail.example.org",
            {"EMAIL_PORT": 465, "EMAIL_USE_TLS": False, "EMAIL_USE_SSL": True},
        ),
        (
            "smtp://mail.example.org?starttls=0",
            {"EMAIL_PORT": 25, "EMAIL_USE_TLS": False, "EMAIL_HOST_USER": ""},
        ),
        # "tls" in a parameter's value is not the STARTTLS parameter (it was found by substring).
        ("smtp://mail.example.org?timeout=5", {"EMAIL_USE_TLS": False, "EMAIL_TIMEOUT": 5}),
        ("smtp+ssl://mail.example.org", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
    ],
)
def test_schemes_and_parameters_keep_the_readme_meaning(use_email_url, url, expected):
    config = use_email_url(url)
    assert {name: config[name] for name in expected} == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("smtp://mail.example.org?start_tls=1", "unknown parameter(s) start_tls"),
        ("smtp://mail.example.org?starttls=maybe", "starttls='maybe'"),
        ("smtps://mail.example.org?starttls=1", "already TLS"),
        ("imap://mail.example.org", "unknown scheme 'imap'"),
    ],
)
def test_a_mistyped_email_url_stops_the_start_with_a_clear_message(use_email_url, url, message):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL") as error:
        use_email_url(url)
    assert message in str(error.value)


def test_every_smtp_connection_has_a_timeout_by_default(monkeypatch):
    for name in ("EMAIL_URL", "EMAIL_HOST", "EMAIL_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    assert email_config()["EMAIL_TIMEOUT"] == 30
    monkeypatch.setenv("EMAIL_HOST", "mail.example.org")
    assert email_config()["EMAIL_TIMEOUT"] == 30
    monkeypatch.setenv("EMAIL_URL", "smtp://mail.example.org")
    monkeypatch.setenv("EMAIL_TIMEOUT", "12")
    assert email_config()["EMAIL_TIMEOUT"] == 12
