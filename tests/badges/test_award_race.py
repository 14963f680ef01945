"""Concurrent rule runs against PostgreSQL: the unique constraint makes them award once."""

import pytest
from django.db import connection

from badges.models import Award, AwardRule, RuleKind
from badges.rules import run_rule
from tests.factories import WebinarIndexPageFactory, make_site_with_home
from tests.webinars.test_registration_race import run_together

from .conftest import make_badge_class, past_session, registered

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
]


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent inserts are only exercised on PostgreSQL (DATABASE_URL=postgres)")


def test_ten_simultaneous_runs_of_a_rule_award_each_address_once(postgres):
    index = WebinarIndexPageFactory(parent=make_site_with_home())
    session = past_session(index, "Session courue")
    for i in range(5):
        registered(session, f"p{i}@example.org", attended=True)
    rule = AwardRule.objects.create(
        badge_class=make_badge_class(), kind=RuleKind.SESSION, session=session
    )
    results = run_together(10, lambda i: run_rule(rule))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(results) == 5
    assert Award.objects.count() == 5
