from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.curators import CURATOR_GROUP, ensure_curator_group


def create_group(apps, schema_editor):
    # Model permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_curator_group(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CURATOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_named_indexes_and_constraints"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("projects", "0007_image_display"),
        ("municipalities", "0005_email_domain_unique_only_when_verified"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
