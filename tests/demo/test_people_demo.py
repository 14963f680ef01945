import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from community.models import Credit, Role
from media_pages.models import EditorialPage, PresentationPage


@pytest.mark.django_db
def test_demo_credits_someone_in_every_role_on_editorials_and_presentations(client):
    call_command("load_demo_content", verbosity=0)
    editorials = EditorialPage.objects.live()
    presentations = PresentationPage.objects.live()
    assert editorials.count() == 3
    assert {p.embed.provider for p in presentations} == {"Genially", "reveal.js"}
    for page in [*editorials, *presentations]:
        assert page.credits.exists(), page.title
        assert page.text_alternative if isinstance(page, PresentationPage) else page.intro
    credited_roles = set(Credit.objects.values_list("role__slug", flat=True))
    assert credited_roles == set(Role.objects.values_list("slug", flat=True))
    for path in ("/communaute/roles/", "/editoriaux/feed.xml", "/etiquettes/hybridation/"):
        assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_demo_reviewer_and_editorialist_accounts_are_in_their_groups():
    call_command("load_demo_content", verbosity=0)
    users = get_user_model().objects
    assert users.get(username="claire.vasseur").groups.get().name == "Éditorialiste"
    assert users.get(username="mathieu.roussel").groups.get().name == "Ami critique"
    assert users.get(username="claire.vasseur").person.slug == "claire-vasseur"
