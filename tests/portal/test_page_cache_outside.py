"""Changes made outside the services (the Django admin, management commands) show on cached pages at once."""

import pytest
from django.core.management import call_command
from django.test import Client

from common.pagecache import generation
from tests.factories import make_organisation
from tests.projects.conftest import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True


def cached(path: str) -> str:
    Client().get(path)
    response = Client().get(path)
    assert response.status_code == 200, path
    assert response["X-Page-Cache"] == "hit", path
    return response.content.decode()


def visit(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def admin_form_data(response) -> dict:
    """What the admin's change form would send back unchanged: its fields' initial values and the inlines'."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "__iter__") and not isinstance(value, str):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif value is not None:
            data[name] = getattr(value, "pk", value)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
        for inline_form in formset.formset.forms:
            for name, field in inline_form.fields.items():
                value = inline_form.initial.get(name, field.initial)
                if value is not None:
                    data[f"{inline_form.prefix}-{name}"] = getattr(value, "pk", value)
    return data


def admin_change(client, url: str, run_consumers, **changes):
    data = admin_form_data(client.get(url))
    data.update(changes)
    response = run_consumers(lambda: client.post(url, data))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response


def test_a_project_title_changed_in_the_admin_shows_at_once(client, admin_user, organisation, editor, run_consumers):
    project = run_consumers(
        lambda: make_project(owner=organisation, by=editor, title="Trygghetsalarm i Testby", state="published")
    )
    for path in ["/prosjekter/", project.get_absolute_url(), organisation.get_absolute_url()]:
        assert "Trygghetsalarm i Testby" in cached(path), path
    client.force_login(admin_user)
    admin_change(client, f"/admin/projects/project/{project.pk}/change/", run_consumers, title="Rettet av kurator")
    for path in ["/prosjekter/", project.get_absolute_url(), organisation.get_absolute_url()]:
        body = visit(path)
        assert "Rettet av kurator" in body, path
        assert "Trygghetsalarm i Testby" not in body, path


def test_an_organisation_renamed_in_the_admin_shows_at_once(client, admin_user, organisation, run_consumers):
    """Organisations are not edited through a logged service: only the admin's log entry tells the cache."""
    for path in ["/kommuner/", organisation.get_absolute_url()]:
        assert "Bærum" in cached(path), path
    client.force_login(admin_user)
    admin_change(
        client, f"/admin/municipalities/organisation/{organisation.pk}/change/", run_consumers, name="Bærumsby"
    )
    for path in ["/kommuner/", organisation.get_absolute_url()]:
        assert "Bærumsby" in visit(path), path


def test_organisations_deleted_together_in_the_admin_are_gone_at_once(client, admin_user, county, run_consumers):
    """«Delete selected» logs several deletions with one bulk insert, which sends no signal."""
    first = make_organisation(name="Nordby", county=county)
    second = make_organisation(name="Sørby", county=county)
    body = cached("/kommuner/")
    assert "Nordby" in body and "Sørby" in body
    client.force_login(admin_user)
    response = run_consumers(
        lambda: client.post(
            "/admin/municipalities/organisation/",
            {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
        )
    )
    assert response.status_code == 302
    body = visit("/kommuner/")
    assert "Nordby" not in body and "Sørby" not in body


def test_rebuilding_the_search_index_moves_the_generation_on(organisation):
    before = generation()
    call_command("rebuild_search_index", stdout=None)
    assert generation() != before


def test_loading_the_demo_moves_the_generation_on(monkeypatch):
    from demo.management.commands import load_demo

    monkeypatch.setattr(load_demo, "load_demo_users", lambda: [])
    monkeypatch.setattr(load_demo, "load_demo_open_days", lambda: 0)
    monkeypatch.setattr(load_demo, "load_demo_conversation", lambda: 0)
    monkeypatch.setattr(load_demo, "load_demo_projects", lambda: {"cases": 0, "drafts": 0})
    monkeypatch.setattr(load_demo, "generate_projects", lambda *args: 0)
    monkeypatch.setattr(load_demo, "load_demo_adoptions", lambda: 0)
    monkeypatch.setattr(load_demo, "generate_adoptions", lambda *args: 0)
    monkeypatch.setattr(load_demo, "load_demo_curation", lambda: {"featured": 0, "collections": 0, "awards": 0})
    before = generation()
    call_command("load_demo", stdout=None)
    assert generation() != before
