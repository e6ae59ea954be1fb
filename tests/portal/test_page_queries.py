"""Queries per public page do not grow with the data, and a cached page costs none."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from common.pagecache import page_cache
from tests.projects.conftest import make_project

pytestmark = pytest.mark.django_db


def paths(organisation, project) -> list[str]:
    return [
        "/",
        "/prosjekter/",
        "/prosjekter/?page=last",
        "/prosjekter/?phase=innovation&status=ongoing&service_area=helse-og-omsorg",
        "/prosjekter/?q=sensorer",
        project.get_absolute_url(),
        organisation.get_absolute_url(),
    ]


def count(path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(path).status_code == 200, path
    return len(queries)


def test_queries_per_public_page_do_not_grow_with_projects(organisation, co_owner_organisation, editor):
    first = make_project(owner=organisation, by=editor, title="Sensorer i hjemmetjenesten", state="published")
    make_project(
        owner=co_owner_organisation, by=editor, title="Sensorer delt", state="published", co_owners=[organisation]
    )
    page_cache.clear()
    few = {path: count(path) for path in paths(organisation, first)}
    for n in range(4):
        make_project(
            owner=organisation if n % 2 else co_owner_organisation,
            by=editor,
            title=f"Sensorer nummer {n}",
            state="published",
            co_owners=[organisation] if n % 2 == 0 else [],
        )
    page_cache.clear()  # the factory writes without the services, so nothing told the cached counts they changed
    many = {path: count(path) for path in paths(organisation, first)}
    assert many == few


def test_a_cached_page_costs_no_query(settings, organisation, editor):
    settings.PAGE_CACHE = True
    project = make_project(owner=organisation, by=editor, title="Sensorer i hjemmetjenesten", state="published")
    for path in paths(organisation, project):
        count(path)
        assert count(path) == 0, path
