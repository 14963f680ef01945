"""Several SMTP connections at once, each on its own thread; the database stays on the caller's.

A message costs at least three round trips to the relay (MAIL, RCPT, DATA), so one connection
to a relay 20 ms away carries at most about 16 messages a second, whatever the rest costs.
Mailers (Postfix, provider SDKs) open several connections in parallel; so does this pool.

The threads only speak SMTP. Building messages and every database write happen on the thread
that calls ``run`` (one SQLite writer, no "database is locked", no per-thread connections),
which receives the outcomes as they come and records them in groups. A connection waits until
its last outcome is recorded before it starts its next message: at any moment at most one
message per connection has been accepted by the relay without being recorded yet.
"""

import logging
import queue
import smtplib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

SENT = "sent"
REFUSED = "refused"  # the relay answered with an error code: this message, not the connection
UNSENDABLE = "unsendable"  # the message cannot be built or serialized: retrying cannot help
BROKEN = "broken"  # the connection died during this message: it was not accepted
UNTRIED = "untried"  # never sent: the pool stopped, or no connection could be opened

_EXITED = object()  # a connection thread's last word on the results queue


@dataclass(eq=False)
class Attempt:
    """One message to send: ``item`` is the caller's (a delivery), the rest the outcome."""

    item: object
    message: object = None
    outcome: str = UNTRIED
    code: int = 0
    reason: str = ""
    error: Exception | None = None
    recorded: threading.Event = field(default_factory=threading.Event, repr=False)


class SmtpPool:
    """Sends messages over ``size`` connections made by ``connect`` (Django email backends).

    ``interval`` (seconds) spaces the start of consecutive messages across all connections:
    the rate limit stays the same however many connections there are.
    """

    def __init__(self, connect: Callable[[], object], size: int, interval: float = 0.0):
        self.connect = connect
        self.size = max(1, size)
        self.interval = interval
        self.work: queue.Queue = queue.Queue()
        self.results: queue.Queue = queue.Queue()
        self.stop = threading.Event()
        self.open_errors: list[Exception] = []
        self.next_slot = 0.0
        self.slot_lock = threading.Lock()

    def run(
        self,
        items: Iterable,
        build: Callable[[object], object],
        record: Callable[[list[Attempt]], None],
        tick: Callable[[], None] = lambda: None,
        tick_every: float = 60.0,
    ) -> list[Attempt]:
        """Send one message per item; return every attempt, in the order outcomes came.

        On this thread: ``build(item)`` makes the message (an exception makes it
        ``UNSENDABLE``); ``record(attempts)`` stores outcomes, and a connection whose attempt
        is in the list starts its next message only once it returns; ``tick()`` runs at least
        every ``tick_every`` seconds (the lease renewal). A broken connection stops the pool:
        what was not sent yet comes back ``UNTRIED``, as does everything when no connection
        opens.
        """
        feed = iter(items)
        fed_all = False
        waiting: set[Attempt] = set()  # handed to a thread, outcome not recorded yet
        done: list[Attempt] = []
        threads = [
            threading.Thread(target=self._connection, name=f"smtp-{n}", daemon=True)
            for n in range(self.size)
        ]
        for thread in threads:
            thread.start()

        def top_up() -> None:
            """Keep ``size`` messages ready; once there is nothing more to send, say so."""
            nonlocal fed_all
            if fed_all:
                return
            while not self.stop.is_set() and self.work.qsize() < self.size:
                item = next(feed, _EXITED)
                if item is _EXITED:
                    break
                attempt = Attempt(item)
                waiting.add(attempt)
                try:
                    attempt.message = build(item)
                except Exception as error:
                    attempt.outcome, attempt.error = UNSENDABLE, error
                    self.results.put(attempt)
                else:
                    self.work.put(attempt)
            else:
                if not self.stop.is_set():
                    return  # the queue is full: more once outcomes come back
            fed_all = True
            for _thread in threads:
                self.work.put(None)

        exited = 0
        next_tick = time.monotonic() + tick_every
        try:
            top_up()
            while exited < len(threads):
                try:
                    first = self.results.get(timeout=max(0.0, next_tick - time.monotonic()))
                except queue.Empty:
                    first = None
                group = [] if first is None else [first]
                while True:
                    try:
                        group.append(self.results.get_nowait())
                    except queue.Empty:
                        break
                attempts = [a for a in group if a is not _EXITED]
                exited += len(group) - len(attempts)
                if attempts:
                    record(attempts)
                    for attempt in attempts:
                        waiting.discard(attempt)
                        attempt.recorded.set()
                    done += attempts
                if time.monotonic() >= next_tick:
                    tick()
                    next_tick = time.monotonic() + tick_every
                top_up()
        finally:
            # Normally a no-op; after an exception in ``record`` or ``tick``, frees the threads.
            self.stop.set()
            for attempt in waiting:
                attempt.recorded.set()
            for _thread in threads:
                self.work.put(None)
            for thread in threads:
                thread.join(timeout=5)
        # Left in the queue when every connection ended early (none opened, or all broke).
        while True:
            try:
                attempt = self.work.get_nowait()
            except queue.Empty:
                break
            if attempt is not None:
                done.append(attempt)
        done += [Attempt(item) for item in feed]
        return done

    # -- the connection threads -------------------------------------------------------------

    def _connection(self) -> None:
        try:
            connection = self.connect()
            try:
                connection.open()
            except (OSError, smtplib.SMTPException) as error:
                self.open_errors.append(error)
                logger.warning("SMTP connection could not be opened: %s", error)
                return
            try:
                while True:
                    attempt = self.work.get()
                    if attempt is None:
                        return
                    if self.stop.is_set():
                        self.results.put(attempt)  # outcome stays UNTRIED
                        continue
                    self._wait_for_slot()
                    self._send(connection, attempt)
                    self.results.put(attempt)
                    attempt.recorded.wait()
                    if attempt.outcome == BROKEN:
                        return
            finally:
                try:
                    connection.close()
                except Exception:  # closing a dead connection must not hide the real outcome
                    logger.debug("SMTP connection close failed", exc_info=True)
        finally:
            self.results.put(_EXITED)

    def _wait_for_slot(self) -> None:
        if self.interval <= 0:
            return
        with self.slot_lock:
            slot = max(self.next_slot, time.monotonic())
            self.next_slot = slot + self.interval
        wait = slot - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def _send(self, connection, attempt: Attempt) -> None:
        try:
            connection.send_messages([attempt.message])
        except smtplib.SMTPResponseException as error:
            attempt.outcome, attempt.code = REFUSED, error.smtp_code
            attempt.reason = _text(error.smtp_error)
        except smtplib.SMTPRecipientsRefused as error:
            code, reason = next(iter(error.recipients.values()), (550, b""))
            attempt.outcome, attempt.code, attempt.reason = REFUSED, code, _text(reason)
        except (OSError, smtplib.SMTPException) as error:
            # The connection died: this message was not accepted (no "250").
            attempt.outcome, attempt.error = BROKEN, error
            self.stop.set()
        except Exception as error:
            # E.g. ``BadHeaderError`` while serializing: the message itself is at fault.
            attempt.outcome, attempt.error = UNSENDABLE, error
        else:
            attempt.outcome = SENT


def _text(reason) -> str:
    return reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)
