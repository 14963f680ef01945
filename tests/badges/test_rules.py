"""Rules award from attendance and credits, once per badge class and address."""

import hashlib
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from badges.models import Award, AwardRule, RuleKind, hash_email
from badges.rules import run_rule
from community.models import Credit, Person, Role
from tests.factories import StandardPageFactory
from webinars.attendance import mark_attendance

from .conftest import committed, make_badge_class, past_session, registered

pytestmark = pytest.mark.django_db


def test_importing_the_same_attendance_twice_awards_once(session_rule, session):
    registered(session, "Ana@Example.org", "Ana")
    registered(session, "bo@example.org", "Bo")
    with committed():
        mark_attendance(session, {"ana@example.org"})
    with committed():
        mark_attendance(session, {"ana@example.org"})
    awards = Award.objects.filter(badge_class=session_rule.badge_class)
    assert [a.email for a in awards] == ["ana@example.org"]
    assert awards[0].rule == session_rule
    assert awards[0].evidence[0]["name"] == "Évaluer autrement"


def test_running_a_rule_twice_awards_once(session_rule, session):
    registered(session, "ana@example.org", attended=True)
    registered(session, "bo@example.org", attended=True)
    Award.objects.all().delete()
    assert run_rule(session_rule) == 2
    assert run_rule(session_rule) == 0
    assert Award.objects.count() == 2


def test_a_revoked_award_is_not_given_back_by_the_rule(session_rule, session):
    registered(session, "ana@example.org", attended=True)
    Award.objects.update(revoked=True, revocation_reason="Erreur")
    run_rule(session_rule)
    assert Award.objects.get().revoked


def test_format_rule_counts_sessions_of_that_format_in_the_period(sessions_index, badge_class):
    rule = AwardRule.objects.create(
        badge_class=badge_class,
        kind=RuleKind.FORMAT,
        session_format="atelier",
        count=2,
        period_start=date.today() - timedelta(days=60),
        period_end=date.today(),
    )
    workshops = [
        past_session(sessions_index, f"Atelier {i}", days_ago=5 + i, session_format="atelier")
        for i in range(2)
    ]
    old = past_session(sessions_index, "Vieil atelier", days_ago=200, session_format="atelier")
    webinar = past_session(sessions_index, "Webinaire", session_format="webinaire")
    registered(workshops[0], "two@example.org", attended=True)
    registered(workshops[1], "two@example.org", attended=True)
    registered(workshops[0], "one@example.org", attended=True)
    registered(old, "one@example.org", attended=True)
    registered(webinar, "one@example.org", attended=True)
    registered(workshops[1], "absent@example.org", attended=False)
    run_rule(rule)
    assert list(Award.objects.values_list("email", flat=True)) == ["two@example.org"]
    assert len(Award.objects.get().evidence) == 2


def test_role_rule_counts_credits_of_people_with_an_address(home, badge_class, django_user_model):
    passeur = Role.objects.get(slug="passeur")
    rule = AwardRule.objects.create(
        badge_class=badge_class, kind=RuleKind.ROLE, role=passeur, count=2
    )
    user = django_user_model.objects.create_user("claire", "claire@example.org", "pw")
    claire = Person.objects.create(name="Claire", user=user)
    once = Person.objects.create(
        name="Once", user=django_user_model.objects.create_user("o", "o@example.org", "pw")
    )
    pages = [StandardPageFactory(parent=home, title=f"Page {i}") for i in range(2)]
    draft = StandardPageFactory(parent=home, title="Brouillon", live=False)
    with committed():
        Credit.objects.create(page=pages[0], person=once, role=passeur)
        Credit.objects.create(page=draft, person=once, role=passeur)  # a draft does not count
        Credit.objects.create(page=pages[0], person=claire, role=passeur)
    assert not Award.objects.exists()
    with committed():  # saving the credit runs the rule
        Credit.objects.create(page=pages[1], person=claire, role=passeur)
    awarded = Award.objects.get()
    assert (awarded.email, awarded.person, awarded.rule) == ("claire@example.org", claire, rule)


def test_the_command_runs_every_active_rule(session_rule, session):
    registered(session, "ana@example.org", attended=True)
    Award.objects.all().delete()
    AwardRule.objects.create(
        badge_class=make_badge_class("Inactif"),
        kind=RuleKind.SESSION,
        session=session,
        active=False,
    )
    call_command("award_badges", verbosity=0)
    assert list(Award.objects.values_list("badge_class__name", flat=True)) == ["Participant assidu"]


def test_recipient_identity_is_a_salted_sha256_of_the_address(session_rule, session):
    registered(session, "ana@example.org", attended=True)
    awarded = Award.objects.get()
    expected = hashlib.sha256(("ana@example.org" + awarded.salt).encode()).hexdigest()
    assert awarded.identity == f"sha256${expected}" == hash_email("ANA@example.org ", awarded.salt)
    assert len(awarded.salt) == 32


def test_an_expiring_class_gives_awards_an_expiry(session, badge_class):
    badge_class.valid_for_days = 365
    badge_class.save()
    AwardRule.objects.create(badge_class=badge_class, kind=RuleKind.SESSION, session=session)
    registered(session, "ana@example.org", attended=True)
    awarded = Award.objects.get()
    assert awarded.expires - awarded.issued_on == timedelta(days=365)
    assert awarded.expires > timezone.now()


@pytest.mark.django_db
def test_an_award_drawing_a_status_index_just_taken_draws_again(badge_class, monkeypatch):
    from badges.awarding import Candidate, award

    first, _ = award(badge_class, Candidate("anne@example.org"))
    # What two simultaneous awards meet: the index drawn was free when drawn, taken at insert.
    draws = iter([first.status_index, (first.status_index + 1) % 131072])
    field = Award._meta.get_field("status_index")
    monkeypatch.setattr(field, "_get_default", lambda: next(draws))  # what Django calls
    second, created = award(badge_class, Candidate("bruno@example.org"))
    assert created and second.status_index == (first.status_index + 1) % 131072
    assert Award.objects.count() == 2
