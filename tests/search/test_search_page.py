"""The search page: facets, sorting, pagination, promotions, states, and no 500 whatever the URL."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from community.models import Credit, Person, Role
from tests.factories import StandardPageFactory
from tests.search.pagetypes.models import RecordingTestPage

# Surrogates cannot be sent in a URL at all: a browser never produces them.
NO_SURROGATES = st.characters(blacklist_categories=("Cs",))


def dated(year: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, 6, 1, 10))


@pytest.fixture
def indexed(home):
    claire = Person.objects.create(name="Claire Essai")
    animateur = Role.objects.get(slug="animateur")
    values = StandardPageFactory(
        parent=home,
        title="Valeurs du collectif",
        intro="Bienveillance et ouverture",
        first_published_at=dated(2021),
    )
    values.tags.add("valeurs")
    values.save()
    StandardPageFactory(
        parent=home,
        title="Ouverture des ateliers",
        intro="Les ateliers sont ouverts à tous",
        first_published_at=dated(2024),
    )
    recording = RecordingTestPage(
        title="Webinaire ouverture",
        slug="webinaire",
        recorded_on=datetime.date(2023, 3, 1),
        intro="Ouverture du cycle.",
    )
    home.add_child(instance=recording)
    Credit.objects.create(page=recording, person=claire, role=animateur)
    StandardPageFactory(parent=home, title="Brouillon secret", live=False)
    call_command("update_index", verbosity=0)
    return home


def get(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [hit.title for hit in response.context["hits"]]


def facet(response, name) -> dict[str, int]:
    for item in response.context["facets"]:
        if item.name == name:
            return {option.value: option.count for option in item.options}
    return {}


@pytest.mark.django_db
def test_search_finds_live_pages_only(client, indexed):
    assert "Valeurs du collectif" in titles(get(client, q="valeurs"))
    assert titles(get(client, q="secret")) == []


@pytest.mark.django_db
def test_facets_count_each_type_format_tag_person_role_and_year(client, indexed):
    response = get(client, q="ouverture")
    assert facet(response, "type") == {
        "media_pages.standardpage": 2,
        "search_testpages.recordingtestpage": 1,
    }
    assert facet(response, "format") == {"text": 2, "video": 1}
    assert facet(response, "tag") == {"valeurs": 1}
    assert facet(response, "person") == {"claire-essai": 1}
    assert facet(response, "role") == {"animateur": 1}
    assert facet(response, "year") == {"2024": 1, "2023": 1, "2021": 1}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"format": "video"}, ["Webinaire ouverture"]),
        ({"type": "media_pages.standardpage", "year": "2021"}, ["Valeurs du collectif"]),
        ({"tag": "valeurs"}, ["Valeurs du collectif"]),
        ({"person": "claire-essai", "role": "animateur"}, ["Webinaire ouverture"]),
        ({"tag": "inconnu"}, []),
    ],
)
def test_a_facet_value_filters_the_results(client, indexed, params, expected):
    assert titles(get(client, q="ouverture", **params)) == expected


@pytest.mark.django_db
def test_facet_links_keep_the_query_and_toggle_their_value(client, indexed):
    response = get(client, q="ouverture", format="video")
    video = next(f for f in response.context["facets"] if f.name == "format").options[0]
    assert video.selected and video.url == "?q=ouverture"
    assert 'href="?q=ouverture"' in response.content.decode()


@pytest.mark.django_db
def test_sort_by_date_puts_the_newest_first(client, indexed):
    assert titles(get(client, q="ouverture", sort="date")) == [
        "Ouverture des ateliers",
        "Webinaire ouverture",
        "Valeurs du collectif",
    ]


@pytest.mark.django_db
def test_results_are_paginated_and_a_page_too_far_shows_the_last(client, home):
    for number in range(13):
        StandardPageFactory(parent=home, title=f"Atelier numéro {number}", intro="Un atelier.")
    assert len(titles(get(client, q="atelier"))) == 10
    assert len(titles(get(client, q="atelier", page="2"))) == 3
    assert len(titles(get(client, q="atelier", page="999"))) == 3
    assert "page=2" in get(client, q="atelier").content.decode()


@pytest.mark.django_db
def test_editors_promotions_come_first(client, indexed):
    promoted = StandardPageFactory(parent=indexed, title="Charte", intro="Sans rapport.")
    SearchPromotion.objects.create(
        query=Query.get("valeurs"), page=promoted, sort_order=0, description="Notre charte"
    )
    html = get(client, q="valeurs").content.decode()
    assert html.index("Notre charte") < html.index("Valeurs du collectif")


@pytest.mark.django_db
def test_empty_no_result_and_common_words_states_help_the_visitor(client, indexed):
    empty = get(client)
    assert "hits" not in empty.context and empty.context["search_query"] == ""
    assert get(client, q="le la de des").context["only_common_words"]
    no_result = get(client, q="zzzxq")
    assert no_result.context["hits"] == []
    assert 'role="status"' in no_result.content.decode()
    broadened = get(client, q="valeurs ateliers")
    assert broadened.context["broadened"]
    assert set(titles(broadened)) == {"Valeurs du collectif", "Ouverture des ateliers"}


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_the_query_count_does_not_grow_with_the_results(
    client, home, count, django_assert_max_num_queries
):
    for number in range(count):
        StandardPageFactory(parent=home, title=f"Plénière {number}", intro="Une plénière.")
    # Four indexes are searched (pages, transcripts, people, roles), each in a fixed number of
    # queries; the budget does not depend on ``count``.
    with django_assert_max_num_queries(50):
        assert get(client, q="plénière").context["search_results"].paginator.count == count


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"q": "valeurs", "page": "abc"},
        {"q": "valeurs", "page": "-3"},
        {"q": "valeurs", "page": "99999999999999999999"},
        {"q": "x" * 10_000},
        {"q": "\x00"},
        {"q": '"unbalanced AND (OR'},
        {"q": "NEAR(valeurs collectif) OR title:* -x ^2"},
        {"q": "🎙️ podcast"},
        {"q": "l'évaluation"},
        {"q": ["a", "b"]},
        {"q": "valeurs", "type": "nope"},
        {"q": "valeurs", "type": "inconnu.modele"},
        {"q": "valeurs", "format": "hologramme"},
        {"q": "valeurs", "year": "deux-mille"},
        {"q": "valeurs", "person": "<script>"},
        {"q": "valeurs", "sort": "random"},
    ],
)
def test_bad_query_strings_get_a_page_not_an_error(client, indexed, query):
    response = client.get("/recherche/", query)
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_filter_not_understood_is_ignored_and_said(client, indexed):
    response = get(client, q="valeurs", format="hologramme", year="x")
    assert set(response.context["ignored_filters"]) == {"format", "year"}
    assert titles(response) == ["Valeurs du collectif"]


@pytest.mark.django_db
def test_any_page_ignores_an_unknown_or_bad_parameter(client, indexed):
    assert client.get("/", {"page": "abc", "q": "\x00"}).status_code == 200


@pytest.mark.django_db
def test_search_only_accepts_get(client, indexed):
    assert client.post("/recherche/", {"q": "x"}).status_code == 405
    assert client.post("/recherche/suggestions/", {"q": "x"}).status_code == 405


@pytest.mark.django_db
def test_the_box_works_without_javascript(client, indexed):
    html = client.get("/").content.decode()
    assert 'action="/recherche/"' in html and 'name="q"' in html and 'id="search-q"' in html
    assert "data-autocomplete-url" in html


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.fixed_dictionaries(
        {},
        optional={
            name: st.text(NO_SURROGATES, max_size=300 if name == "q" else 20)
            for name in ("q", "page", "sort", "type", "format", "tag", "person", "role", "year")
        },
    )
)
def test_search_never_fails_whatever_the_parameters(client, indexed, params):
    assert client.get("/recherche/", params).status_code == 200
    assert client.get("/recherche/suggestions/", {"q": params.get("q", "")}).status_code == 200


@pytest.mark.django_db
def test_people_and_roles_are_results_with_their_own_facet(client, indexed):
    from tests.factories import CommunityIndexPageFactory

    CommunityIndexPageFactory(parent=indexed)
    call_command("update_index", verbosity=0)
    found = get(client, q="Claire Essai")
    hits = {hit.title: hit for hit in found.context["hits"]}
    assert hits["Claire Essai"].url == "/communaute/personnes/claire-essai/"
    assert hits["Claire Essai"].type_label == "Personne"
    # The pages crediting her are results too, after her own page.
    assert titles(found)[0] == "Claire Essai"
    assert "Webinaire ouverture" in hits
    types = {o.label: o for f in found.context["facets"] if f.name == "type" for o in f.options}
    assert types["Personne"].count == 1
    only_people = get(client, q="Claire Essai", type="community.person")
    assert [hit.title for hit in only_people.context["hits"]] == ["Claire Essai"]
    # A role's page is found by its name and by the words of its mission.
    for query in ("Animateur", "conducteur d’atelier co-construit"):
        role_hits = get(client, q=query).context["hits"]
        assert any(hit.url == "/communaute/roles/animateur/" for hit in role_hits[:3]), query
    # Filters that describe pages (tag, year...) leave profiles out.
    assert "Claire Essai" not in titles(get(client, q="Claire Essai", year="2023"))


@pytest.mark.django_db
def test_a_person_credited_only_on_drafts_or_without_a_community_page_is_not_a_result(client, home):
    from tests.factories import CommunityIndexPageFactory

    draft = StandardPageFactory(parent=home, title="Brouillon", live=False)
    hidden = Person.objects.create(name="Zoé Brouillon")
    Credit.objects.create(page=draft, person=hidden, role=Role.objects.get(slug="passeur"))
    shown = Person.objects.create(name="Zoé Publiée")
    live = StandardPageFactory(parent=home, title="Publiée")
    Credit.objects.create(page=live, person=shown, role=Role.objects.get(slug="passeur"))
    call_command("update_index", verbosity=0)
    assert "Zoé Publiée" not in titles(get(client, q="Zoé"))  # no community page yet
    CommunityIndexPageFactory(parent=home)
    assert "Zoé Publiée" in titles(get(client, q="Zoé"))
    assert "Zoé Brouillon" not in titles(get(client, q="Zoé"))


def pages_saying_collectif_and_one_saying_collection(home) -> str:
    for number in range(4):
        StandardPageFactory(
            parent=home, title=f"Collectif {number}", intro="Collectif, collectifs."
        )
    return StandardPageFactory(
        parent=home,
        title="Les badges numériques de l’académie",
        intro="Ils sont réunis dans une collection que chacun peut consulter en ligne.",
    ).title


@pytest.mark.django_db
def test_words_as_typed_rank_above_words_the_stemmer_merged(client, home):
    """ "collections" and "collectif" share the stem "collect": the page with "collection" wins."""
    expected = pages_saying_collectif_and_one_saying_collection(home)
    call_command("update_index", verbosity=0)
    assert titles(get(client, q="collections"))[0] == expected


@pytest.mark.opensearch
@pytest.mark.django_db
def test_words_as_typed_rank_first_on_opensearch_too(client, home, opensearch):
    expected = pages_saying_collectif_and_one_saying_collection(home)
    opensearch()
    assert titles(get(client, q="collections"))[0] == expected
