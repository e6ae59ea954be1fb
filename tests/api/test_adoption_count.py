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


def test_organisations_carry_the_adoption_counts_of_their_pages(client, rf, world, organisation, co_owner_organisation):
    from django.contrib.auth.models import AnonymousUser

    from diffusion.templatetags.diffusion import organisation_diffusion
    from projects import services

    from ..projects.conftest import make_project

    alarm, canteen, large = world["alarm"], world["canteen"], world["large"]
    asker, drammen, hole = (make_organisation(name=name) for name in ("Asker", "Drammen", "Hole"))
    for adopter, counted in ((asker, True), (drammen, True), (hole, False)):
        Adoption.objects.create(source=alarm, organisation=adopter, is_counted=counted)
    Adoption.objects.create(source=canteen, organisation=organisation, is_counted=True)
    Adoption.objects.create(source=world["archived"], organisation=asker, is_counted=True)  # published, archived
    never = make_project(owner=large, title="Aldri publisert")
    services.archive_project(project=never, by=None)
    Adoption.objects.create(source=never, organisation=asker, is_counted=True)  # nobody may see it: not counted

    by_number = {o["number"]: o for o in client.get("/api/v1/organisations/?page_size=200").json()["results"]}
    request = rf.get("/")
    request.user = AnonymousUser()
    for org, adoption_count, adopted_count in (
        (organisation, 3, 1),  # alarm ×2 and the archived project; adopted the canteen
        (co_owner_organisation, 2, 0),  # co-owns alarm
        (large, 1, 0),
        (asker, 0, 2),
        (hole, 0, 0),
    ):
        record = by_number[org.number]
        assert (record["adoption_count"], record["adopted_count"]) == (adoption_count, adopted_count), org.name
        page = organisation_diffusion({"request": request}, org)
        assert (page.get("from_us_count", 0), page.get("adopted_count", 0)) == (adoption_count, adopted_count)
    one = client.get(f"/api/v1/organisations/{organisation.number}/").json()
    assert (one["adoption_count"], one["adopted_count"]) == (3, 1)


def test_the_schema_documents_the_organisations_adoption_counts(client, db):
    properties = client.get("/api/v1/schema/?format=json").json()["components"]["schemas"]["Organisation"]["properties"]
    assert {"adoption_count", "adopted_count"} <= set(properties)
