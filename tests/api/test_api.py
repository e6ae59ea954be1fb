"""The read-only API: what it shows (only what an anonymous visitor may see), its filters (the list page's),
pagination, the licence, caching, throttling, CORS, the OpenAPI schema and a query count that does not
grow with the page size."""

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from api.licence import NLOD_URL
from api.records import PUBLIC_FACTS, public_field_names
from projects.declaration import PRIVATE
from projects.models import Presentation, Project
from tests.conftest import CAST

from .conftest import DRAFT_TITLE, SECRET_EMAIL

PROJECTS = "/api/v1/projects/"


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {p["slug"] for p in response.json()["results"]}


def test_the_root_lists_the_endpoints_and_the_licence(client, db):
    data = client.get("/api/v1/").json()
    assert data["license"]["url"] == NLOD_URL
    assert data["projects"].endswith(PROJECTS)
    assert data["organisations"].endswith("/api/v1/organisations/")


@pytest.mark.parametrize("who", CAST)
def test_drafts_never_appear_whoever_asks(client, world, cast_user, login, who):
    """The API is anonymous: a logged-in member, editor or curator sees exactly what anyone sees."""
    login(cast_user(who))
    assert slugs(client.get(PROJECTS)) == {world["alarm"].slug, world["canteen"].slug}
    assert client.get(f"{PROJECTS}{world['draft'].slug}/").status_code == 404
    for url in (PROJECTS, f"{PROJECTS}?archived=on", "/api/v1/organisations/"):
        body = client.get(url).content.decode()
        assert DRAFT_TITLE not in body
        assert SECRET_EMAIL not in body


def test_archived_projects_only_when_asked(client, world):
    assert world["archived"].slug in slugs(client.get(f"{PROJECTS}?archived=on"))
    assert client.get(f"{PROJECTS}{world['archived'].slug}/").status_code == 200


def test_a_project_holds_the_public_part_of_the_declaration(client, world):
    data = client.get(f"{PROJECTS}{world['alarm'].slug}/").json()
    assert data["license"]["url"] == NLOD_URL
    assert data["title"] == "Trygghetsalarm med sensorer"
    assert data["owner"]["name"] == "Bærum"
    assert [o["name"] for o in data["co_owners"]] == ["Lillevik"]
    assert data["service_areas"][0]["slug"] == "helse-og-omsorg"
    assert data["actors"][0]["actor"] == "NTNU"
    assert data["actors"][0]["actor_type"]["code"] == "research"
    assert data["benefits"][0]["indicator"] == "Færre fall"
    assert data["presentations"][0]["channel"]["code"] == "conference"
    assert data["phase"]["code"] == "spreading"
    # Of the declaration's private part only the facts the public page shows are let out; never contacts,
    # documents, images, the origin or the anchoring.
    assert (
        set(data) & set(PRIVATE)
        == set(PUBLIC_FACTS)
        == {
            "owner",
            "co_owners",
            "phase",
            "status",
            "start_date",
            "end_date",
            "benefits",
            "presentations",
        }
    )
    assert "contacts" in PRIVATE and "anchoring_plans" in PRIVATE
    assert "Kommuneplanens samfunnsdel" not in str(data)
    assert SECRET_EMAIL not in str(data)


def test_the_record_fields_come_from_the_declaration():
    names = public_field_names()
    assert "title" in names and "service_areas" in names and "actors" in names
    assert not {"contacts", "documents", "images", "origin", "source_project", "anchoring"} & set(names)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("service_area=helse-og-omsorg", {"alarm"}),
        ("phase=innovation", {"canteen"}),
        ("status=completed", {"canteen"}),
        ("phase=innovation&phase=spreading", {"alarm", "canteen"}),
        ("actor_type=research", {"alarm"}),
        ("channel=conference", {"alarm"}),
        ("benefits=on", {"alarm"}),
        ("tag=velferdsteknologi", {"alarm"}),
        ("start_year=2021", {"alarm"}),
        ("size=gt50k", {"canteen"}),
        ("q=kantina", {"canteen"}),
        ("q=trygghetsalarm&phase=innovation", set()),
    ],
)
def test_the_list_filters_are_the_list_pages(client, world, query, expected):
    assert slugs(client.get(f"{PROJECTS}?{query}")) == {world[name].slug for name in expected}
    # … and give what /prosjekter/ gives
    page = client.get(f"/prosjekter/?{query}").context["page"]
    assert {p.slug for p in page.object_list} == {world[name].slug for name in expected}


