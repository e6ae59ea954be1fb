"""Deep pages of the project list are read from the other end (common.pagination.FastPaginator)."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.pagination import FastPaginator
from projects.models import Project

from .conftest import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven(organisation):
    projects = [make_project(owner=organisation, title=f"Prosjekt nummer {n}", state="published") for n in range(7)]
    # Two with the same times: only the primary key tells them apart.
    Project.objects.filter(pk__in=[projects[2].pk, projects[3].pk]).update(
        published_at=projects[2].published_at, updated_at=projects[2].updated_at
    )
    return projects


def ordered():
    return Project.objects.published().order_by("-published_at", "-updated_at", "-pk")


def test_every_page_holds_what_the_plain_paginator_gives(seven):
    plain, fast = Paginator(ordered(), 2), FastPaginator(ordered(), 2)
    for number in plain.page_range:
        assert list(fast.page(number).object_list) == list(plain.page(number).object_list), number


def test_the_last_page_is_read_in_reverse(seven):
    with CaptureQueriesContext(connection) as queries:
        page = FastPaginator(ordered(), 2, count=7).page(4)
        assert [p.title for p in page.object_list] == [list(ordered())[-1].title]
    assert "DESC" not in queries[0]["sql"].split("ORDER BY")[1]  # the reversed order: ascending


def test_a_list_without_a_total_order_is_read_from_the_front(seven):
    relevance = Project.objects.published().order_by("-updated_at")
    with CaptureQueriesContext(connection) as queries:
        list(FastPaginator(relevance, 2, count=7).page(4).object_list)
    assert "OFFSET 6" in queries[0]["sql"]
