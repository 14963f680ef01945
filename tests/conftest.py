import pytest

from tests.factories import make_site_with_home


@pytest.fixture
def home(db):
    return make_site_with_home()


@pytest.fixture
def demo_content(db):
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific
