"""Badges: two classes with their rules, and two awards whose pages `make run` shows."""

import uuid

from django.conf import settings
from django.core.files import File
from django.db import transaction

from badges.models import Award, AwardRule, BadgeClass, RuleKind
from community.models import Role
from webinars.models import WebinarPage

from .common import DATA_DIR, Report, read_data


@transaction.atomic
def load(report: Report) -> None:
    data = read_data("badges.toml")
    classes = {spec["slug"]: load_class(spec, report) for spec in data["classes"]}
    for spec in data["awards"]:
        load_award(classes[spec["class"]], spec, report)


def load_class(spec: dict, report: Report) -> BadgeClass:
    badge_class = BadgeClass.objects.filter(slug=spec["slug"]).first()
    created = badge_class is None
    if created:
        badge_class = BadgeClass(
            slug=spec["slug"],
            name=spec["name"],
            description=spec["description"],
            criteria_text=spec["criteria"],
            tags=spec.get("tags", ""),
            alignment_name=spec.get("alignment_name", ""),
            alignment_framework=spec.get("alignment_framework", ""),
            alignment_code=spec.get("alignment_code", ""),
        )
        with (DATA_DIR / "badges" / spec["image"]).open("rb") as image:
            badge_class.image.save(spec["image"], File(image), save=False)
        badge_class.save()
        load_rule(badge_class, spec)
    report.add(f"badge class {badge_class.slug}", created)
    return badge_class


def load_rule(badge_class: BadgeClass, spec: dict) -> None:
    if spec.get("session"):
        session = WebinarPage.objects.filter(slug=spec["session"]).first()
        if session is not None:
            AwardRule.objects.create(
                badge_class=badge_class, kind=RuleKind.SESSION, session=session
            )
    elif spec.get("role"):
        role = Role.objects.filter(slug=spec["role"]).first()
        if role is not None:
            AwardRule.objects.create(
                badge_class=badge_class, kind=RuleKind.ROLE, role=role, count=spec["count"]
            )


def load_award(badge_class: BadgeClass, spec: dict, report: Report) -> None:
    session = WebinarPage.objects.filter(slug=spec["evidence"]).first()
    evidence = (
        [{"id": settings.SITE_URL + session.url, "name": session.title}]
        if session and session.url
        else []
    )
    _award, created = Award.objects.get_or_create(
        uid=uuid.UUID(spec["uid"]),
        defaults={
            "badge_class": badge_class,
            "email": spec["email"],
            "name": spec["name"],
            "evidence": evidence,
        },
    )
    report.add(f"badge award {spec['uid']}", created)
