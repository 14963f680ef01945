"""What happens when a review workflow is approved (``WAGTAIL_FINISH_WORKFLOW_ACTION``)."""


def publish_approved(workflow_state, user=None) -> None:
    """Publish the approved revision as the reviewer who approved it.

    Wagtail's default action asks the reviewer for "publish" on the section, which also lets
    them unpublish, schedule and change the page's privacy. Being a member of the last task's
    group is the right to publish through the review, and only that.
    """
    workflow_state.content_object.get_latest_revision().publish(
        user=user, skip_permission_checks=True
    )
