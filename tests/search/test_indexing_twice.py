"""Indexing the same item twice, one after the other or interleaved, never fails (issue 11 #4).

The media upload view indexes the new video and Wagtail's background task indexes it again.
When the task ran between the view's "is it indexed yet?" and its insert, the insert broke the
index's unique constraint (a 500 for one upload in three).
"""

import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtailmedia.models import get_media_model


@pytest.fixture
def video(db):
    media = get_media_model()(title="Atelier remédiation", type="video", duration=12)
    media.file.save("atelier.mp4", ContentFile(b"\x00" * 64), save=False)
    media.save()
    return media


def entries_for(obj):
    return IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


def test_the_same_video_indexed_twice_in_a_row(video):
    backend = get_search_backend()
    backend.add(video)
    video.title = "Atelier remédiation (version finale)"
    backend.add(video)

    assert entries_for(video).count() == 1
    assert [found.pk for found in backend.search("finale", type(video))] == [video.pk]


def test_the_task_indexing_between_the_views_check_and_insert(video):
    """The other indexer runs at the exact moment this one writes its entry."""
    backend = get_search_backend()
    competing = {"ran": False}

    def other_indexer_first(execute, sql, params, many, context):
        if (
            not competing["ran"]
            and sql.lstrip().upper().startswith("INSERT INTO")
            and (IndexEntry._meta.db_table in sql)
        ):
            competing["ran"] = True
            get_search_backend().add(video)  # the background task, finishing first
        return execute(sql, params, many, context)

    with connection.execute_wrapper(other_indexer_first):
        backend.add(video)

    assert competing["ran"], "the interleaving under test did not happen"
    assert entries_for(video).count() == 1
    assert [found.pk for found in backend.search("remédiation", type(video))] == [video.pk]


# Serialized: the flush afterwards must not leave the next live test without roles or root page.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_indexers_at_once(video):
    """Two threads (two connections) index the same video together, several times."""
    errors: list[BaseException] = []

    def index_it(barrier: threading.Barrier) -> None:
        try:
            barrier.wait()
            get_search_backend().add(video)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    for _round in range(5):
        entries_for(video).delete()
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=index_it, args=(barrier,)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    assert entries_for(video).count() == 1
