"""Pages render, in story order, and the project page costs the same number of queries however much it holds."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from pytest_django.asserts import assertContains, assertNotContains

from projects.models import Actor, Project

from .conftest import make_project


def test_project_list_shows_published_only_so_its_count_agrees_with_the_front_page(client, published, archived, draft):
    response = client.get("/prosjekter/")
    assert response.status_code == 200
    body = response.content.decode()
    assert published.title in body
    assert archived.title not in body
    assert draft.title not in body
    assert response.context["page"].paginator.count == client.get("/").context["headline"]["projects"] == 1


def test_show_archived_filter_adds_archived_projects_marked_as_archived(client, published, archived, draft):
    response = client.get("/prosjekter/", {"archived": "on"})
    assert response.context["page"].paginator.count == 2
    body = response.content.decode()
    assert published.title in body and archived.title in body and draft.title not in body
    assert re.search(re.escape(html.escape(archived.title)) + r".*?Arkivert", body, re.S)
    assert 'name="archived"' in body and "Vis arkiverte" in body


def test_project_list_filters_by_search_and_phase(client, organisation):
    make_project(owner=organisation, title="Matsvinn i skolekantina", state=Project.State.PUBLISHED)
    make_project(
        owner=organisation,
        title="Velferdsteknologi hjemme",
        state=Project.State.PUBLISHED,
        phase=Project.Phase.SPREADING,
    )
    body = client.get("/prosjekter/", {"q": "matsvinn"}).content.decode()
    assert "Matsvinn i skolekantina" in body
    assert "Velferdsteknologi hjemme" not in body
    body = client.get("/prosjekter/", {"phase": Project.Phase.SPREADING}).content.decode()
    assert "Velferdsteknologi hjemme" in body
    assert "Matsvinn i skolekantina" not in body


@pytest.mark.parametrize("headers", [{}, {"HTTP_HX_REQUEST": "true"}], ids=["page", "htmx"])
def test_a_filter_survives_paging(client, organisation, headers):
    for number in range(21):
        make_project(owner=organisation, title=f"Matsvinn {number}", state=Project.State.PUBLISHED)
    make_project(owner=organisation, title="Velferdsteknologi", state=Project.State.PUBLISHED)
    first = client.get("/prosjekter/", {"q": "matsvinn", "phase": ""}, **headers)
    assert first.context["page"].paginator.count == 21
    links = re.findall(r'<a [^>]*href="([^"]*)"[^>]*>Neste</a>', first.content.decode())
    assert len(links) == 1
    assert html.unescape(links[0]) == "?q=matsvinn&phase=&page=2"
    second = client.get(f"/prosjekter/{html.unescape(links[0])}", **headers)
    titles = [project.title for project in second.context["page"].object_list]
    assert len(titles) == 1 and titles[0].startswith("Matsvinn")
    previous = re.findall(r'<a [^>]*href="([^"]*)"[^>]*>Forrige</a>', second.content.decode())
    assert [html.unescape(link) for link in previous] == ["?q=matsvinn&phase=&page=1"]


def test_project_page_shows_story_and_key_facts(client, published):
    response = client.get(published.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Flere eldre bor hjemme lenger.") < body.index("Digitalt tilsyn om natten.")
    assert "Kari Nordmann" in body
    assert published.owner.name in body


def archived_banner(project) -> str:
    """The warning an archived project's page shows above the story, as the visitor reads it (nb)."""
    day = date_format(timezone.localtime(project.archived_at), "j. F Y")
    return (
        '<div class="ds-alert" data-color="warning"><p><strong>Arkivert.</strong> '
        f"Dette prosjektet ble arkivert {day}. Det er tatt vare på som referanse og kan være utdatert.</p></div>"
    )


def test_archived_project_is_readable_with_a_banner(client, archived, published):
    # The fixture's title ("Et arkivert prosjekt") contains the word too: look for the banner's own markup.
    with translation.override("nb"):
        banner = archived_banner(archived)
    response = client.get(archived.get_absolute_url())
    assert response.status_code == 200
    assertContains(response, banner, count=1, html=True)
    assertNotContains(client.get(published.get_absolute_url()), banner, html=True)


def test_demo_project_shows_the_demo_notice(client, organisation):
    project = make_project(owner=organisation, state=Project.State.PUBLISHED, is_demo=True)
    assert "demo-notice" in client.get(project.get_absolute_url()).content.decode()


def test_my_projects_lists_drafts_first(client, editor, organisation, published, draft):
    client.force_login(editor)
    body = client.get("/mine-prosjekter/").content.decode()
    assert body.index(draft.title) < body.index(published.title)


def test_organisation_page_lists_its_visible_projects(client, organisation, published, draft):
    body = client.get(organisation.get_absolute_url()).content.decode()
    assert published.title in body
    assert draft.title not in body


def _fill(project, n):
    from projects import services

    services.update_project(
        project=project,
        by=None,
        actors=[
            {"actor": f"Aktør {i}", "actor_type": list(Actor.Type.values)[i % 11], "role": "partner"} for i in range(n)
        ],
        benefits=[{"indicator": f"Indikator {i}", "result": str(i)} for i in range(n)],
        documents=[{"title": f"Rapport {i}", "kind": "research", "url": f"https://example.org/{i}"} for i in range(n)],
        presentations=[{"channel": "conference", "arena": f"Konferanse {i}"} for i in range(n)],
        contacts=[{"name": f"Person {i}"} for i in range(n)],
    )


@pytest.mark.parametrize("user_fixture", ["anonymous", "editor"])
def test_project_page_query_count_does_not_grow_with_related_rows(client, organisation, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    if user:
        client.force_login(user)
    small = make_project(owner=organisation, title="Lite prosjekt", state=Project.State.PUBLISHED)
    large = make_project(owner=organisation, title="Stort prosjekt", state=Project.State.PUBLISHED)
    _fill(small, 1)
    _fill(large, 10)
    client.get(small.get_absolute_url())  # warm caches (sessions, content types)
    counts = []
    for project in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(project.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_search_finds_words_added_in_an_edit(client, editor, organisation):
    from projects import services

    project = make_project(owner=organisation, title="Nattlig tilsyn", state=Project.State.PUBLISHED)
    assert "Nattlig tilsyn" not in client.get("/prosjekter/?q=sensorteknologi").content.decode()
    services.update_project(project=project, by=editor, solution="Vi bruker sensorteknologi om natten.")
    assert "Nattlig tilsyn" in client.get("/prosjekter/?q=sensorteknologi").content.decode()
