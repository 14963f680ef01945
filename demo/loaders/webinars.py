"""The sessions: an index, upcoming sessions open for registration, a past one with its archive."""

from datetime import datetime, timedelta
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtailmedia.models import get_media_model

from community.models import Credit, Role
from media_pages.models import HomePage
from webinars.models import PARIS, WebinarIndexPage, WebinarPage

from .common import DATA_DIR, Report, child_page, load_people, read_data

FILES = DATA_DIR / "webinars"


@transaction.atomic
def load(report: Report) -> None:
    data = read_data("webinars.toml")
    home = HomePage.objects.first()
    if home is None:
        return
    index = load_index(home, data["index"], report)
    people = load_people(data["people"], report)
    for spec in data["sessions"]:
        load_session(index, spec, people, report)


def load_index(home: HomePage, spec: dict, report: Report) -> WebinarIndexPage:
    return child_page(
        home,
        spec["slug"],
        report,
        lambda: WebinarIndexPage(title=spec["title"], intro=spec["intro"], show_in_menus=True),
    )


def _document(path: Path, title: str):
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    with path.open("rb") as handle:
        return model.objects.create(
            title=title,
            file=File(handle, name=path.name),
            collection=Collection.get_first_root_node(),
        )


def _image(path: Path, title: str):
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    with path.open("rb") as handle:
        return model.objects.create(title=title, alt_text=title, file=File(handle, name=path.name))


def _video(path: Path, title: str, duration: float):
    model = get_media_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    with path.open("rb") as handle:
        return model.objects.create(
            title=title, type="video", duration=duration, width=240, height=136,
            file=File(handle, name=path.name),
        )  # fmt: skip


def load_session(index: WebinarIndexPage, spec: dict, people: dict, report: Report) -> None:
    def placed(session: WebinarPage) -> None:
        if spec.get("transcript"):
            session.full_clean()  # parses the transcript into its cues, as the admin does
            session.save()

    child_page(
        index,
        spec["slug"],
        report,
        lambda: build_session(spec, people),
        label=f"session {spec['slug']}",
        placed=placed,
    )


def build_session(spec: dict, people: dict) -> WebinarPage:
    day = timezone.localdate(timezone.now(), PARIS) + timedelta(days=spec["days_from_now"])
    start = datetime(day.year, day.month, day.day, spec["hour"], 0, tzinfo=PARIS)
    session = WebinarPage(
        title=spec["title"],
        intro=spec["intro"],
        summary=spec["summary"],
        session_format=spec["format"],
        mode=spec["mode"],
        start=start,
        end=start + timedelta(minutes=spec["minutes"]),
        place=spec.get("place", ""),
        online_url=spec.get("online_url", ""),
        capacity=spec.get("capacity"),
    )
    if spec.get("recording"):
        add_archive(session, spec, people)
    session.tags.add(*spec.get("tags", []))
    roles = {role.slug: role for role in Role.objects.all()}
    session.credits = [
        Credit(person=people[person_slug], role=roles[role_slug], sort_order=number)
        for number, (person_slug, role_slug) in enumerate(spec.get("credits", []))
        if role_slug in roles
    ]
    return session


def add_archive(session: WebinarPage, spec: dict, people: dict) -> None:
    session.recording = _video(FILES / spec["recording"], spec["recording_title"], 30.0)
    session.recording_title = spec["recording_title"]
    session.transcript = (FILES / spec["transcript"]).read_text(encoding="utf-8-sig")
    session.slides = _document(FILES / spec["slides"], f"Diaporama – {spec['title']}")
    sketch = _image(FILES / spec["sketch"], spec["sketch_alt"])
    session.sketches = [
        ("sketch", {"image": {"image": sketch, "alt_text": spec["sketch_alt"], "decorative": False},
                    "caption": spec["sketch_caption"]}),
    ]  # fmt: skip
    session.objective_report = spec["objective_report"]
    session.objective_reporter = people[spec["objective_reporter"]]
    session.subjective_report = spec["subjective_report"]
    session.subjective_reporter = people[spec["subjective_reporter"]]
    deliverable = _document(FILES / spec["deliverable"], spec["deliverable_label"])
    session.deliverables = [("deliverable", {"document": deliverable,
                                             "label": spec["deliverable_label"]})]  # fmt: skip
