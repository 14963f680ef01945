import os
import uuid

import pytest
from django.core.management import call_command
from django.test import override_settings

from config.settings.environment import engine_backend

from . import opensearch_node


@pytest.fixture(scope="session")
def opensearch_url():
    """The URL of a real OpenSearch node for this test session (see ``opensearch_node``)."""
    try:
        node = opensearch_node.start()
    except RuntimeError as error:
        if os.environ.get("REQUIRE_OPENSEARCH"):
            pytest.fail(f"REQUIRE_OPENSEARCH is set but: {error}")
        pytest.skip(str(error))
    yield node.url
    node.stop()


@pytest.fixture
def opensearch(opensearch_url, db):
    """Search through OpenSearch for one test: fresh indexes under a unique prefix, then gone."""
    prefix = f"test_{uuid.uuid4().hex[:8]}_"
    backend = engine_backend("search.backends.opensearch", opensearch_url, prefix)
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": backend}):
        yield rebuild_index
        from wagtail.search.backends import get_search_backend

        client = get_search_backend().es
        client.indices.delete(index=f"{prefix}*", ignore_unavailable=True)


def rebuild_index() -> None:
    call_command("update_index", verbosity=0)
