from django.db import migrations, models
from django.db.models import F


def alt_text_from_description_or_title(apps, schema_editor):
    """Images uploaded before the field keep what served as their alt: description, else title."""
    images = apps.get_model("media_pages", "CollectifImage").objects
    images.exclude(description="").update(alt_text=F("description"))
    images.filter(alt_text="").update(alt_text=F("title"))


class Migration(migrations.Migration):
    dependencies = [("media_pages", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="collectifimage",
            name="alt_text",
            field=models.CharField(
                default="",
                help_text=(
                    "What the image shows, for people who cannot see it "
                    "(read aloud by screen readers)."
                ),
                max_length=255,
                verbose_name="alternative text",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(alt_text_from_description_or_title, migrations.RunPython.noop),
    ]
