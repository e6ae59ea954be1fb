"""PostgreSQL only: each facet key's projects as a bit string (projects/facets.py), counted with bit_count."""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS projects_facetbitmap (
    state varchar(12) NOT NULL,
    key varchar(130) NOT NULL,
    bits bit varying NOT NULL,
    PRIMARY KEY (state, key)
);
ALTER TABLE projects_facetbitmap ALTER COLUMN bits SET STORAGE EXTERNAL;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS projects_facetbitmap")


class Migration(migrations.Migration):
    dependencies = [("projects", "0015_facet_tally")]

    operations = [migrations.RunPython(create, drop)]
