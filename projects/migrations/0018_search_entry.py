"""The search vectors move from the wide projects table to a narrow one of their own (PostgreSQL): a search
that matches thousands of projects then reads and ranks short rows. The vectors are copied, not recomputed."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


INDEX = "projects_searchentry_vector_gin"


def move_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "INSERT INTO projects_searchentry (project_id, vector) "
        "SELECT id, search_vector FROM projects_project WHERE search_vector IS NOT NULL"
    )
    # fastupdate off: each change goes into the index at once, so searches never scan a pending list.
    schema_editor.execute(f"CREATE INDEX {INDEX} ON projects_searchentry USING gin (vector) WITH (fastupdate = off)")
    schema_editor.execute("DROP INDEX IF EXISTS projects_project_search_vector_gin")
    schema_editor.execute("ANALYZE projects_searchentry")


def move_back(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "UPDATE projects_project p SET search_vector = e.vector FROM projects_searchentry e WHERE e.project_id = p.id"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS projects_project_search_vector_gin ON projects_project USING gin (search_vector)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0017_listed_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "project",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
            },
        ),
        migrations.RunPython(move_vectors, move_back),
        migrations.RemoveField(
            model_name="project",
            name="search_vector",
        ),
    ]
