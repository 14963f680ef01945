"""The session transcript becomes text uploaded on the page, as for podcast episodes.

The documents library refuses .vtt/.srt, so editors could not attach one; the text of each
transcript already chosen is copied onto its session (the document stays in the library).
"""

from django.db import migrations, models


def copy_document_text(apps, schema_editor):
    WebinarPage = apps.get_model("webinars", "WebinarPage")
    for session in WebinarPage.objects.exclude(transcript_document=None).select_related(
        "transcript_document"
    ):
        try:
            with session.transcript_document.file.open("rb") as handle:
                text = handle.read().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # a missing or unreadable file: the session keeps its parsed cues only
        WebinarPage.objects.filter(pk=session.pk).update(transcript=text)


class Migration(migrations.Migration):
    dependencies = [
        ("webinars", "0001_initial"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RenameField("webinarpage", "transcript", "transcript_document"),
        migrations.AddField(
            model_name="webinarpage",
            name="transcript",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Timed text, shown under the player and used as its captions: "
                    "upload the file above or paste it here."
                ),
                verbose_name="transcript (WebVTT or SRT)",
            ),
        ),
        migrations.RunPython(copy_document_text, migrations.RunPython.noop),
        migrations.RemoveField("webinarpage", "transcript_document"),
    ]
