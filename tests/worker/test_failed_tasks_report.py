"""Failed background tasks are listed in the admin's reports, for administrators only."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from worker.tasks import purge_search_query_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_task(db_queue):
    result = purge_search_query_log.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status="FAILED",
        worker_ids=["w1", "w2"],
        exception_class_path="TimeoutError",
        traceback="Traceback (most recent call last):\n  ...\nTimeoutError: timed out\n",
    )
    return result


def test_an_administrator_sees_the_failure_from_the_reports_menu(
    client, failed_task, django_user_model
):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("worker_failed_tasks") in dashboard
    page = client.get(reverse("worker_failed_tasks"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tâches d’arrière-plan en échec" in html
    assert "purge_search_query_log" in html
    assert "TimeoutError: timed out" in html


def test_an_editor_neither_sees_nor_opens_the_report(client, failed_task, django_user_model):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "x")
    editors, _created = Group.objects.get_or_create(name="Editors")
    editor.groups.add(editors)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("worker_failed_tasks") not in dashboard
    response = client.get(reverse("worker_failed_tasks"))
    assert response.status_code in (302, 403)
    assert "TimeoutError" not in response.content.decode()
