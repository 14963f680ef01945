import secrets

from django.db import migrations, models

import badges.models


def give_each_award_an_index(apps, schema_editor):
    Award = apps.get_model("badges", "Award")
    taken = set()
    for award in Award.objects.filter(status_index__isnull=True).only("pk"):
        index = secrets.randbelow(badges.models.STATUS_LIST_SIZE)
        while index in taken:
            index = secrets.randbelow(badges.models.STATUS_LIST_SIZE)
        taken.add(index)
        award.status_index = index
        award.save(update_fields=["status_index"])


class Migration(migrations.Migration):

    dependencies = [
        ("badges", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="award",
            name="status_index",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_award_an_index, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="award",
            name="status_index",
            field=models.PositiveIntegerField(
                default=badges.models.free_status_index, editable=False, unique=True
            ),
        ),
    ]
