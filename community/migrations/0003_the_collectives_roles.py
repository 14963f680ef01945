"""The fifteen roles of the Collectif Apprenant's identity card, editable afterwards."""

from django.db import migrations

ROLES = [
    ("participant", "Participant", "Participant", "guest",
     "Participe aux différents évènements et échange sur les thématiques abordées.",
     "Takes part in the events and discusses the topics they address."),
    ("passeur", "Passeur", "Relay", "guest",
     "Partage, contribue, anime, produit des ressources pour le collectif.",
     "Shares, contributes, leads and produces resources for the collective."),
    ("batisseur", "Bâtisseur", "Builder", "producer",
     "Contribue à l’organisation du collectif apprenant, rend compte à l’autorité de tutelle.",
     "Helps organise the learning collective and reports to the supervising authority."),
    ("developpeur", "Développeur", "Developer", "producer",
     "Anime, agite, structure la communauté apprenante, rend compte à l’autorité de tutelle "
     "afin d’être intégré à une stratégie globale.",
     "Leads, stirs and structures the learning community, reporting to the supervising "
     "authority so that it fits a global strategy."),
    ("editorialiste", "Éditorialiste", "Editorialist", "writer",
     "Éclaircit et met en perspective les tendances, propose des orientations.",
     "Clarifies trends, puts them in perspective and suggests directions."),
    ("redactrice", "Rédactrice", "Newsletter editor", "editor",
     "Édite des lettres d’information pour présenter le développement du collectif et nous "
     "faire part de sujets.",
     "Edits the newsletters that present the collective's development and share topics."),
    ("modelisateur", "Modélisateur", "Modeller", "consultant",
     "Fait le point régulier sur l’évolution et le développement de la communauté pour mieux "
     "capitaliser et transmettre l’expérience.",
     "Regularly reviews how the community evolves, to capitalise on and pass on experience."),
    ("ami-critique", "Ami critique", "Critical friend", "consultant",
     "Pose un regard sur le travail réalisé, apporte un retour constructif pour aider le groupe "
     "à se situer.",
     "Looks at the work done and gives constructive feedback to help the group see where it stands."),
    ("rapporteur-objectif", "Rapporteur objectif", "Objective rapporteur", "reporter",
     "Rend compte du travail effectué de façon synthétique.",
     "Reports on the work done, concisely."),
    ("rapporteur-subjectif", "Rapporteur subjectif", "Subjective rapporteur", "reporter",
     "S’exprime en son nom propre, apporte sa résonance personnelle, nous offre un espace "
     "d’expression libre.",
     "Speaks in their own name, brings a personal resonance and offers a space of free expression."),
    ("climatologue", "Climatologue", "Climate keeper", "producer",
     "Protège notre environnement de travail et les interactions à distance.",
     "Looks after our working environment and our remote interactions."),
    ("ingenieur-mise-en-ligne", "Ingénieur de mise en ligne", "Online publishing engineer",
     "producer",
     "Relaie le fil du collectif, maintient à jour le site, accompagne les participants à se "
     "connecter aux différentes plateformes.",
     "Relays the collective's feed, keeps the site up to date and helps participants connect "
     "to the platforms."),
    ("community-manager", "Community manager", "Community manager", "co-host",
     "Anime le compte du groupe sur les réseaux et assiste l’animation lors des plénières "
     "(anime le tchat, recueille les questions, sollicite l’animateur).",
     "Runs the group's social accounts and assists the host during plenaries (chat, "
     "questions, prompting the host)."),
    ("illustrateur", "Illustrateur", "Illustrator", "cover art designer",
     "Diffuse des croquis, des caricatures, des schémas, des cartes mentales sur les sujets de "
     "son choix.",
     "Shares sketches, caricatures, diagrams and mind maps on subjects of their choice."),
    ("animateur", "Animateur", "Facilitator", "host",
     "À partir d’un conducteur d’atelier co-construit, anime une thématique, un groupe de "
     "travail, un atelier, rend compte au staff par un livrable.",
     "Using a co-designed workshop plan, leads a theme, a working group or a workshop, and "
     "reports to the staff with a deliverable."),
]


def create_roles(apps, schema_editor):
    Role = apps.get_model("community", "Role")
    for order, (slug, name_fr, name_en, podcast_role, description_fr, description_en) in enumerate(
        ROLES
    ):
        Role.objects.get_or_create(
            slug=slug,
            defaults={
                "name_fr": name_fr,
                "name_en": name_en,
                "podcast_role": podcast_role,
                "description_fr": description_fr,
                "description_en": description_en,
                "sort_order": order,
            },
        )


def remove_roles(apps, schema_editor):
    Role = apps.get_model("community", "Role")
    Role.objects.filter(slug__in=[row[0] for row in ROLES], credits__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0002_initial")]

    operations = [migrations.RunPython(create_roles, remove_roles)]
