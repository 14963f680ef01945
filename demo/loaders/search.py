"""Resources for search: French pages with tags, credits and timed transcript passages."""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from community.models import Credit, Person, Role
from media_pages.models import StandardPage, TranscriptCue
from media_pages.transcripts import Cue, replace_cues

from .common import Report, child_page, load_people, read_data
from .site import load_page


@transaction.atomic
def load(report: Report) -> None:
    data = read_data("search.toml")
    home = Site.objects.get(is_default_site=True).root_page.specific
    section = load_page(home, {**data["section"], "in_menu": True}, report)
    people = load_people(data["people"], report)
    for spec in data["pages"]:
        load_resource(section, spec, people, report)


def load_resource(section, spec: dict, people: dict[str, Person], report: Report) -> None:
    def placed(page: StandardPage) -> None:
        if not TranscriptCue.objects.filter(page=page).exists():
            cues = [Cue(start, end, text) for start, end, text in spec.get("cues", [])]
            replace_cues(page, cues)

    child_page(section, spec["slug"], report, lambda: build_resource(spec, people), placed=placed)


def build_resource(spec: dict, people: dict[str, Person]) -> StandardPage:
    when = timezone.make_aware(datetime.combine(datetime.fromisoformat(spec["date"]), time(10)))
    page = StandardPage(
        title=spec["title"],
        intro=spec["intro"],
        body=[("paragraph", spec["body"])],
        first_published_at=when,
    )
    page.tags.add(*spec.get("tags", []))
    roles = Role.objects.in_bulk(
        [role for _person, role in spec.get("credits", [])], field_name="slug"
    )
    for order, (person, role) in enumerate(spec.get("credits", [])):
        page.credits.add(Credit(person=people[person], role=roles[role], sort_order=order))
    return page
