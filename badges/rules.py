"""Who meets an award rule, read from what the site already knows: attendance and credits."""

from collections import defaultdict
from datetime import datetime, time

from django.db.models.functions import Lower
from django_tasks import task
from wagtail.models import Page

from badges.awarding import Candidate, award
from badges.models import AwardRule, RuleKind
from badges.urls_public import public_url
from community.contributions import visible_credits
from media_pages.visibility import visible_pages
from webinars.choices import PARIS
from webinars.models import Registration, RegistrationStatus


def _attended():
    return (
        Registration.objects.filter(attended=True)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("session")
        .annotate(address=Lower("email"))
        .order_by("created_at", "pk")
    )


def _evidence(page: Page) -> dict:
    return {"id": public_url(page.url or "/"), "name": page.title}


def _grouped_by_address(registrations) -> dict[str, list[Registration]]:
    grouped: dict[str, list[Registration]] = defaultdict(list)
    for registration in registrations:
        grouped[registration.address].append(registration)
    return grouped


def _from_registrations(grouped: dict[str, list[Registration]], needed: int) -> list[Candidate]:
    candidates = []
    for address, registrations in sorted(grouped.items()):
        sessions = {r.session_id: r.session for r in registrations}
        if len(sessions) >= needed:
            candidates.append(
                Candidate(
                    email=address,
                    name=registrations[0].name,
                    evidence=[_evidence(s) for s in sessions.values()],
                )
            )
    return candidates


def _boundary(day, end: bool) -> datetime:
    return datetime.combine(day, time.max if end else time.min, tzinfo=PARIS)


def session_candidates(rule: AwardRule) -> list[Candidate]:
    return _from_registrations(_grouped_by_address(_attended().filter(session=rule.session)), 1)


def format_candidates(rule: AwardRule) -> list[Candidate]:
    registrations = _attended().filter(session__session_format=rule.session_format)
    if rule.period_start:
        registrations = registrations.filter(
            session__start__gte=_boundary(rule.period_start, False)
        )
    if rule.period_end:
        registrations = registrations.filter(session__start__lte=_boundary(rule.period_end, True))
    return _from_registrations(_grouped_by_address(registrations), rule.count)


def role_candidates(rule: AwardRule) -> list[Candidate]:
    """People credited often enough on pages visitors see, who have an account with an address."""
    credits = (
        visible_credits(visible_pages())
        .filter(role=rule.role)
        .exclude(person__user__isnull=True)
        .exclude(person__user__email="")
        .select_related("person__user", "page")
        .order_by("page__first_published_at", "pk")
    )
    by_person: dict[int, list] = defaultdict(list)
    for credit in credits:
        by_person[credit.person_id].append(credit)
    candidates = []
    for person_credits in by_person.values():
        pages = {credit.page_id: credit.page for credit in person_credits}
        if len(pages) >= rule.count:
            person = person_credits[0].person
            candidates.append(
                Candidate(
                    email=person.user.email,
                    name=person.name,
                    person_id=person.pk,
                    evidence=[_evidence(page) for page in pages.values()],
                )
            )
    return candidates


CANDIDATES = {
    RuleKind.SESSION: session_candidates,
    RuleKind.FORMAT: format_candidates,
    RuleKind.ROLE: role_candidates,
}


def run_rule(rule: AwardRule) -> int:
    """Award the rule's badge class to everyone who meets it; the number of new awards."""
    if not rule.active:
        return 0
    new = 0
    for candidate in CANDIDATES[rule.kind](rule):
        _award, created = award(rule.badge_class, candidate, rule=rule)
        new += created
    return new


def run_rules(rules=None) -> int:
    rules = AwardRule.objects.filter(active=True) if rules is None else rules
    return sum(run_rule(rule) for rule in rules.select_related("badge_class", "session", "role"))


@task()
def run_award_rules(rule_ids: list[int]) -> int:
    """The rules that attendance or a credit may now satisfy, run by the task worker."""
    return run_rules(AwardRule.objects.filter(pk__in=rule_ids, active=True))
