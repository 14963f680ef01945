import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from community.models import Credit, Person, Role
from tests.factories import StandardPageFactory

IDENTITY_CARD_ROLES = [
    "Participant", "Passeur", "Bâtisseur", "Développeur", "Éditorialiste", "Rédactrice",
    "Modélisateur", "Ami critique", "Rapporteur objectif", "Rapporteur subjectif",
    "Climatologue", "Ingénieur de mise en ligne", "Community manager", "Illustrateur",
    "Animateur",
]  # fmt: skip


@pytest.mark.django_db
def test_the_fifteen_roles_of_the_identity_card_exist_in_order_with_descriptions():
    roles = list(Role.objects.all())
    assert [role.name_fr for role in roles] == IDENTITY_CARD_ROLES
    assert all(role.description_fr and role.description_en and role.name_en for role in roles)


@pytest.mark.django_db
def test_role_name_follows_the_interface_language():
    role = Role.objects.get(slug="ami-critique")
    with translation.override("en"):
        assert role.name == "Critical friend"
    with translation.override("fr"):
        assert role.name == "Ami critique"


@pytest.mark.django_db
def test_people_get_unique_slugs():
    first = Person.objects.create(name="Camille Martin")
    second = Person.objects.create(name="Camille Martin")
    assert (first.slug, second.slug) == ("camille-martin", "camille-martin-2")


@pytest.mark.django_db
def test_a_person_is_credited_once_per_role_on_a_page(home):
    page = StandardPageFactory(parent=home)
    person = Person.objects.create(name="Camille Martin")
    role = Role.objects.get(slug="animateur")
    Credit.objects.create(page=page, person=person, role=role)
    Credit.objects.create(page=page, person=person, role=Role.objects.get(slug="passeur"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Credit.objects.create(page=page, person=person, role=role)
    assert [str(c) for c in page.credits.order_by("role__sort_order")] == [
        "Camille Martin – Passeur",
        "Camille Martin – Animateur",
    ]
