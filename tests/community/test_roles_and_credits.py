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
        "Camille Martin – Passeur·euse",
        "Camille Martin – Animateur·rice",
    ]


@pytest.mark.django_db
def test_every_role_has_its_three_french_forms():
    roles = list(Role.objects.all())
    assert all(r.name_fr_feminine and r.name_fr_masculine and r.name_fr_inclusive for r in roles)
    animateur = Role.objects.get(slug="animateur")
    forms = (animateur.name_fr_feminine, animateur.name_fr_masculine, animateur.name_fr_inclusive)
    assert forms == ("Animatrice", "Animateur", "Animateur·rice")
    # The identity card's own name stays the role's name.
    assert Role.objects.get(slug="redactrice").name_fr_masculine == "Rédacteur"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form", "expected"),
    [("feminine", "Animatrice"), ("masculine", "Animateur"), ("inclusive", "Animateur·rice")],
)
def test_a_credit_reads_in_the_form_the_person_chose(home, form, expected):
    page = StandardPageFactory(parent=home)
    person = Person.objects.create(name="Claire Dumas", role_form=form)
    credit = Credit.objects.create(
        page=page, person=person, role=Role.objects.get(slug="animateur")
    )
    with translation.override("fr"):
        assert credit.role_name == expected
    with translation.override("en"):
        assert credit.role_name == "Facilitator"


@pytest.mark.django_db
def test_an_empty_form_falls_back_to_the_inclusive_one_then_the_name(home):
    role = Role.objects.create(slug="nouveau", name_fr="Nouveau rôle", name_en="New role")
    person = Person(name="Alex", role_form="feminine")
    with translation.override("fr"):
        assert role.name_for(person) == "Nouveau rôle"
        role.name_fr_inclusive = "Nouveau·elle"
        assert role.name_for(person) == "Nouveau·elle"
