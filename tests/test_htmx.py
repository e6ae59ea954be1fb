"""Every htmx branch: with `HX-Request: true` the view answers the fragment htmx swaps in, without it the
whole page (the site works without JavaScript). Views that answer both send `Vary: HX-Request`, so a cache
never serves the fragment for a page load or the other way round."""

import re

import pytest
from django.utils.cache import has_vary_header

from projects.models import Project

from .factories import make_organisation
from .projects.conftest import make_project

HTMX = {"HTTP_HX_REQUEST": "true"}


def is_whole_page(response) -> bool:
    return "<html" in response.content.decode()


@pytest.fixture
def published(organisation):
    return make_project(owner=organisation, title="Trygghetsalarm med sensorer", state=Project.State.PUBLISHED)


@pytest.fixture
def projects(organisation):
    make_project(owner=organisation, title="Matsvinn i skolekantina", state=Project.State.PUBLISHED)
    make_project(
        owner=organisation,
        title="Velferdsteknologi hjemme",
        state=Project.State.PUBLISHED,
        phase=Project.Phase.SPREADING,
    )


def test_project_list_answers_htmx_with_the_filters_and_results_and_announces_the_count(client, projects):
    response = client.get("/prosjekter/", {"q": "matsvinn"}, **HTMX)
    assert response.status_code == 200
    assert not is_whole_page(response)
    body = response.content.decode()
    assert body.startswith('<form id="project-browser"')  # htmx swaps the form with its facet counts
    assert "Matsvinn i skolekantina" in body
    assert "Velferdsteknologi hjemme" not in body
    assert response.templates[0].name == "projects/_project_browser.html"
    # The live region outside the swapped form gets the new number of results.
    assert re.search(r'<p id="results-announcement" hx-swap-oob="innerHTML">\s*1 prosjekt\s*</p>', body)


def test_project_list_without_htmx_is_the_whole_page(client, projects):
    response = client.get("/prosjekter/", {"q": "matsvinn"})
    assert is_whole_page(response)
    body = response.content.decode()
    assert 'id="project-results"' in body
    assert "Matsvinn i skolekantina" in body
    assert "Velferdsteknologi hjemme" not in body


def test_organisation_list_answers_htmx_with_the_filtered_groups_only(client, county):
    make_organisation(name="Nordvik", county=county)
    make_organisation(name="Sørvik", county=county)
    response = client.get("/kommuner/", {"q": "nordvik"}, **HTMX)
    assert response.status_code == 200
    assert not is_whole_page(response)
    body = response.content.decode()
    assert 'id="organisation-results"' not in body
    assert "Nordvik" in body
    assert "Sørvik" not in body
    assert response.templates[0].name == "municipalities/_organisation_groups.html"


def test_organisation_list_without_htmx_is_the_whole_page(client, county):
    make_organisation(name="Nordvik", county=county)
    make_organisation(name="Sørvik", county=county)
    response = client.get("/kommuner/", {"q": "nordvik"})
    assert is_whole_page(response)
    body = response.content.decode()
    assert 'id="organisation-results"' in body
    assert "Nordvik" in body
    assert "Sørvik" not in body


def test_similar_projects_is_a_fragment_for_htmx(client, editor, published):
    client.force_login(editor)
    response = client.get("/prosjekter/ny/lignende/", {"title": "Trygghetsalarm", "summary": "sensorer"}, **HTMX)
    assert response.status_code == 200
    assert not is_whole_page(response)
    assert published.title in response.content.decode()
    assert 'id="similar-projects"' in response.content.decode()  # replaces itself (hx-swap="outerHTML")


def test_similar_projects_waits_for_enough_text(client, editor, published):
    client.force_login(editor)
    response = client.get("/prosjekter/ny/lignende/", {"title": "Trygg"}, **HTMX)
    assert response.status_code == 200
    assert published.title not in response.content.decode()


@pytest.mark.parametrize("url", ["/prosjekter/", "/kommuner/"])
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "fragment"])
def test_urls_answering_page_or_fragment_vary_on_hx_request(client, db, url, headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert has_vary_header(response, "HX-Request")
