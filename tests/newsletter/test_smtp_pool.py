"""The connection pool alone, with stand-in connections: every item comes back exactly once."""

import smtplib
import threading
import time
from collections import Counter

import pytest

from newsletter.smtp_pool import BROKEN, SENT, UNSENDABLE, UNTRIED, SmtpPool


class FakeConnection:
    """Takes ``delay`` per message; breaks on the message named ``breaks_on``. With a
    ``recorded`` set, notes in ``early`` a message started before the previous was recorded."""

    def __init__(self, log, delay=0.005, breaks_on=None, opens=True, recorded=None, early=None):
        self.log, self.delay, self.breaks_on, self.opens = log, delay, breaks_on, opens
        self.recorded, self.early, self.last = recorded, early, None

    def open(self):
        if not self.opens:
            raise ConnectionRefusedError("refused")

    def close(self):
        pass

    def send_messages(self, messages):
        (message,) = messages
        if message == "bad":
            raise ValueError("cannot serialize")
        if self.recorded is not None and self.last and self.last not in self.recorded:
            self.early.append(self.last)
        self.last = message
        time.sleep(self.delay)
        if message == self.breaks_on:
            raise smtplib.SMTPServerDisconnected("gone")
        self.log.append((threading.current_thread().name, message))
        return 1


def test_every_message_is_sent_once_and_recorded_before_its_connection_goes_on():
    log, recorded, early = [], set(), []

    def record(attempts):
        time.sleep(0.002)  # a slow database write
        recorded.update(attempt.message for attempt in attempts)

    pool = SmtpPool(lambda: FakeConnection(log, recorded=recorded, early=early), 4)
    attempts = pool.run(range(50), build=lambda n: f"m{n}", record=record)

    assert Counter(a.item for a in attempts) == Counter(range(50))
    assert {a.outcome for a in attempts} == {SENT}
    assert sorted(m for _thread, m in log) == sorted(f"m{n}" for n in range(50))
    assert len({thread for thread, _m in log}) == 4
    assert recorded == {f"m{n}" for n in range(50)}
    assert early == []


def test_a_broken_connection_stops_the_pool_and_the_rest_comes_back_untried():
    log = []
    pool = SmtpPool(lambda: FakeConnection(log, breaks_on="m10"), 3)
    attempts = pool.run(range(60), build=lambda n: f"m{n}", record=lambda attempts: None)

    assert Counter(a.item for a in attempts) == Counter(range(60))
    outcomes = {a.item: a.outcome for a in attempts}
    assert outcomes[10] == BROKEN
    assert set(outcomes.values()) == {SENT, BROKEN, UNTRIED}
    sent = {n for n, outcome in outcomes.items() if outcome == SENT}
    assert {f"m{n}" for n in sent} == {m for _thread, m in log}
    # After the break, only messages already under way on the other connections went out.
    assert max(sent) < 20
    assert list(outcomes.values()).count(UNTRIED) > 35


def test_when_no_connection_opens_everything_comes_back_untried():
    pool = SmtpPool(lambda: FakeConnection([], opens=False), 3)
    attempts = pool.run(range(20), build=str, record=lambda attempts: None)

    assert sorted(a.item for a in attempts) == list(range(20))
    assert {a.outcome for a in attempts} == {UNTRIED}
    assert len(pool.open_errors) == 3


def test_a_message_that_cannot_be_built_or_serialized_is_unsendable_and_the_rest_goes_on():
    log = []

    def build(n):
        if n == 3:
            raise ValueError("bad header")
        return "bad" if n == 5 else f"m{n}"

    pool = SmtpPool(lambda: FakeConnection(log), 2)
    attempts = pool.run(range(10), build=build, record=lambda attempts: None)

    outcomes = {a.item: a.outcome for a in attempts}
    assert outcomes[3] == outcomes[5] == UNSENDABLE
    assert sorted(n for n, outcome in outcomes.items() if outcome == SENT) == [
        0, 1, 2, 4, 6, 7, 8, 9
    ]  # fmt: skip


def test_the_rate_limit_holds_across_all_connections():
    log = []
    pool = SmtpPool(lambda: FakeConnection(log, delay=0), 4, interval=0.02)
    started = time.monotonic()
    pool.run(range(11), build=str, record=lambda attempts: None)
    assert time.monotonic() - started >= 0.2


def test_a_failing_write_stops_the_connections_instead_of_leaving_them_waiting():
    def record(attempts):
        raise RuntimeError("database is gone")

    pool = SmtpPool(lambda: FakeConnection([]), 3)
    with pytest.raises(RuntimeError):
        pool.run(range(30), build=str, record=record)
    time.sleep(0.2)
    assert not [t for t in threading.enumerate() if t.name.startswith("smtp-")]
