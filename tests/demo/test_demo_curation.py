"""The demo shows curation: featured projects, a collection and awards, all on example data."""

from curation.models import Award, Collection, Feature
from demo.curation import load_demo_curation


def test_demo_has_featured_projects_a_collection_and_awards(client):
    assert Feature.objects.current().count() == 2
    collection = Collection.objects.published().get()
    assert collection.is_demo and collection.items.count() == 3
    assert Award.objects.filter(project__is_demo=True).count() == 2
    content = client.get("/").content.decode()
    assert "Velferdsteknologi som virker" in content
    assert load_demo_curation() == {"featured": 0, "collections": 0, "awards": 0}  # idempotent
