"""The API's answers cached per URL until the site changes (common.pagecache.same_for_everyone): the same answer
for everyone, a change shows at once, 304 still works, and each request still counts against the client's rate."""

import pytest

from projects import services

PROJECTS = "/api/v1/projects/"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGE_CACHE = True


def test_a_second_request_is_answered_from_the_cache(client, world, django_assert_num_queries):
    first = client.get(PROJECTS)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get(PROJECTS)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Link"] == first["Link"] and second["Last-Modified"] == first["Last-Modified"]
    assert second["ETag"] == first["ETag"]


def test_a_change_shows_at_once(client, world, run_consumers):
    detail = f"{PROJECTS}{world['alarm'].slug}/"
    assert client.get(detail).json()["summary"] != "Ny oppsummering."
    client.get(detail)  # cached
    run_consumers(lambda: services.update_project(project=world["alarm"], by=None, summary="Ny oppsummering."))
    assert client.get(detail).json()["summary"] == "Ny oppsummering."
    assert "Ny oppsummering." in client.get(PROJECTS).content.decode()


def test_a_cached_answer_still_answers_304(client, world):
    etag = client.get(PROJECTS)["ETag"]
    assert client.get(PROJECTS, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_cached_answers_count_against_the_rate(client, world, settings):
    settings.API_THROTTLE_RATE = "3/min"
    for _ in range(3):
        assert client.get(PROJECTS).status_code == 200  # the 2nd and 3rd from the cache
    refused = client.get(PROJECTS)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert client.get(PROJECTS, REMOTE_ADDR="10.0.0.2").status_code == 200
