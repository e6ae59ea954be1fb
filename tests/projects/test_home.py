"""The front page shows recently published projects, with a constant number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.pagecache import page_cache
from projects.models import Project

from .conftest import make_project


def test_front_page_lists_published_projects_but_not_drafts(client, organisation):
    make_project(owner=organisation, title="Publisert løsning", state=Project.State.PUBLISHED)
    make_project(owner=organisation, title="Hemmelig utkast")
    content = client.get("/").content.decode()
    assert "Publisert løsning" in content
    assert "Hemmelig utkast" not in content


def test_front_page_offers_registration_only_to_editors(client, member, editor):
    client.force_login(member)
    assert "/prosjekter/ny/" not in client.get("/").content.decode()
    client.force_login(editor)
    assert "/prosjekter/ny/" in client.get("/").content.decode()


def test_front_page_queries_do_not_grow_with_projects(client, organisation, django_assert_num_queries):
    """Both visits compute the cached headline numbers afresh (tests/curation/test_front_page.py has more)."""
    make_project(owner=organisation, title="Første", state=Project.State.PUBLISHED)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    assert len(few.captured_queries) <= 14
    for number in range(8):
        make_project(owner=organisation, title=f"Prosjekt {number}", state=Project.State.PUBLISHED)
    page_cache.clear()
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/")
