"""The project list's filters: OR within a filter, AND across, facet counts that agree with the results, chips,
a way out of an empty combination, sorting, and a query count that does not grow with the data."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Actor, Presentation, Project, Term
from tests.factories import make_organisation

from .conftest import make_project, term

HEALTH = "helse-og-omsorg"


@pytest.fixture
def cast(organisation):
    small = make_organisation(name="Litenby kommune", population=3000)
    large = make_organisation(name="Storby kommune", population=80000)
    school = Term.objects.filter(vocabulary=Term.Vocabulary.SERVICE_AREA).exclude(slug=HEALTH).first()
    alarm = make_project(
        owner=small,
        title="Trygghetsalarm",
        state=Project.State.PUBLISHED,
        phase=Project.Phase.SPREADING,
        start_date=datetime.date(2021, 3, 1),
        tags=["Velferdsteknologi"],
        actors=[{"actor": "NTNU", "actor_type": Actor.Type.RESEARCH, "role": "researcher"}],
        benefits=[{"indicator": "Færre fall", "result": "30 %"}],
        presentations=[{"channel": Presentation.Channel.CONFERENCE, "arena": "Arendalsuka"}],
    )
    canteen = make_project(
        owner=large,
        title="Matsvinn i kantina",
        state=Project.State.PUBLISHED,
        phase=Project.Phase.INNOVATION,
        start_date=datetime.date(2023, 1, 1),
        service_areas=[school],
        status=Project.Status.COMPLETED,
    )
    both = make_project(
        owner=large,
        title="Skolehelse på nett",
        state=Project.State.PUBLISHED,
        phase=Project.Phase.INNOVATION,
        service_areas=[term(), school],
        tags=["Velferdsteknologi", "Skole"],
    )
    return {"alarm": alarm, "canteen": canteen, "both": both, "small": small, "large": large, "school": school}


def titles(response) -> set[str]:
    return {project.title for project in response.context["page"].object_list}


def facet(response, name):
    return {o.value: o for f in response.context["facets"] if f.name == name for o in f.options}


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"phase": "spreading"}, {"Trygghetsalarm"}),
        ({"status": "completed"}, {"Matsvinn i kantina"}),
        ({"size": "lt5k"}, {"Trygghetsalarm"}),
        ({"size": "gt50k"}, {"Matsvinn i kantina", "Skolehelse på nett"}),
        ({"actor_type": Actor.Type.RESEARCH}, {"Trygghetsalarm"}),
        ({"channel": Presentation.Channel.CONFERENCE}, {"Trygghetsalarm"}),
        ({"benefits": "on"}, {"Trygghetsalarm"}),
        ({"start_year": "2023"}, {"Matsvinn i kantina"}),
        ({"tag": "skole"}, {"Skolehelse på nett"}),
        ({"service_area": HEALTH}, {"Trygghetsalarm", "Skolehelse på nett"}),
    ],
)
def test_each_filter_narrows_the_list(client, cast, query, expected):
    assert titles(client.get("/prosjekter/", query)) == expected


def test_owner_and_county_filters(client, cast):
    small = cast["small"]
    assert titles(client.get("/prosjekter/", {"owner": small.pk})) == {"Trygghetsalarm"}
    assert titles(client.get("/prosjekter/", {"county": small.county_id})) == {"Trygghetsalarm"}


def test_values_of_one_filter_are_ored_and_filters_are_anded(client, cast):
    either = client.get("/prosjekter/?phase=spreading&phase=innovation")
    assert titles(either) == {"Trygghetsalarm", "Matsvinn i kantina", "Skolehelse på nett"}
    both = client.get("/prosjekter/?phase=spreading&phase=innovation&service_area=" + HEALTH)
    assert titles(both) == {"Trygghetsalarm", "Skolehelse på nett"}
    assert titles(client.get("/prosjekter/?phase=innovation&tag=velferdsteknologi")) == {"Skolehelse på nett"}


def test_facet_counts_agree_with_the_results_they_would_give(client, cast):
    active = {"service_area": HEALTH}
    response = client.get("/prosjekter/", active)
    for name in ["phase", "size", "tag", "service_area", "start_year", "actor_type", "channel", "owner", "benefits"]:
        for value, option in facet(response, name).items():
            query = {**active, name: value} if name != "service_area" else {name: value}
            count = client.get("/prosjekter/", query).context["page"].paginator.count
            assert option.count == count, (name, value)
    # An option that gives nothing stays visible and says 0.
    phases = facet(response, "phase")
    assert phases["transition"].count == 0
    assert "(0)" in response.content.decode()


def test_active_filters_show_as_removable_chips_with_remove_all(client, cast):
    response = client.get("/prosjekter/?phase=spreading&phase=innovation&tag=skole")
    chips = {chip.label: chip.value for chip in response.context["chips"]}
    assert set(chips) == {"Fase: spredning", "Fase: tjenesteinnovasjon: utvikling og utprøving", "Stikkord: Skole"}
    assert chips["Stikkord: Skole"] == "phase=spreading&phase=innovation"
    body = response.content.decode()
    assert html.escape("?phase=spreading&phase=innovation") in body
    assert "Fjern alle" in body


def test_an_empty_combination_says_which_filter_to_remove(client, cast):
    response = client.get("/prosjekter/", {"size": "lt5k", "tag": "skole"})
    assert response.context["page"].paginator.count == 0
    body = response.content.decode()
    assert "Fjern ett av disse filtrene for å få treff: Størrelse på eierkommunen, Stikkord." in body


@pytest.mark.parametrize(
    "sort, first", [("title", "Matsvinn i kantina"), ("newest", "Skolehelse på nett"), ("updated", "Trygghetsalarm")]
)
def test_sorting(client, cast, sort, first):
    cast["alarm"].save()  # the most recently updated
    page = client.get("/prosjekter/", {"sort": sort}).context["page"]
    assert page.object_list[0].title == first


def test_relevance_is_offered_only_when_searching(client, cast):
    values = [o.value for o in client.get("/prosjekter/").context["sort_options"]]
    # newest by default; "" so that a new search sorts by relevance
    assert values == ["", "updated", "title", "adopted"]
    options = client.get("/prosjekter/", {"q": "matsvinn"}).context["sort_options"]
    assert [o.label for o in options if o.checked] == ["relevans"]
    options = client.get("/prosjekter/", {"q": "matsvinn", "sort": "relevance"}).context["sort_options"]
    assert [o.value for o in options if o.checked] == ["relevance"]
    assert client.get("/prosjekter/", {"q": "matsvinn", "sort": ""}).context["filter"].current_sort == "relevance"


def test_the_list_works_with_an_unknown_filter_value(client, cast):
    response = client.get("/prosjekter/", {"tag": "finnes-ikke", "phase": "spreading"})
    assert response.status_code == 200
    assert titles(response) == {"Trygghetsalarm"}


def _queries(client, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/prosjekter/", query).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", [{}, {"phase": "innovation", "tag": "skole", "size": "gt50k"}, {"q": "skole"}])
def test_list_query_count_does_not_grow_with_the_data(client, cast, query):
    few = _queries(client, query)
    large = cast["large"]
    for n in range(25):
        make_project(
            owner=make_organisation(population=50000 + 1000 * n),
            title=f"Skoleprosjekt {n}",
            state=Project.State.PUBLISHED,
            phase=Project.Phase.INNOVATION,
            start_date=datetime.date(2000 + n, 1, 1),
            tags=[f"Tema {n}", "Skole"],
            co_owners=[large],
        )
    assert _queries(client, query) == few
