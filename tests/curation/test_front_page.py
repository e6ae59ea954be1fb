"""The front page: featured projects, collections, the newest projects and the headline numbers, with a constant
number of queries; the numbers are cached and cleared when a project is published."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.pagecache import page_cache
from curation import services
from portal import stats
from projects import services as project_services
from projects.models import Project

from .conftest import complete_fields, make_project


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries.captured_queries)


def _curate(curator, organisation, n):
    collection = services.create_collection(by=curator, title=f"Samling {n}")
    for i in range(n):
        project = make_project(owner=organisation, title=f"Fremhevet {n}-{i}", state=Project.State.PUBLISHED)
        services.feature_project(project=project, by=curator, note=f"Notat {i}")
        services.give_award(project=project, by=curator, name="CopyCat-prisen", year=2020 + i)
        services.add_to_collection(collection=collection, project=project, by=curator)
    services.publish_collection(collection=collection, by=curator)


def test_front_page_queries_do_not_grow_with_features_collections_and_awards(client, curator, organisation):
    _curate(curator, organisation, 1)
    page_cache.clear()
    few = _queries(client)
    cached = _queries(client)
    assert cached < few  # the headline numbers came from the cache
    _curate(curator, organisation, 5)
    page_cache.clear()
    assert _queries(client) == few
    assert _queries(client) == cached


def test_headline_numbers_are_cleared_when_a_project_is_published(
    client, organisation, editor, django_capture_on_commit_callbacks
):
    make_project(owner=organisation, title="Først", state=Project.State.PUBLISHED)
    assert stats.headline_numbers()["projects"] == 1
    draft = make_project(owner=organisation, title="Snart publisert", **complete_fields())
    assert stats.headline_numbers()["projects"] == 1  # cached
    with django_capture_on_commit_callbacks(execute=True):
        project_services.publish_project(project=draft, by=editor)
    assert stats.headline_numbers() == {"organisations": 1, "projects": 2, "adoptions": 0}
    content = client.get("/").content.decode()
    assert "organisations sharing" in content or "organisasjoner deler" in content


def test_front_page_shows_collections_and_links_to_the_statistics(client, curator, organisation):
    _curate(curator, organisation, 2)
    content = client.get("/").content.decode()
    assert "Samling 2" in content
    assert 'href="/samlinger/"' in content
    assert 'href="/statistikk/"' in content
    assert "Notat 0" in content
