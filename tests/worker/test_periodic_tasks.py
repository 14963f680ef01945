"""What each periodic job does, run as the worker runs it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import Page

from tests.factories import EditorialIndexPageFactory, EditorialPageFactory
from worker.tasks import prune_task_results, publish_scheduled_pages, purge_search_query_log

pytestmark = pytest.mark.django_db


def test_pages_go_live_and_expire_when_the_job_runs(home):
    index = EditorialIndexPageFactory(parent=home)
    due = EditorialPageFactory(parent=index, title="Prévu", live=False)
    due.go_live_at = timezone.now() - timedelta(seconds=1)
    due.save_revision(approved_go_live_at=due.go_live_at)
    expired = EditorialPageFactory(parent=index, title="Périmé")
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(seconds=1))

    publish_scheduled_pages.call()

    due.refresh_from_db()
    expired.refresh_from_db()
    assert due.live
    assert not expired.live and expired.expired


def test_search_queries_older_than_the_limit_are_deleted(settings):
    settings.WAGTAILSEARCH_HITS_MAX_AGE = 7
    old, recent = Query.get("évaluation"), Query.get("podcast")
    old.add_hit(date=timezone.now().date() - timedelta(days=8))
    recent.add_hit()

    purge_search_query_log.call()

    assert list(Query.objects.values_list("query_string", flat=True)) == ["podcast"]
    assert QueryDailyHits.objects.count() == 1


def test_old_successful_results_go_failures_stay_longer(db_queue, settings):
    settings.TASK_RESULTS_KEEP_DAYS, settings.TASK_FAILURES_KEEP_DAYS = 7, 30
    now = timezone.now()
    for status, age in (("SUCCESSFUL", 8), ("SUCCESSFUL", 1), ("FAILED", 8), ("FAILED", 31)):
        result = publish_scheduled_pages.enqueue()
        DBTaskResult.objects.filter(pk=result.id).update(
            status=status, finished_at=now - timedelta(days=age)
        )
    assert prune_task_results.call() == 2
    left = DBTaskResult.objects.exclude(status="READY")
    assert sorted((r.status, (now - r.finished_at).days) for r in left) == [
        ("FAILED", 8),
        ("SUCCESSFUL", 1),
    ]
