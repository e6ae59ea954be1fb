"""A stored Norwegian full-text vector per project, with a GIN index (PostgreSQL only).

On SQLite the column exists but stays empty: search there uses a simple word match.
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "projects_project_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON projects_project USING gin (search_vector)")
    schema_editor.execute(
        "UPDATE projects_project SET search_vector = "
        "setweight(to_tsvector('norwegian', coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('norwegian', coalesce(summary, '')), 'B') || "
        "setweight(to_tsvector('norwegian', coalesce(need, '') || ' ' || coalesce(solution, '')), 'C')"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_help_text")]

    operations = [
        migrations.AddField(
            model_name="project",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
