"""The feminine, masculine and inclusive forms of the fifteen roles of the identity card.

Only forms still empty are filled: a form an editor already wrote is kept.
"""

from django.db import migrations

FORMS = {
    # slug: (feminine, masculine, inclusive)
    "participant": ("Participante", "Participant", "Participant·e"),
    "passeur": ("Passeuse", "Passeur", "Passeur·euse"),
    "batisseur": ("Bâtisseuse", "Bâtisseur", "Bâtisseur·euse"),
    "developpeur": ("Développeuse", "Développeur", "Développeur·euse"),
    "editorialiste": ("Éditorialiste", "Éditorialiste", "Éditorialiste"),
    "redactrice": ("Rédactrice", "Rédacteur", "Rédacteur·rice"),
    "modelisateur": ("Modélisatrice", "Modélisateur", "Modélisateur·rice"),
    "ami-critique": ("Amie critique", "Ami critique", "Ami·e critique"),
    "rapporteur-objectif": (
        "Rapporteuse objective", "Rapporteur objectif", "Rapporteur·euse objectif·ve"
    ),
    "rapporteur-subjectif": (
        "Rapporteuse subjective", "Rapporteur subjectif", "Rapporteur·euse subjectif·ve"
    ),
    "climatologue": ("Climatologue", "Climatologue", "Climatologue"),
    "ingenieur-mise-en-ligne": (
        "Ingénieure de mise en ligne", "Ingénieur de mise en ligne", "Ingénieur·e de mise en ligne"
    ),
    "community-manager": ("Community manager", "Community manager", "Community manager"),
    "illustrateur": ("Illustratrice", "Illustrateur", "Illustrateur·rice"),
    "animateur": ("Animatrice", "Animateur", "Animateur·rice"),
}  # fmt: skip


def fill_forms(apps, schema_editor):
    Role = apps.get_model("community", "Role")
    for role in Role.objects.filter(slug__in=FORMS):
        feminine, masculine, inclusive = FORMS[role.slug]
        role.name_fr_feminine = role.name_fr_feminine or feminine
        role.name_fr_masculine = role.name_fr_masculine or masculine
        role.name_fr_inclusive = role.name_fr_inclusive or inclusive
        role.save(update_fields=["name_fr_feminine", "name_fr_masculine", "name_fr_inclusive"])


class Migration(migrations.Migration):
    dependencies = [("community", "0004_role_forms")]

    operations = [migrations.RunPython(fill_forms, migrations.RunPython.noop)]
