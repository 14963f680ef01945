"""Admin groups for the roles that publish, and the review workflows of their sections.

One ``RoleAccess`` line per role says what its group may do (docs/roles.md is the same as a
table); ``setup_publishing_groups()`` (the ``setup_groups`` command, also run by
``load_demo_content``) makes the groups hold exactly that, and is safe to run any number of
times. A page model or permission that does not exist (an app not installed yet) is skipped,
so a line can be added before its app lands.

To give a role access to a new section, add a line, for example::

    "animateur": RoleAccess(pages=("webinars.WebinarIndexPage",)),
    "redactrice": RoleAccess(pages=("newsletter.NewsletterIndexPage",)),

Page permissions are granted on every page of the listed types (and so on their subpages);
index pages created later get them too (see ``grant_on_new_page``).
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts.admin_defaults import retire_wagtail_defaults, strip_account_management
from community.models import Role
from webinars.permissions import PLAN_SESSION, WRITE_OBJECTIVE_REPORT, WRITE_SUBJECTIVE_REPORT

ADMIN_ACCESS = "wagtailadmin.access_admin"
EDIT_AND_PUBLISH = ("add", "change", "publish", "lock", "unlock")
# The Animateur defines badges and their rules, awards by hand, revokes; never deletes awards.
BADGES_FOR_ANIMATEUR = (
    "badges.add_badgeclass",
    "badges.change_badgeclass",
    "badges.view_badgeclass",
    "badges.add_awardrule",
    "badges.change_awardrule",
    "badges.view_awardrule",
    "badges.add_award",
    "badges.change_award",
    "badges.view_award",
    "badges.view_emailconsent",
    "badges.add_emailconsent",
)
# Wagtail's "add" alone lets an author edit the pages they own, never others'; without
# "publish" what they write goes through the section's review workflow.
WRITE_OWN = ("add",)
EDIT_FOR_REVIEW = ("change",)
CHOOSE_PEOPLE = ("community.add_person", "community.view_person")
ADD_IMAGES = ("add_image", "choose_image")


@dataclass(frozen=True)
class RoleAccess:
    pages: tuple[str, ...] = ()
    page_permissions: tuple[str, ...] = EDIT_AND_PUBLISH
    permissions: tuple[str, ...] = ()
    image_permissions: tuple[str, ...] = ()
    document_permissions: tuple[str, ...] = ()
    media_permissions: tuple[str, ...] = ()


# The one source of the role groups' rights, documented as a table in docs/roles.md.
# ``setup_groups`` makes each group hold exactly this: a right added by hand is taken back.
ROLE_ACCESS: dict[str, RoleAccess] = {
    "editorialiste": RoleAccess(
        pages=("media_pages.EditorialIndexPage",),
        page_permissions=WRITE_OWN,
        permissions=CHOOSE_PEOPLE,
        image_permissions=ADD_IMAGES,
    ),
    # The Ami critique needs no page permission: members of a review task's group open the
    # page, approve or ask for changes; approving publishes (see accounts.workflow_actions).
    "ami-critique": RoleAccess(),
    "animateur": RoleAccess(
        pages=("webinars.WebinarIndexPage",),
        permissions=(
            *CHOOSE_PEOPLE,
            PLAN_SESSION,
            WRITE_OBJECTIVE_REPORT,
            WRITE_SUBJECTIVE_REPORT,
            "webinars.view_registration",
            "webinars.change_registration",
            *BADGES_FOR_ANIMATEUR,
        ),
        image_permissions=ADD_IMAGES,
        document_permissions=("add_document", "choose_document"),
        media_permissions=("add_media", "choose_media"),
    ),
    # Session reports are fields of the session page: each Rapporteur edits existing sessions'
    # own report (the other fields leave the form), creates none and publishes nothing; an
    # Animateur reviews.
    "rapporteur-objectif": RoleAccess(
        pages=("webinars.WebinarIndexPage",),
        page_permissions=EDIT_FOR_REVIEW,
        permissions=("community.view_person", WRITE_OBJECTIVE_REPORT),
    ),
    "rapporteur-subjectif": RoleAccess(
        pages=("webinars.WebinarIndexPage",),
        page_permissions=EDIT_FOR_REVIEW,
        permissions=("community.view_person", WRITE_SUBJECTIVE_REPORT),
    ),
    "redactrice": RoleAccess(
        pages=("newsletter.NewsletterIndexPage",),
        permissions=(
            "newsletter.send_newsletter",
            "newsletter.view_newslettersend",
            "newsletter.view_subscriber",
            "newsletter.delete_subscriber",
        ),
        image_permissions=ADD_IMAGES,
    ),
    # Writes newsletter issues (the Rédactrice reviews, publishes and sends) and keeps people's
    # public links (website, social network) up to date.
    "community-manager": RoleAccess(
        pages=("newsletter.NewsletterIndexPage",),
        page_permissions=("add", "change"),
        permissions=("community.add_person", "community.change_person", "community.view_person"),
        image_permissions=ADD_IMAGES,
    ),
    "illustrateur": RoleAccess(image_permissions=ADD_IMAGES),
    "ingenieur-mise-en-ligne": RoleAccess(
        pages=("podcasts.PodcastIndexPage", "media_pages.PresentationIndexPage"),
        permissions=(
            *CHOOSE_PEOPLE,
            "podcasts.add_episodeaudio",
            "podcasts.change_episodeaudio",
            "podcasts.view_episodeaudio",
            "media_pages.change_siteidentity",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
        ),
        image_permissions=ADD_IMAGES,
        document_permissions=("add_document", "change_document", "choose_document"),
        media_permissions=("add_media", "change_media", "choose_media"),
    ),
}


@dataclass(frozen=True)
class ReviewWorkflow:
    name: str
    reviewer_role: str
    pages: tuple[str, ...]


REVIEW_WORKFLOWS: list[ReviewWorkflow] = [
    ReviewWorkflow(
        name="Relecture par un ami critique",
        reviewer_role="ami-critique",
        pages=("media_pages.EditorialIndexPage",),
    ),
    ReviewWorkflow(
        name="Relecture par un animateur",
        reviewer_role="animateur",
        pages=("webinars.WebinarIndexPage",),
    ),
    ReviewWorkflow(
        name="Relecture par la rédactrice",
        reviewer_role="redactrice",
        pages=("newsletter.NewsletterIndexPage",),
    ),
]


def group_name(role: Role) -> str:
    return role.name_fr


def _page_model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _permissions(labels: tuple[str, ...]) -> list[Permission]:
    found = []
    for label in labels:
        app_label, codename = label.split(".", 1)
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            found.append(permission)
    return found


def _pages_of(labels: tuple[str, ...]) -> list[Page]:
    pages: list[Page] = []
    for label in labels:
        model = _page_model(label)
        if model is not None:
            pages += list(model.objects.all())
    return pages


def _page_permission(permission_type: str) -> Permission:
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
    )


def grant_page_permissions(group: Group, access: RoleAccess, pages: list[Page]) -> None:
    for page in pages:
        for permission_type in access.page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_page_permission(permission_type)
            )


def _sync_page_permissions(group: Group, access: RoleAccess) -> None:
    pages = _pages_of(access.pages)
    grant_page_permissions(group, access, pages)
    granted = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=[f"{kind}_page" for kind in access.page_permissions],
    )
    group.page_permissions.exclude(page__in=pages, permission__in=granted).delete()


def _sync_collection_permissions(group: Group, access: RoleAccess) -> None:
    # Wagtail checks image permissions on its own Image model, custom image model or not.
    wanted = [
        *_permissions(tuple(f"wagtailimages.{c}" for c in access.image_permissions)),
        *_permissions(tuple(f"wagtaildocs.{c}" for c in access.document_permissions)),
        *_permissions(tuple(f"wagtailmedia.{c}" for c in access.media_permissions)),
    ]
    root = Collection.get_first_root_node()
    for permission in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
    group.collection_permissions.exclude(collection=root, permission__in=wanted).delete()


@transaction.atomic
def setup_publishing_groups() -> list[Group]:
    """Make the role groups hold exactly their ``ROLE_ACCESS`` rights; set up review workflows.

    Safe to run any number of times. Also takes user management away from every group and
    retires Wagtail's English default groups and workflow (see ``accounts.admin_defaults``).
    """
    groups = []
    roles = {role.slug: role for role in Role.objects.filter(slug__in=ROLE_ACCESS)}
    for slug, access in ROLE_ACCESS.items():
        role = roles.get(slug)
        if role is None:
            continue
        group, _created = Group.objects.get_or_create(name=group_name(role))
        group.permissions.set(_permissions((ADMIN_ACCESS, *access.permissions)))
        _sync_page_permissions(group, access)
        _sync_collection_permissions(group, access)
        groups.append(group)
    for spec in REVIEW_WORKFLOWS:
        workflow = review_workflow(spec)
        if workflow is not None:
            for page in _pages_of(spec.pages):
                WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    strip_account_management(apps)
    retire_wagtail_defaults(apps)
    return groups


def review_workflow(spec: ReviewWorkflow) -> Workflow | None:
    """The workflow with one group approval task for the reviewer role's group."""
    role = Role.objects.filter(slug=spec.reviewer_role).first()
    if role is None:
        return None
    reviewers, _created = Group.objects.get_or_create(name=group_name(role))
    workflow, _created = Workflow.objects.get_or_create(name=spec.name)
    task = GroupApprovalTask.objects.filter(name=spec.name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=spec.name)
        task.groups.set([reviewers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def grant_on_new_page(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """``post_save`` receiver: a new index page of a listed type gets its groups and workflow."""
    if not created or raw or not isinstance(instance, Page):
        return
    label = instance._meta.label
    for slug, access in ROLE_ACCESS.items():
        if label in access.pages:
            role = Role.objects.filter(slug=slug).first()
            group = Group.objects.filter(name=group_name(role)).first() if role else None
            if group is not None:
                grant_page_permissions(group, access, [instance])
    for spec in REVIEW_WORKFLOWS:
        if label in spec.pages:
            workflow = Workflow.objects.filter(name=spec.name, active=True).first()
            if workflow is not None:
                WorkflowPage.objects.get_or_create(page=instance, defaults={"workflow": workflow})
