"""A renamed project's old links keep working: its old slug redirects (301) to the new one."""

import pytest

from projects import services
from projects.models import FormerSlug, Project

from ..projects.conftest import make_project


@pytest.fixture
def renamed(organisation):
    project = make_project(owner=organisation, title="Trygghetsalarm", state=Project.State.PUBLISHED)
    services.update_project(project=project, by=None, title="Trygghetsalarm med sensorer")
    return project


def test_renaming_gives_a_new_slug_and_keeps_the_old(renamed):
    assert renamed.slug == "trygghetsalarm-med-sensorer"
    assert list(renamed.former_slugs.values_list("slug", flat=True)) == ["trygghetsalarm"]


def test_the_old_slug_redirects_permanently(client, renamed):
    response = client.get("/prosjekter/trygghetsalarm/")
    assert response.status_code == 301
    assert response["Location"] == "/prosjekter/trygghetsalarm-med-sensorer/"
    assert client.get(response["Location"]).status_code == 200
    api = client.get("/api/v1/projects/trygghetsalarm/")
    assert api.status_code == 301
    assert api["Location"] == "/api/v1/projects/trygghetsalarm-med-sensorer/"


def test_an_edit_form_opened_before_the_rename_still_finds_the_project(client, renamed, login, editor):
    login(editor)
    assert client.get("/prosjekter/trygghetsalarm/rediger/").status_code == 200


def test_an_old_slug_is_not_given_to_another_project(organisation, renamed):
    other = make_project(owner=organisation, title="Trygghetsalarm")
    assert other.slug == "trygghetsalarm-2"


def test_renaming_back_takes_the_old_slug_again(client, renamed):
    services.update_project(project=renamed, by=None, title="Trygghetsalarm")
    assert renamed.slug == "trygghetsalarm"
    assert set(FormerSlug.objects.values_list("slug", flat=True)) == {"trygghetsalarm-med-sensorer"}
    assert client.get("/prosjekter/trygghetsalarm-med-sensorer/")["Location"] == "/prosjekter/trygghetsalarm/"


def test_an_unchanged_title_keeps_the_slug(organisation):
    project = make_project(owner=organisation, title="Matsvinn")
    services.update_project(project=project, by=None, title="Matsvinn", summary="Noe nytt.")
    assert project.slug == "matsvinn" and not FormerSlug.objects.exists()


def test_a_drafts_old_slug_is_still_private(client, organisation, login, outsider, member):
    draft = make_project(owner=organisation, title="Et utkast")
    services.update_project(project=draft, by=None, title="Et nytt utkast")
    login(outsider)
    assert client.get("/prosjekter/et-utkast/").status_code == 404
    login(member)
    assert client.get("/prosjekter/et-utkast/")["Location"] == "/prosjekter/et-nytt-utkast/"
