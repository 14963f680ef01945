from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from worker.views import FailedTasksView


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_failed_tasks_urls():
    return [
        path("reports/failed-tasks/", FailedTasksView.as_view(), name="worker_failed_tasks"),
        path(
            "reports/failed-tasks/results/",
            FailedTasksView.as_view(results_only=True),
            name="worker_failed_tasks_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_failed_tasks_menu_item():
    return SuperuserMenuItem(
        _("Failed background tasks"),
        reverse("worker_failed_tasks"),
        name="failed-tasks",
        icon_name="warning",
        order=900,
    )
