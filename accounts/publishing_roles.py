"""Admin groups for the roles that publish, and the review workflow of the Ami critique.

One ``RoleAccess`` line per role says what its group may do; ``setup_publishing_groups()``
(the ``setup_groups`` command, also run by ``load_demo_content``) creates or updates the groups
to match, and is safe to run any number of times. A page model or permission that does not exist
(an app not installed yet) is skipped, so a line can be added before its app lands.

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

from community.models import Role

ADMIN_ACCESS = "wagtailadmin.access_admin"
EDIT_AND_PUBLISH = ("add", "change", "publish", "lock", "unlock")
# Without "publish": what they write goes through the review workflow.
EDIT_FOR_REVIEW = ("add", "change", "lock")
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
CHOOSE_PEOPLE = ("community.add_person", "community.change_person", "community.view_person")


@dataclass(frozen=True)
class RoleAccess:
    pages: tuple[str, ...] = ()
    page_permissions: tuple[str, ...] = EDIT_AND_PUBLISH
    permissions: tuple[str, ...] = ()
    image_permissions: tuple[str, ...] = ()
    document_permissions: tuple[str, ...] = ()


ROLE_ACCESS: dict[str, RoleAccess] = {
    "editorialiste": RoleAccess(
        pages=("media_pages.EditorialIndexPage",),
        page_permissions=EDIT_FOR_REVIEW,
        permissions=CHOOSE_PEOPLE,
        image_permissions=("add_image", "choose_image"),
    ),
    # Approving the last review task publishes the page as the reviewer, so Wagtail asks them
    # for "publish" on the section; without "add"/"change" they review but do not write.
    "ami-critique": RoleAccess(
        pages=("media_pages.EditorialIndexPage",), page_permissions=("publish",)
    ),
    "animateur": RoleAccess(
        pages=("webinars.WebinarIndexPage",),
        permissions=(
            *CHOOSE_PEOPLE,
            "webinars.view_registration",
            "webinars.change_registration",
            *BADGES_FOR_ANIMATEUR,
        ),
        image_permissions=("add_image", "choose_image"),
        document_permissions=("add_document", "choose_document"),
    ),
    "redactrice": RoleAccess(
        pages=("newsletter.NewsletterIndexPage",),
        permissions=(
            "newsletter.send_newsletter",
            "newsletter.view_subscriber",
            "newsletter.delete_subscriber",
        ),
        image_permissions=("add_image", "choose_image"),
    ),
    "illustrateur": RoleAccess(
        image_permissions=("add_image", "change_image", "choose_image"),
        permissions=("community.view_person",),
    ),
    "ingenieur-mise-en-ligne": RoleAccess(
        permissions=(
            "media_pages.change_siteidentity",
            "accounts.add_user",
            "accounts.change_user",
            "accounts.view_user",
            "wagtailcore.add_site",
            "wagtailcore.change_site",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
        ),
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


def grant_page_permissions(group: Group, access: RoleAccess, pages: list[Page]) -> None:
    for page in pages:
        for permission_type in access.page_permissions:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
            )
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection_permissions(group: Group, app_label: str, codenames) -> None:
    root = Collection.get_first_root_node()
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


@transaction.atomic
def setup_publishing_groups() -> list[Group]:
    """Create or complete the role groups and review workflows; never removes a permission."""
    groups = []
    roles = {role.slug: role for role in Role.objects.filter(slug__in=ROLE_ACCESS)}
    for slug, access in ROLE_ACCESS.items():
        role = roles.get(slug)
        if role is None:
            continue
        group, _created = Group.objects.get_or_create(name=group_name(role))
        group.permissions.add(*_permissions((ADMIN_ACCESS, *access.permissions)))
        grant_page_permissions(group, access, _pages_of(access.pages))
        # Wagtail checks image permissions on its own Image model, custom image model or not.
        _grant_collection_permissions(group, "wagtailimages", access.image_permissions)
        _grant_collection_permissions(group, "wagtaildocs", access.document_permissions)
        groups.append(group)
    for spec in REVIEW_WORKFLOWS:
        workflow = review_workflow(spec)
        if workflow is not None:
            for page in _pages_of(spec.pages):
                WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
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
