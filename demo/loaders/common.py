"""What every loader does the same way: read its data, find or create people and pages."""

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Page

from community.models import Person

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def add(self, label: str, created: bool) -> None:
        # Loaders share people: one created by an earlier loader of this run is not "kept".
        if label in self.created or label in self.kept:
            return
        (self.created if created else self.kept).append(label)


def read_data(name: str) -> dict:
    with (DATA_DIR / name).open("rb") as data_file:
        return tomllib.load(data_file)


def load_person(spec: dict, report: Report) -> Person:
    """The person with ``spec["slug"]``, created from the spec when missing (never updated)."""
    person, created = Person.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "organisation": spec.get("organisation", ""),
            "bio": spec.get("bio", ""),
        },
    )
    report.add(f"person {person.slug}", created)
    return person


def load_people(specs: list[dict], report: Report) -> dict[str, Person]:
    return {spec["slug"]: load_person(spec, report) for spec in specs}


def child_page(
    parent: Page,
    slug: str,
    report: Report,
    build: Callable[[], Page],
    *,
    label: str = "",
    placed: Callable[[Page], None] | None = None,
    publish: bool = True,
) -> Page:
    """``parent``'s child with ``slug``; when missing, ``build()`` it, add it and publish it.

    ``placed(page)`` runs once the new page has its place in the tree, before its first
    revision (for what needs a saved page: parsing files the admin would parse on save).
    """
    label = label or f"page {slug}"
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        report.add(label, False)
        return existing.specific
    page = build()
    page.slug = slug
    parent.add_child(instance=page)
    if placed is not None:
        placed(page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    report.add(label, True)
    return page
