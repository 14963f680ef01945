"""No group manages accounts; Wagtail's English default groups, workflow and root renamed or
retired (see accounts.admin_defaults)."""

from django.db import migrations

from accounts.admin_defaults import retire_wagtail_defaults, strip_account_management


def apply(apps, schema_editor):
    strip_account_management(apps)
    retire_wagtail_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
