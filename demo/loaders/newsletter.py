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

from .common import Report, child_page, read_data
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
    return child_page(
        home,
        spec["slug"],
        report,
        lambda: NewsletterIndexPage(title=spec["title"], intro=spec["intro"], show_in_menus=True),
        label="newsletter archive",
    )


def load_issue(archive: NewsletterIndexPage, spec: dict, report: Report) -> None:
    def build() -> NewsletterPage:
        return NewsletterPage(
            title=spec["title"],
            subject=spec["subject"],
            preheader=spec["preheader"],
            intro=spec["intro"],
            language="fr",
            body=stream_data(spec["body"]),
            live=False,
        )

    child_page(
        archive,
        spec["slug"],
        report,
        build,
        label=f"newsletter issue {spec['slug']}",
        publish=spec["live"],
    )


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
