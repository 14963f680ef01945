"""The periodic jobs themselves, ordinary tasks: their failures are recorded like any other."""

from datetime import timedelta
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits


# Ahead of the queue: a page due to go live must not wait behind a reindex.
@task(priority=50)
def publish_scheduled_pages() -> str:
    """Wagtail's scheduled publishing: pages whose "go live" has come, and expiry."""
    output = StringIO()
    call_command("publish_scheduled", stdout=output)
    return output.getvalue()[-500:]


@task()
def purge_search_query_log() -> None:
    """Visitors' search queries are kept ``WAGTAILSEARCH_HITS_MAX_AGE`` days, then deleted."""
    QueryDailyHits.garbage_collect()
    Query.garbage_collect()


@task()
def prune_task_results() -> int:
    """Successful results go after a few days; failures stay longer, for the admin report."""
    now = timezone.now()
    successful = DBTaskResult.objects.successful().filter(
        finished_at__lt=now - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    )
    failed = DBTaskResult.objects.failed().filter(
        finished_at__lt=now - timedelta(days=settings.TASK_FAILURES_KEEP_DAYS)
    )
    deleted, _by_model = successful.delete()
    deleted_failed, _by_model = failed.delete()
    return deleted + deleted_failed
