"""Simultaneous registrations against PostgreSQL: capacity and uniqueness hold under races."""

import threading

import pytest
from django.db import connection, connections

from tests.factories import WebinarIndexPageFactory, WebinarPageFactory, make_site_with_home
from webinars import registrations
from webinars.models import Registration, RegistrationStatus

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only exercised on PostgreSQL (run with DATABASE_URL=postgres)")


def run_together(count: int, work) -> list:
    """Start ``count`` threads that call ``work(i)`` at the same moment; their results."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def runner(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # the test inspects what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def make_session(capacity: int):
    home = make_site_with_home()
    index = WebinarIndexPageFactory(parent=home)
    return WebinarPageFactory(parent=index, capacity=capacity)


def test_twenty_simultaneous_registrations_never_exceed_five_places(postgres):
    session = make_session(capacity=5)
    results = run_together(
        20, lambda i: registrations.register(session, name=f"P{i}", email=f"p{i}@example.org")
    )
    assert not [r for r in results if isinstance(r, Exception)]
    statuses = list(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 5
    assert statuses.count(RegistrationStatus.WAITING) == 15


def test_the_same_address_sent_ten_times_at_once_makes_one_row(postgres):
    session = make_session(capacity=5)
    results = run_together(
        10, lambda i: registrations.register(session, name="Sam", email="SAM@example.org")
    )
    created = [r for r in results if isinstance(r, Registration)]
    duplicates = [r for r in results if isinstance(r, registrations.AlreadyRegistered)]
    assert len(created) == 1 and len(duplicates) == 9
    assert Registration.objects.filter(session=session).count() == 1


def test_simultaneous_cancellations_promote_exactly_as_many_as_freed(postgres):
    session = make_session(capacity=3)
    people = [
        registrations.register(session, name=f"P{i}", email=f"p{i}@example.org") for i in range(8)
    ]
    confirmed = [p for p in people if p.status == RegistrationStatus.CONFIRMED]
    run_together(3, lambda i: registrations.cancel(confirmed[i].pk))
    rows = Registration.objects.filter(session=session)
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 3
    assert rows.filter(status=RegistrationStatus.CANCELLED).count() == 3
    promoted = rows.filter(promoted_at__isnull=False).order_by("created_at")
    assert [p.email for p in promoted] == ["p3@example.org", "p4@example.org", "p5@example.org"]