def test_filters_by_owner_and_county(client, world, organisation, co_owner_organisation):
    assert slugs(client.get(f"{PROJECTS}?owner={co_owner_organisation.pk}")) == {world["alarm"].slug}
    assert slugs(client.get(f"{PROJECTS}?county={world['large'].county_id}")) == {world["canteen"].slug}
    assert slugs(client.get(f"{PROJECTS}?service_area={world['school'].slug}")) == {world["canteen"].slug}


def test_an_unknown_filter_value_is_a_400_with_the_reason(client, world):
    response = client.get(f"{PROJECTS}?phase=nonsense")
    assert response.status_code == 400
    assert "phase" in response.json()


def test_cursor_pagination_walks_every_project_once_in_a_stable_order(client, world, organisation):
    from ..projects.conftest import make_project

    for n in range(5):
        make_project(owner=organisation, title=f"Prosjekt {n}", state=Project.State.PUBLISHED)
    seen, url = [], f"{PROJECTS}?page_size=2"
    while url:
        data = client.get(url).json()
        assert len(data["results"]) <= 2
        seen += [p["slug"] for p in data["results"]]
        url = data["next"]
    assert len(seen) == len(set(seen)) == 7
    assert seen == [p["slug"] for p in client.get(f"{PROJECTS}?page_size=200").json()["results"]]


def test_the_licence_is_in_every_response(client, world, organisation):
    for url in (
        "/api/v1/",
        PROJECTS,
        f"{PROJECTS}{world['alarm'].slug}/",
        "/api/v1/organisations/",
        f"/api/v1/organisations/{organisation.number}/",
        "/api/v1/vocabularies/",
        "/api/v1/schema/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Link"] == f'<{NLOD_URL}>; rel="license"', url
        if url != "/api/v1/schema/":
            assert response.json()["license"]["url"] == NLOD_URL, url


