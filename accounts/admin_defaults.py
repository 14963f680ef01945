"""What no group but the administrators (superusers) holds, and Wagtail's English defaults.

Written against an ``apps`` registry so that the data migration (historical models) and
``setup_groups`` (current models) share the same code.
"""

# Managing accounts, groups or permissions lets a member create a superuser or grant itself
# any right: only superusers do it.
ACCOUNT_MODELS = (("accounts", "user"), ("auth", "user"), ("auth", "group"), ("auth", "permission"))

# Wagtail's initial data, in English, with page rights over the whole tree.
DEFAULT_GROUPS = {"Editors": "Éditeurs", "Moderators": "Modérateurs"}
DEFAULT_WORKFLOW = "Moderators approval"
DEFAULT_WORKFLOW_FR = "Validation par les modérateurs"
ROOT_NAMES = {"Root": "Racine"}


def strip_account_management(apps) -> None:
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    account_permissions = Permission.objects.none()
    for app_label, model in ACCOUNT_MODELS:
        account_permissions |= Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model
        )
    for group in Group.objects.filter(permissions__in=account_permissions).distinct():
        group.permissions.remove(*account_permissions.filter(group=group))


def retire_wagtail_defaults(apps) -> None:
    """Delete the default groups nobody is in (rename the others), and their workflow if unused.

    The default workflow sends every page of the site to the Moderators; sections that need a
    review get their own workflow (``REVIEW_WORKFLOWS``).
    """
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")

    for english, french in DEFAULT_GROUPS.items():
        group = Group.objects.filter(name=english).first()
        if group is None:
            continue
        if group.user_set.exists():
            group.name = french
            group.save(update_fields=["name"])
        else:
            group.delete()

    for workflow in Workflow.objects.filter(name=DEFAULT_WORKFLOW):
        reviewers_left = Group.objects.filter(
            pk__in=workflow.workflow_tasks.values("task__groupapprovaltask__groups")
        ).exists()
        if reviewers_left:
            workflow.name = DEFAULT_WORKFLOW_FR
            workflow.save(update_fields=["name"])
        else:
            workflow.workflow_pages.all().delete()
            workflow.active = False
            workflow.name = DEFAULT_WORKFLOW_FR
            workflow.save(update_fields=["name", "active"])
    Task.objects.filter(name=DEFAULT_WORKFLOW).update(name=DEFAULT_WORKFLOW_FR)

    for english, french in ROOT_NAMES.items():
        Page.objects.filter(depth=1, title=english).update(title=french, draft_title=french)
        Collection.objects.filter(depth=1, name=english).update(name=french)
