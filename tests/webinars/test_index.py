"""The sessions index: upcoming then past, filters with validated parameters, a fixed query cost."""

from datetime import datetime, timedelta

import pytest
from lxml import html

from tests.factories import PARIS, WebinarPageFactory

pytestmark = pytest.mark.django_db


def titles(response, section: str) -> list[str]:
    doc = html.fromstring(response.content.decode())
    return [a.text_content() for a in doc.xpath(f"//section[@aria-labelledby='{section}']//h3/a")]


def past(index, days: int, **fields):
    start = datetime.now(PARIS) - timedelta(days=days)
    return WebinarPageFactory(parent=index, start=start, end=start + timedelta(hours=1), **fields)


def test_upcoming_sessions_come_soonest_first_and_past_ones_latest_first(client, sessions_index):
    WebinarPageFactory(parent=sessions_index, title="Dans deux semaines",
                       start=datetime.now(PARIS) + timedelta(days=14),
                       end=datetime.now(PARIS) + timedelta(days=14, hours=1))  # fmt: skip
    WebinarPageFactory(parent=sessions_index, title="Dans une semaine")
    past(sessions_index, 40, title="Il y a quarante jours")
    past(sessions_index, 3, title="Il y a trois jours")
    response = client.get(sessions_index.url)
    assert response.status_code == 200
    assert titles(response, "upcoming-title") == ["Dans une semaine", "Dans deux semaines"]
    assert titles(response, "past-title") == ["Il y a trois jours", "Il y a quarante jours"]


def test_filters_by_format_year_and_tag(client, sessions_index):
    workshop = past(sessions_index, 10, title="Atelier tagué", session_format="atelier")
    workshop.tags.add("numerique")
    workshop.save()
    past(sessions_index, 11, title="Atelier sans tag", session_format="atelier")
    past(sessions_index, 12, title="Quiz", session_format="quiz")
    year = (datetime.now(PARIS) - timedelta(days=10)).year
    by_format = client.get(sessions_index.url, {"format": "atelier"})
    assert sorted(titles(by_format, "past-title")) == ["Atelier sans tag", "Atelier tagué"]
    by_tag = client.get(sessions_index.url, {"format": "atelier", "tag": "numerique"})
    assert titles(by_tag, "past-title") == ["Atelier tagué"]
    assert titles(client.get(sessions_index.url, {"year": year - 5}), "past-title") == []
    assert "Quiz" in titles(client.get(sessions_index.url, {"year": year}), "past-title")


def test_year_filter_uses_paris_time(client, sessions_index):
    # 31 December 2025 at 23:30 in Paris is already 2026 nowhere but still 2025 in Paris.
    start = datetime(2025, 12, 31, 23, 30, tzinfo=PARIS)
    WebinarPageFactory(parent=sessions_index, title="Réveillon", start=start,
                       end=start + timedelta(minutes=20))  # fmt: skip
    assert titles(client.get(sessions_index.url, {"year": 2025}), "past-title") == ["Réveillon"]
    assert titles(client.get(sessions_index.url, {"year": 2026}), "past-title") == []


@pytest.mark.parametrize(
    "params",
    [
        {"format": "conference"},
        {"year": "abc"},
        {"year": "99999"},
        {"tag": "<script>"},
    ],
)
def test_bad_parameters_get_a_400_with_the_reason_not_a_500(client, sessions_index, params):
    response = client.get(sessions_index.url, params)
    assert response.status_code == 400
    assert html.fromstring(response.content.decode()).xpath("//div[@role='alert']")


@pytest.mark.parametrize("page", ["abc", "-1", "²"])
def test_a_bad_page_number_gives_the_first_page_like_every_listing(client, sessions_index, page):
    assert client.get(sessions_index.url, {"page": page}).status_code == 200


def test_a_page_beyond_the_last_falls_back_to_the_last(client, sessions_index):
    for days in range(1, 15):
        past(sessions_index, days, title=f"Passée {days}")
    response = client.get(sessions_index.url, {"page": 99})
    assert response.status_code == 200
    assert titles(response, "past-title") == ["Passée 13", "Passée 14"]
    assert titles(response, "upcoming-title") == []


def test_pagination_keeps_the_filters(client, sessions_index):
    for days in range(1, 15):
        past(sessions_index, days, session_format="quiz")
    doc = html.fromstring(client.get(sessions_index.url, {"format": "quiz"}).content.decode())
    assert doc.xpath("//a[@rel='next']/@href") == ["?format=quiz&page=2"]


def test_index_query_count_does_not_grow_with_sessions(
    client, sessions_index, django_assert_max_num_queries
):
    def add(count: int) -> None:
        for days in range(count):
            session = past(sessions_index, days + 1)
            session.tags.add("evaluation", "numerique")
            session.save()
        WebinarPageFactory.create_batch(3, parent=sessions_index)

    add(3)
    client.get(sessions_index.url)  # warm the site root cache
    with django_assert_max_num_queries(24) as small:
        client.get(sessions_index.url)
    budget = len(small.captured_queries)
    add(30)
    client.get(sessions_index.url)  # the site chrome is built again once after a change
    with django_assert_max_num_queries(budget):
        response = client.get(sessions_index.url)
    assert len(titles(response, "past-title")) == 12


def test_upcoming_sessions_are_paginated_too(client, sessions_index):
    for day in range(1, 16):
        start = datetime.now(PARIS) + timedelta(days=day)
        WebinarPageFactory(parent=sessions_index, title=f"Dans {day:02d} jours", start=start,
                           end=start + timedelta(hours=1))  # fmt: skip
    first = client.get(sessions_index.url)
    assert titles(first, "upcoming-title") == [f"Dans {day:02d} jours" for day in range(1, 13)]
    doc = html.fromstring(first.content.decode())
    later = doc.xpath("//section[@aria-labelledby='upcoming-title']//a[@rel='next']/@href")
    assert later == ["?prochaines=2"]
    second = client.get(sessions_index.url + later[0])
    assert titles(second, "upcoming-title") == ["Dans 13 jours", "Dans 14 jours", "Dans 15 jours"]
    # Whatever is typed in the address, the first page rather than an error.
    assert client.get(sessions_index.url + "?prochaines=²").status_code == 200
