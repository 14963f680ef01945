"""A batch sent over several SMTP connections at once, against a real (slow) SMTP server."""

import asyncio
import threading
from collections import Counter

import pytest

from newsletter.models import Delivery, DeliveryStatus
from newsletter.sending import BatchSender, start_send
from newsletter.tasks import enqueue_batch

from .conftest import RecordingHandler, make_subscribers, serving

pytestmark = pytest.mark.django_db


class SlowHandler(RecordingHandler):
    """Answers DATA after ``delay`` seconds, as a relay far away would; notes how many
    messages were in progress at once, and each session's messages in order."""

    def __init__(self, delay: float = 0.05):
        super().__init__()
        self.delay = delay
        self.in_progress = 0
        self.most_at_once = 0
        self.by_session: dict[int, list[str]] = {}
        self.started_before_recorded: list[str] = []
        self.recorded: set[str] = set()
        self.recorded_lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        # A connection's previous message must be recorded before it starts the next one.
        previous = self.by_session.get(id(session), [])
        with self.recorded_lock:
            if previous and previous[-1] not in self.recorded:
                self.started_before_recorded.append(previous[-1])
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.in_progress += 1
        self.most_at_once = max(self.most_at_once, self.in_progress)
        await asyncio.sleep(self.delay)
        self.in_progress -= 1
        self.by_session.setdefault(id(session), []).extend(envelope.rcpt_tos)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp_server(settings):
    settings.SITE_URL = "https://collectif.example.org"
    settings.NEWSLETTER_SEND_RATE = 0
    with serving(SlowHandler(), settings) as handler:
        yield handler


@pytest.fixture
def recording_writes(slow_smtp_server, monkeypatch):
    """Tells the server which addresses the worker has recorded as sent (or refused)."""
    record = BatchSender.record

    def spy(self, attempts, outcome):
        record(self, attempts, outcome)
        with slow_smtp_server.recorded_lock:
            slow_smtp_server.recorded.update(a.item.subscriber.email for a in attempts)

    monkeypatch.setattr(BatchSender, "record", spy)


def send_now(issue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return start_send(issue, enqueue=enqueue_batch)


def test_a_batch_goes_out_over_several_connections_at_once_and_everyone_gets_one_message(
    slow_smtp_server, issue, settings, recording_writes, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 40
    settings.NEWSLETTER_SMTP_CONNECTIONS = 4
    subscribers = make_subscribers(40)

    send = send_now(issue, django_capture_on_commit_callbacks)

    assert slow_smtp_server.connections == 4
    assert slow_smtp_server.most_at_once == 4, "the connections must send at the same time"
    assert len(slow_smtp_server.by_session) == 4
    assert all(len(sent) >= 5 for sent in slow_smtp_server.by_session.values())
    received = Counter(slow_smtp_server.recipients())
    assert set(received) == {s.email for s in subscribers}
    assert max(received.values()) == 1
    assert send.progress() == {"total": 40, "sent": 40, "failed": 0, "skipped": 0, "waiting": 0}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}
    # The window a crash could resend stays one message per connection, a few ms long.
    assert slow_smtp_server.started_before_recorded == []


def test_a_batch_opens_no_more_connections_than_it_has_tens_of_messages(
    slow_smtp_server, issue, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 25
    settings.NEWSLETTER_SMTP_CONNECTIONS = 8
    make_subscribers(25)

    send = send_now(issue, django_capture_on_commit_callbacks)

    assert slow_smtp_server.connections == 2
    assert send.progress()["sent"] == 25


def test_refusals_on_parallel_connections_are_recorded_with_the_messages_sent(
    slow_smtp_server, issue, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 30
    settings.NEWSLETTER_SMTP_CONNECTIONS = 3
    subscribers = make_subscribers(30)
    refused = {subscribers[n].email for n in (3, 14, 25)}
    for address in refused:
        slow_smtp_server.refuse[address] = "550 5.1.1 No such user"

    send = send_now(issue, django_capture_on_commit_callbacks)

    assert send.progress() == {"total": 30, "sent": 27, "failed": 3, "skipped": 0, "waiting": 0}
    failed = Delivery.objects.filter(status=DeliveryStatus.FAILED)
    assert {d.subscriber.email for d in failed} == refused
    assert not refused & set(slow_smtp_server.recipients())


def test_a_connection_that_cannot_open_leaves_its_share_to_the_others(
    slow_smtp_server, issue, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 30
    settings.NEWSLETTER_SMTP_CONNECTIONS = 3
    subscribers = make_subscribers(30)
    opened = []
    open_connection = BatchSender.open_connection

    def one_refused(self):
        connection = open_connection(self)
        opened.append(connection)
        if len(opened) == 1:
            connection.port = 1  # nothing listens there
        return connection

    monkeypatch.setattr(BatchSender, "open_connection", one_refused)

    send = send_now(issue, django_capture_on_commit_callbacks)

    assert slow_smtp_server.connections == 2
    assert sorted(slow_smtp_server.recipients()) == sorted(s.email for s in subscribers)
    assert send.progress()["sent"] == 30
    send.refresh_from_db()
    assert send.not_before is None and send.finished_at is not None
