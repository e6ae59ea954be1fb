"""The API's project records carry the number of adoptions that count (read by the reverse relation's name:
`api` does not import `diffusion`)."""

from diffusion.models import Adoption
from tests.factories import make_organisation

PROJECTS = "/api/v1/projects/"


def test_records_carry_the_adoptions_that_count(client, world):
    alarm = world["alarm"]
    for name, counted in (("Asker", True), ("Drammen", True), ("Hole", False)):
        Adoption.objects.create(source=alarm, organisation=make_organisation(name=name), is_counted=counted)
    records = {r["slug"]: r for r in client.get(PROJECTS).json()["results"]}
    assert records[alarm.slug]["adoption_count"] == 2
    assert records[world["canteen"].slug]["adoption_count"] == 0
    assert client.get(f"{PROJECTS}{alarm.slug}/").json()["adoption_count"] == 2


def test_the_schema_documents_the_adoption_count(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert "adoption_count" in schema["components"]["schemas"]["Project"]["properties"]
