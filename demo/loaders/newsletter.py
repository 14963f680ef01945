"""The newsletter archive, an archived issue, a draft issue and confirmed subscribers."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from newsletter.models import (
    ConsentAction,
    ConsentRecord,
    NewsletterIndexPage,
    NewsletterPage,
    Subscriber,
    SubscriberStatus,
)
from newsletter.models.subscribers import consent_version

from . import Report, read_data
from .streamfield import stream_data


@transaction.atomic
def load(report: Report) -> None:
    data = read_data("newsletter.toml")
    home = Site.objects.get(is_default_site=True).root_page.specific
    archive = load_archive(home, data["archive"], report)
    for spec in data["issues"]:
        load_issue(archive, spec, report)
    for spec in data["subscribers"]:
        load_subscriber(spec, archive.consent_text, report)


def load_archive(home, spec: dict, report: Report) -> NewsletterIndexPage:
    existing = home.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        report.add("newsletter archive", False)
        return existing.specific
    archive = NewsletterIndexPage(
        title=spec["title"], slug=spec["slug"], intro=spec["intro"], show_in_menus=True
    )
    home.add_child(instance=archive)
    archive.save_revision().publish()
    report.add("newsletter archive", True)
    return archive


def load_issue(archive: NewsletterIndexPage, spec: dict, report: Report) -> None:
    if archive.get_children().filter(slug=spec["slug"]).exists():
        report.add(f"newsletter issue {spec['slug']}", False)
        return
    issue = NewsletterPage(
        title=spec["title"],
        slug=spec["slug"],
        subject=spec["subject"],
        preheader=spec["preheader"],
        intro=spec["intro"],
        language="fr",
        body=stream_data(spec["body"]),
        live=False,
    )
    archive.add_child(instance=issue)
    revision = issue.save_revision()
    if spec["live"]:
        revision.publish()
    report.add(f"newsletter issue {spec['slug']}", True)


def load_subscriber(spec: dict, consent_text: str, report: Report) -> None:
    subscriber, created = Subscriber.objects.get_or_create(
        email=spec["email"],
        defaults={
            "language": spec["language"],
            "status": SubscriberStatus.CONFIRMED,
            "confirmed_at": timezone.now(),
        },
    )
    if created:
        for action in (ConsentAction.REQUESTED, ConsentAction.CONFIRMED):
            ConsentRecord.objects.create(
                subscriber=subscriber,
                action=action,
                consent_text=consent_text,
                consent_version=consent_version(consent_text),
                source="demo",
            )
    report.add(f"subscriber {subscriber.email}", created)