def test_etag_and_last_modified_give_304(client, world):
    first = client.get(PROJECTS)
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    assert client.get(PROJECTS, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(PROJECTS, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    detail = f"{PROJECTS}{world['alarm'].slug}/"
    etag = client.get(detail)["ETag"]
    assert client.get(detail, HTTP_IF_NONE_MATCH=etag).status_code == 304
    from projects import services

    services.update_project(project=world["alarm"], by=None, summary="Ny oppsummering.")
    assert client.get(detail, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(PROJECTS, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_client_over_its_rate_gets_429_with_retry_after(client, world, settings):
    settings.API_THROTTLE_RATE = "3/min"
    for _ in range(3):
        assert client.get("/api/v1/vocabularies/").status_code == 200
    response = client.get(PROJECTS)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    # another client is not affected
    assert client.get("/api/v1/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_cors_allows_reading_from_any_origin_on_the_api_only(client, world):
    response = client.get(PROJECTS, HTTP_ORIGIN="https://intranett.example.no")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert not client.get("/prosjekter/", HTTP_ORIGIN="https://intranett.example.no").has_header(
        "Access-Control-Allow-Origin"
    )
    preflight = client.options(PROJECTS, HTTP_ORIGIN="https://x.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_the_api_is_read_only(client, world):
    assert client.post(PROJECTS, {}).status_code == 405
    assert client.delete(f"{PROJECTS}{world['alarm'].slug}/").status_code == 405


def test_organisations_with_number_county_and_counts(client, world, organisation, co_owner_organisation):
    results = []
    url = "/api/v1/organisations/?page_size=200"
    while url:
        data = client.get(url).json()
        results += data["results"]
        url = data["next"]
    by_number = {o["number"]: o for o in results}
    # owned: alarm (published); archived and draft are not counted. Co-owned counts too.
    assert by_number[organisation.number]["project_count"] == 1
    assert by_number[co_owner_organisation.number]["project_count"] == 1
    assert by_number[world["large"].number]["project_count"] == 1
    assert by_number[organisation.number]["county"]["name"] == organisation.county.name
    one = client.get(f"/api/v1/organisations/{organisation.number}/").json()
    assert one["name"] == "Bærum" and one["project_count"] == 1
    assert client.get(one["projects_url"]).json()["results"][0]["slug"] == world["alarm"].slug
    assert client.get("/api/v1/organisations/0000/").status_code == 404
    kinds = client.get("/api/v1/organisations/?kind=county").json()["results"]
    assert all(o["kind"] == "county" for o in kinds)


def test_vocabularies(client, world):
    data = {v["key"]: v for v in client.get("/api/v1/vocabularies/").json()["results"]}
    assert "helse-og-omsorg" in {t["slug"] for t in data["service_area"]["terms"]}
    assert data["service_area"]["filter"] == "service_area"
    assert {t["slug"] for t in data["channel"]["terms"]} == set(Presentation.Channel.values)


def test_the_query_count_does_not_grow_with_the_page_size(client, world, organisation, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..projects.conftest import make_project

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    shapes = [
        f"{PROJECTS}?page_size=%d",
        f"{PROJECTS}?page_size=%d&service_area=helse-og-omsorg&q=prosjekt",
        "/api/v1/organisations/?page_size=%d",
    ]

    def add(numbers):
        for n in numbers:
            make_project(
                owner=organisation,
                title=f"Prosjekt {n}",
                state=Project.State.PUBLISHED,
                tags=[f"tag{n}"],
                actors=[{"actor": f"Aktør {n}", "actor_type": "research", "role": "partner"}],
                benefits=[{"indicator": "x"}],
            )

    add(range(2))  # every shape has results (a page with none reads no rows)
    few = {shape: count(shape % 2) for shape in shapes}
    add(range(2, 14))
    for shape in shapes:
        with django_assert_max_num_queries(few[shape]):
            assert client.get(shape % 200).status_code == 200


def test_the_openapi_schema_generates_and_validates(client, db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    paths = schema["paths"]
    assert {"/api/v1/projects/", "/api/v1/projects/{slug}/", "/api/v1/organisations/", "/api/v1/vocabularies/"} <= set(
        paths
    )
    parameters = {p["name"] for p in paths["/api/v1/projects/"]["get"]["parameters"]}
    assert {"q", "service_area", "phase", "owner", "cursor", "page_size"} <= parameters
    project = schema["components"]["schemas"]["Project"]["properties"]
    assert set(public_field_names()) <= set(project)
    assert "contacts" not in project
    assert client.get("/api/v1/schema/?format=json").json()["openapi"].startswith("3.")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_documentation_page(client, db, language):
    client.cookies["django_language"] = language
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    body = response.content.decode()
    assert NLOD_URL in body and "/api/v1/projects/" in body and "curl" in body
    assert ("Lisens" if language == "nb" else "Licence") in body


def test_the_answer_is_the_same_in_every_language(client, world):
    """Labels are Norwegian (the data's language) for every visitor, so a shared cache may serve one answer."""
    norwegian = client.get(f"{PROJECTS}{world['alarm'].slug}/").json()
    client.cookies["django_language"] = "en"
    english = client.get(f"{PROJECTS}{world['alarm'].slug}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english == norwegian
    assert english["phase"]["label"] == "spredning"
    assert english["service_areas"][0]["name_en"] == "Health and care"


def test_an_archived_project_that_was_never_published_is_not_open_data(client, world, organisation):
    from projects import services

    from ..projects.conftest import make_project

    never = make_project(owner=organisation, title="Aldri publisert")
    services.archive_project(project=never, by=None)
    seen, url = [], f"{PROJECTS}?archived=on&page_size=1"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen += [p["slug"] for p in response.json()["results"]]
        url = response.json()["next"]
    assert sorted(seen) == sorted([world["alarm"].slug, world["canteen"].slug, world["archived"].slug])
    assert client.get(f"{PROJECTS}{never.slug}/").status_code == 404


def test_the_api_answers_when_the_cache_is_down(client, world, cache_down, caplog):
    """The throttle's counters live in the cache; an unreachable cache lets requests through (fails open)."""
    for _ in range(2):
        response = client.get(PROJECTS)
        assert response.status_code == 200
        assert slugs(response) == {world["alarm"].slug, world["canteen"].slug}
    assert "Cache unavailable" in caplog.text
