"""People holding every role, the editorials and presentations they are credited on, the
community and tag pages, and the publishing groups with their review workflow."""

import os
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from accounts.publishing_roles import group_name, setup_publishing_groups
from community.models import Credit, Person, Role
from media_pages.models import (
    CommunityIndexPage,
    EditorialIndexPage,
    EditorialPage,
    PresentationIndexPage,
    PresentationPage,
    TagIndexPage,
)

from .common import Report, child_page, load_people, read_data
from .streamfield import stream_data


@transaction.atomic
def load(report: Report) -> None:
    data = read_data("people.toml")
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    people = load_people(data["people"], report)
    roles = {role.slug: role for role in Role.objects.all()}

    editorials = load_index(home, EditorialIndexPage, data["editorials"], report, in_menu=True)
    for spec in data["editorials"]["pages"]:
        page = EditorialPage(body=stream_data(spec["body"]))
        load_child(editorials, page, spec, people, roles, report)

    presentations = load_index(
        home, PresentationIndexPage, data["presentations"], report, in_menu=True
    )
    for spec in data["presentations"]["pages"]:
        page = PresentationPage(
            presentation_url=spec["url"], text_alternative=spec["text_alternative"]
        )
        load_child(presentations, page, spec, people, roles, report)

    load_index(home, CommunityIndexPage, data["community"], report, in_menu=True)
    load_index(home, TagIndexPage, data["tags"], report, in_menu=False)

    setup_publishing_groups()
    for spec in data["people"]:
        if "user" in spec:
            load_user(people[spec["slug"]], spec["user"], roles, report)


def load_index(home: Page, model, spec: dict, report: Report, in_menu: bool) -> Page:
    return child_page(
        home,
        spec["slug"],
        report,
        lambda: model(title=spec["title"], intro=spec.get("intro", ""), show_in_menus=in_menu),
    )


def load_child(parent: Page, page: Page, spec: dict, people, roles, report: Report) -> None:
    def build() -> Page:
        page.title, page.intro = spec["title"], spec["intro"]
        # Demo dates spread over the year, so that "newest first" lists show an order.
        page.first_published_at = datetime.fromisoformat(spec["published"])
        for order, (person_slug, role_slug, note) in enumerate(spec["credits"]):
            page.credits.add(
                Credit(
                    person=people[person_slug], role=roles[role_slug], note=note, sort_order=order
                )
            )
        page.tags.add(*spec.get("tags", []))
        return page

    child_page(parent, spec["slug"], report, build, label=f"page {parent.slug}/{spec['slug']}")


def load_user(person: Person, spec: dict, roles, report: Report) -> None:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=spec["username"],
        defaults={"email": f"{spec['username']}@collectif.example.org", "is_staff": False},
    )
    if created:
        user.set_password(os.environ.get("DEMO_ADMIN_PASSWORD") or "collectif-demo")
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=group_name(roles[spec["group"]])))
    if person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
    report.add(f"user {user.username}", created)
