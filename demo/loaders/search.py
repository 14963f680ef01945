"""Resources for search: French pages with tags, credits and timed transcript passages."""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from community.models import Credit, Person, Role
from media_pages.models import StandardPage, TranscriptCue
from media_pages.transcripts import Cue, replace_cues

from . import Report, read_data
from .site import load_page


@transaction.atomic
def load(report: Report) -> None:
    data = read_data("search.toml")
    home = Site.objects.get(is_default_site=True).root_page.specific
    section = load_page(home, {**data["section"], "in_menu": True}, report)
    people = {spec["slug"]: load_person(spec, report) for spec in data["people"]}
    for spec in data["pages"]:
        load_resource(section, spec, people, report)


def load_person(spec: dict, report: Report) -> Person:
    person, created = Person.objects.get_or_create(
        slug=spec["slug"],
        defaults={k: spec[k] for k in ("name", "organisation", "bio")},
    )
    report.add(f"person {person.slug}", created)
    return person


def load_resource(section, spec: dict, people: dict[str, Person], report: Report) -> None:
    if section.get_children().filter(slug=spec["slug"]).exists():
        report.add(f"page {spec['slug']}", False)
        return
    when = timezone.make_aware(datetime.combine(datetime.fromisoformat(spec["date"]), time(10)))
    page = StandardPage(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        body=[("paragraph", spec["body"])],
        first_published_at=when,
    )
    section.add_child(instance=page)
    page.tags.add(*spec.get("tags", []))
    roles = Role.objects.in_bulk(
        [role for _person, role in spec.get("credits", [])], field_name="slug"
    )
    for order, (person, role) in enumerate(spec.get("credits", [])):
        page.credits.add(Credit(person=people[person], role=roles[role], sort_order=order))
    page.save()
    page.save_revision().publish()
    if not TranscriptCue.objects.filter(page=page).exists():
        replace_cues(page, [Cue(start, end, text) for start, end, text in spec.get("cues", [])])
    report.add(f"page {spec['slug']}", True)
