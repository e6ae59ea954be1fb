"""Queries per page do not grow with the data on the public pages beside the list, the front page, the
organisation pages and the project page (those are in test_page_queries.py): spreading, statistics, collections,
open days, feeds, sitemap.xml, the API and the exports."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from curation.models import Collection, CollectionItem
from diffusion.models import Adoption
from tests.factories import make_organisation
from tests.opendays.conftest import make_open_day
from tests.projects.conftest import make_project

pytestmark = pytest.mark.django_db


def paths(organisation, project, collection, open_day) -> list[str]:
    return [
        "/spredning/",
        "/spredning/?page=2",
        f"/spredning/?county={organisation.county_id}",
        "/spredning/?service_area=helse-og-omsorg",
        "/spredning/atom/",
        "/statistikk/",
        "/statistikk/projects-by-phase.csv",
        "/statistikk/organisations-by-county.csv",
        "/samlinger/",
        collection.get_absolute_url(),
        "/visningsdager/",
        open_day.get_absolute_url(),
        "/visningsdager/atom/",
        "/visningsdager/kalender.ics",
        "/feeder/prosjekter/",
        "/feeder/prosjekter/?q=sensorer",
        "/feeder/tjenesteomrader/helse-og-omsorg/",
        f"/feeder/kommuner/{organisation.number}/",
        "/sitemap.xml",
        "/sitemap-projects.xml",
        "/sitemap-organisations.xml",
        "/api/",
        "/api/v1/projects/",
        "/api/v1/projects/?archived=on&service_area=helse-og-omsorg",
        f"/api/v1/projects/{project.slug}/",
        "/api/v1/organisations/",
        f"/api/v1/organisations/{organisation.number}/",
        "/api/v1/vocabularies/",
        "/api/datasett.jsonld",
        "/robots.txt",
        "/prosjekter/eksport.csv",  # streamed in chunks of 500 rows: constant below that
        "/prosjekter/eksport.xlsx",
    ]


def count(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200, path
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def add(n, *, organisation, others, editor, collection):
    """n more published projects, each adopted by every organisation in `others`, in the collection, with an
    open day."""
    for index in range(n):
        project = make_project(
            owner=organisation, by=editor, title=f"Sensorer nummer {index} {timezone.now()}", state="published"
        )
        for other in others:
            Adoption.objects.create(
                source=project,
                organisation=other,
                is_counted=True,
                confirmation=Adoption.Confirmation.CONFIRMED,
                confirmed_at=timezone.now(),
            )
        CollectionItem.objects.create(collection=collection, project=project, position=index + 1)
        make_open_day(project=project, by=editor)


def test_queries_per_open_data_page_do_not_grow_with_the_data(organisation, co_owner_organisation, editor):
    collection = Collection.objects.create(title="Sensorer", slug="sensorer", published_at=timezone.now())
    first = make_project(
        owner=organisation,
        by=editor,
        title="Sensorer i hjemmetjenesten",
        state="published",
        co_owners=[co_owner_organisation],
    )
    CollectionItem.objects.create(collection=collection, project=first)
    open_day = make_open_day(project=first, by=editor)
    Adoption.objects.create(source=first, organisation=co_owner_organisation, is_counted=True)
    others = [co_owner_organisation]
    add(1, organisation=organisation, others=others, editor=editor, collection=collection)
    client = Client()
    cache.clear()
    few = {path: count(client, path) for path in paths(organisation, first, collection, open_day)}
    others += [make_organisation(name=f"Adopterer {n}", county=organisation.county) for n in range(3)]
    add(4, organisation=co_owner_organisation, others=others[1:], editor=editor, collection=collection)
    cache.clear()
    many = {path: count(client, path) for path in paths(organisation, first, collection, open_day)}
    assert many == few
