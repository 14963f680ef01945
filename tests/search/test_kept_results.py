"""The search page keeps what it built (results per query, a card per page) under the content
token: a repeated search runs no query, a new one costs the same whatever the amount of content,
and whatever changes what search shows (publishing, unpublishing, the index, an editor's
promotion) shows at once. Searches are counted in batches, after the responses."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from modelsearch.tasks import insert_or_update_object_task
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import Page

from media_pages.content_cache import content_generation
from search.hit_log import hit_log
from tests.factories import StandardPageFactory, WebinarIndexPageFactory
from tests.webinars.test_page_types import session_form_data

pytestmark = pytest.mark.django_db


def titles(client, **params) -> list[str]:
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return [hit.title for hit in response.context["hits"]] if "hits" in response.context else []


def test_a_repeated_search_runs_no_query(client, home, django_assert_max_num_queries):
    for number in range(3):
        StandardPageFactory(parent=home, title=f"Plénière {number}", intro="Une plénière.")
    first = client.get("/recherche/", {"q": "plénière"})
    with django_assert_max_num_queries(0):
        again = client.get("/recherche/", {"q": "plénière"})
    assert again.content == first.content
    assert len(again.context["hits"]) == 3


def test_a_new_query_costs_the_same_with_ten_times_the_pages(
    client, home, django_assert_max_num_queries
):
    counted = []
    for count, added in ((3, 3), (30, 27)):
        for number in range(added):
            StandardPageFactory(
                parent=home, title=f"Plénière {count}-{number}", intro="Une plénière de rentrée."
            )
        # The first query builds each page's card; the next ones find the same pages.
        assert len(titles(client, q="plénière")) == min(count, 10)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/recherche/", {"q": "rentrée"})
        assert response.context["search_results"].paginator.count == count
        counted.append(len(queries))
    assert counted[0] == counted[1], counted
    # Each index (pages, passages, people, roles) is searched in a fixed number of queries.
    assert counted[1] <= 16


def test_an_animateur_publishes_and_unpublishes_and_search_follows_at_once(client, home):
    index = WebinarIndexPageFactory(parent=home)
    call_command("setup_groups", verbosity=0)
    animateur = get_user_model().objects.create_user("claire", "c@example.org", "pw")
    animateur.groups.add(Group.objects.get(name="Animateur"))
    assert titles(client, q="zététique") == []

    client.force_login(animateur)
    form = session_form_data(title="Atelier zététique", slug="zetetique")
    form["action-publish"] = "publish"
    response = client.post(f"/admin/pages/add/webinars/webinarpage/{index.pk}/", form)
    assert response.status_code == 302
    client.logout()
    assert titles(client, q="zététique") == ["Atelier zététique"]

    client.force_login(animateur)
    session = Page.objects.get(slug="zetetique")
    response = client.post(f"/admin/pages/{session.pk}/unpublish/", {})
    assert response.status_code == 302
    client.logout()
    assert titles(client, q="zététique") == []


def test_an_index_update_by_the_worker_replaces_the_content_token(home):
    page = StandardPageFactory(parent=home, title="Valeurs")
    before = content_generation()
    insert_or_update_object_task.enqueue("media_pages", "standardpage", str(page.pk))
    after_task = content_generation()
    assert after_task != before
    call_command("update_index", verbosity=0)
    assert content_generation() != after_task


def test_results_kept_from_a_stale_index_go_when_the_index_changes(client, home):
    page = StandardPageFactory(parent=home, title="Calendrier", intro="Les dates.")
    assert titles(client, q="calendrier") == ["Calendrier"]
    # The page's row changes without a save (as an import would): the index is stale, and the
    # kept results too, until the worker indexes the page.
    Page.objects.filter(pk=page.pk).update(title="Agenda")
    insert_or_update_object_task.enqueue("media_pages", "standardpage", str(page.pk))
    assert titles(client, q="calendrier") == []
    assert titles(client, q="agenda") == ["Agenda"]


def test_an_editors_promotion_shows_at_once(client, home):
    promoted = StandardPageFactory(parent=home, title="Charte", intro="Sans rapport.")
    StandardPageFactory(parent=home, title="Valeurs du collectif", intro="Nos valeurs.")
    assert "Notre charte" not in client.get("/recherche/", {"q": "valeurs"}).content.decode()

    editor = get_user_model().objects.create_user("rose", "r@example.org", "pw")
    editors = Group.objects.create(name="Promotions")
    editors.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__endswith="_searchpromotion"),
    )
    editor.groups.add(editors)
    client.force_login(editor)
    response = client.post(
        "/admin/searchpicks/add/",
        {
            "query_string": "valeurs",
            "editors_picks-TOTAL_FORMS": 1,
            "editors_picks-INITIAL_FORMS": 0,
            "editors_picks-MAX_NUM_FORMS": 1000,
            "editors_picks-0-DELETE": "",
            "editors_picks-0-ORDER": 0,
            "editors_picks-0-page": promoted.pk,
            "editors_picks-0-description": "Notre charte",
        },
    )
    assert response.status_code == 302
    client.logout()
    html = client.get("/recherche/", {"q": "valeurs"}).content.decode()
    assert html.index("Notre charte") < html.index("Valeurs du collectif")


def test_searches_are_counted_after_the_response_in_one_write(client, home, settings):
    StandardPageFactory(parent=home, title="Valeurs du collectif")
    for query in ("valeurs", "Valeurs ", "valeurs", "collectif"):
        client.get("/recherche/", {"q": query})
    assert not QueryDailyHits.objects.exists()  # counted, not written yet

    settings.SEARCH_HITS_FLUSH_SECONDS = 0
    client.get("/recherche/", {"q": "valeurs"})  # its end writes everything counted
    assert QueryDailyHits.objects.get(query=Query.get("valeurs")).hits == 4
    assert QueryDailyHits.objects.get(query=Query.get("collectif")).hits == 1
    assert hit_log.pending == {}


def test_only_searches_are_counted(client, home, settings):
    settings.SEARCH_HITS_FLUSH_SECONDS = 0
    client.get("/recherche/")
    client.get("/recherche/", {"q": "de la"})  # only common words: no search is run
    assert not Query.objects.exists()


def test_counts_that_could_not_be_written_are_kept_for_the_next_write(client, home, monkeypatch):
    client.get("/recherche/", {"q": "valeurs"})
    client.get("/recherche/", {"q": "valeurs"})

    def refuse(*args, **kwargs):
        raise DatabaseError("database is locked")

    with monkeypatch.context() as patched:
        patched.setattr(QueryDailyHits.objects, "get_or_create", refuse)
        assert hit_log.flush() == 0
    assert sum(hit_log.pending.values()) == 2
    client.get("/recherche/", {"q": "valeurs"})
    assert hit_log.flush() == 3
    assert QueryDailyHits.objects.get(query=Query.get("valeurs")).hits == 3


def test_the_popular_searches_report_shows_the_counted_searches(client, home, admin_user):
    for _ in range(3):
        client.get("/recherche/", {"q": "évaluation"})
    hit_log.flush()
    client.force_login(admin_user)
    report = client.get("/admin/searchpicks/reports/search-terms/")
    assert report.status_code == 200
    assert "évaluation" in report.content.decode()
