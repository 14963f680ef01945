from django.apps import AppConfig


class SearchTestPageTypesConfig(AppConfig):
    """Page types that exist only in tests, to prove that any page type can join the index."""

    name = "tests.search.pagetypes"
    label = "search_testpages"
