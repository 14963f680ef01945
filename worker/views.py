"""The admin's report of background tasks that failed: what, when, why, how many runs."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import BasePermissionPolicy


class SuperusersOnly(BasePermissionPolicy):
    """Tracebacks name addresses and internals: administrators only."""

    def __init__(self):
        super().__init__(DBTaskResult)

    def user_has_permission(self, user, action) -> bool:
        return user.is_active and user.is_superuser


class FailedTasksView(ReportView):
    page_title = _("Failed background tasks")
    header_icon = "warning"
    index_url_name = "worker_failed_tasks"
    index_results_url_name = "worker_failed_tasks_results"
    permission_policy = SuperusersOnly()
    permission_required = "view"
    model = DBTaskResult
    paginate_by = 50
    list_export = ["task_name", "finished_at", "attempts", "error"]
    export_headings = {
        "task_name": _("Task"),
        "finished_at": _("Failed at"),
        "attempts": _("Runs"),
        "error": _("Error"),
    }
    columns = [
        Column("task_name", label=_("Task")),
        DateColumn("finished_at", label=_("Failed at")),
        Column("attempts", label=_("Runs")),
        Column("error", label=_("Error")),
    ]

    def get_filename(self) -> str:
        return "failed-tasks"

    def get_queryset(self):
        return DBTaskResult.objects.failed().order_by("-finished_at")

    def decorate_paginated_queryset(self, object_list):
        for result in object_list:
            result.attempts = len(result.worker_ids)
            lines = [line for line in result.traceback.strip().splitlines() if line.strip()]
            result.error = lines[-1] if lines else result.exception_class_path
        return object_list
