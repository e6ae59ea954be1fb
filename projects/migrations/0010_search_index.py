"""The search index grows: a plain-text copy of every project's searchable words (both databases), a word
list with a trigram index for compound parts and typos (PostgreSQL's pg_trgm extension, created here), and a
rebuild of the weighted vector over the new fields (tags, service areas, benefits, actors, owner …)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

INDEX = "projects_searchword_word_trgm"


def create_index(apps, schema_editor):
    # fastupdate off: without it every save adds to a pending list that each search must read through
    # (measured: 50 ms for a look-up in 1 000 words after loading 10 000 projects, 0.1 ms without).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON projects_searchword USING gin (word gin_trgm_ops) "
            "WITH (fastupdate = off)"
        )
        schema_editor.execute("ALTER INDEX projects_project_search_vector_gin SET (fastupdate = off)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute("ALTER INDEX projects_project_search_vector_gin RESET (fastupdate)")


def rebuild(apps, schema_editor):
    from projects.search import rebuild_index

    rebuild_index(apps.get_model("projects", "Project"), apps.get_model("projects", "SearchWord"))


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0009_term_name_en"),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=60, primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
            },
        ),
        migrations.AddField(
            model_name="project",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
