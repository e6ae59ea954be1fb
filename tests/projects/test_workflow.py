"""Create → edit → publish → archive → restore, through the views, with real form POSTs."""

import pytest
from django.core.exceptions import ValidationError

from projects import services
from projects.models import Actor, Project, ProjectVersion
from projects.search import similar_projects

from .conftest import make_project, term
from .helpers import add_row, edit_data


def test_editor_creates_a_draft_for_own_organisation(client, editor, organisation):
    client.force_login(editor)
    response = client.post(
        "/prosjekter/ny/", {"title": "Ny løsning", "summary": "Noe helt annet", "owner": organisation.pk}
    )
    project = Project.objects.get(title="Ny løsning")
    assert response.status_code == 302
    assert response["Location"] == f"/prosjekter/{project.slug}/rediger/"
    assert project.is_draft
    assert project.owner == organisation
    assert project.created_by == editor
    assert project.versions.get().action == ProjectVersion.Action.CREATED


def test_editor_cannot_create_for_another_organisation(client, editor, other_organisation):
    client.force_login(editor)
    response = client.post("/prosjekter/ny/", {"title": "X", "summary": "Y", "owner": other_organisation.pk})
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert not Project.objects.filter(title="X").exists()


def test_similar_published_projects_are_shown_before_creating(client, editor, organisation, published):
    client.force_login(editor)
    data = {"title": "Trygghetsalarm", "summary": "Sensorer hjemme hos eldre", "owner": organisation.pk}
    response = client.post("/prosjekter/ny/", data)
    assert response.status_code == 200
    assert published in response.context["similar"]
    assert not Project.objects.filter(title="Trygghetsalarm").exists()
    response = client.post("/prosjekter/ny/", {**data, "confirm": "1"})
    assert response.status_code == 302
    assert Project.objects.filter(title="Trygghetsalarm").exists()


def test_similar_projects_ignore_drafts_and_unrelated(organisation, published, draft):
    assert similar_projects("Trygghetsalarm med sensorer", "") == [published]
    assert similar_projects("Matsvinn i skolen", "kantine og mat") == []


def test_edit_saves_fields_and_related_rows(client, editor, draft):
    client.force_login(editor)
    data = edit_data(
        draft, solution="Sensorer i <em>alle</em> boliger", phase=Project.Phase.INNOVATION, tags="IoT, Velferd"
    )
    data["service_areas"] = [term().pk]
    add_row(data, "actors", actor="NTNU", actor_type=Actor.Type.RESEARCH, role="researcher", description="Evaluering")
    add_row(data, "contacts", name="Ola", role="rådgiver", email="ola@example.org")
    add_row(data, "benefits", indicator="Nattbesøk", baseline="12", result="4", unit="per natt")
    response = client.post(f"/prosjekter/{draft.slug}/rediger/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    draft.refresh_from_db()
    assert draft.solution == "<p>Sensorer i <em>alle</em> boliger</p>"
    assert draft.project_actors.get().actor.name == "NTNU"
    assert draft.contacts.get().name == "Ola"
    assert sorted(draft.tags.values_list("name", flat=True)) == ["IoT", "Velferd"]
    assert draft.version == 2
    assert set(draft.versions.get(number=2).changed_fields) >= {"solution", "actors", "contacts", "benefits", "tags"}


def test_actors_are_shared_between_projects(organisation):
    a = make_project(owner=organisation, title="A", actors=[{"actor": "Husbanken", "actor_type": "public_body"}])
    b = make_project(owner=organisation, title="B", actors=[{"actor": "husbanken", "actor_type": "public_body"}])
    assert a.project_actors.get().actor == b.project_actors.get().actor
    assert Actor.objects.filter(name__iexact="husbanken").count() == 1


def test_another_municipality_as_actor_links_to_the_registry(organisation, other_organisation):
    project = make_project(
        owner=organisation, title="Samarbeid", actors=[{"actor": other_organisation.name, "actor_type": "municipality"}]
    )
    assert project.project_actors.get().actor.organisation == other_organisation


def test_deleting_a_row_in_the_formset(client, editor, published):
    client.force_login(editor)
    data = edit_data(published)
    add_row(data, "contacts", name="Reserve")
    client.post(f"/prosjekter/{published.slug}/rediger/", data)
    published.refresh_from_db()
    data = edit_data(published, **{"contacts-1-DELETE": "on"})
    response = client.post(f"/prosjekter/{published.slug}/rediger/", data)
    assert response.status_code == 302
    assert list(published.contacts.values_list("name", flat=True)) == ["Kari Nordmann"]


def test_publishing_lists_exactly_what_is_missing(client, editor, draft):
    client.force_login(editor)
    response = client.post(f"/prosjekter/{draft.slug}/publiser/", follow=True)
    draft.refresh_from_db()
    assert draft.is_draft
    message = str(list(response.context["messages"])[0])
    assert (
        message == "Mangler: kort sammendrag, behov eller utfordring, løsningen, tjenesteområde, fase, kontaktperson."
    )


def test_missing_requirements_are_listed_on_the_edit_page(client, editor, draft):
    client.force_login(editor)
    response = client.get(f"/prosjekter/{draft.slug}/rediger/")
    assert [str(m) for m in response.context["missing"]] == [
        "kort sammendrag",
        "behov eller utfordring",
        "løsningen",
        "tjenesteområde",
        "fase",
        "kontaktperson",
    ]
    assert 'id="missing"' in response.content.decode()


def test_publish_requires_a_contact(organisation):
    project = make_project(owner=organisation, title="Uten kontakt")
    services.update_project(
        project=project, by=None, need="x", solution="y", phase="innovation", service_areas=[term()]
    )
    with pytest.raises(ValidationError, match="kontaktperson"):
        services.publish_project(project=project, by=None)


def test_save_and_publish_from_the_edit_page(client, editor, draft):
    client.force_login(editor)
    data = edit_data(draft, summary="Kort", need="Behov", solution="Løsning", phase="transition", publish="1")
    data["service_areas"] = [term().pk]
    add_row(data, "contacts", name="Kari")
    response = client.post(f"/prosjekter/{draft.slug}/rediger/", data)
    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.is_published
    assert draft.published_at


def test_archive_and_restore_keep_the_project_readable(client, editor, published):
    client.force_login(editor)
    client.post(f"/prosjekter/{published.slug}/arkiver/")
    published.refresh_from_db()
    assert published.is_archived
    assert client.get(published.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(published.get_absolute_url()).status_code == 200
    client.force_login(editor)
    client.post(f"/prosjekter/{published.slug}/gjenopprett/")
    published.refresh_from_db()
    assert published.is_published
    assert [v.action for v in published.versions.order_by("number")][-2:] == ["archived", "unarchived"]


def test_state_changes_by_get_are_refused_and_change_nothing(client, editor, published, archived):
    client.force_login(editor)
    versions = {project.pk: project.versions.count() for project in (published, archived)}
    for url in (
        f"/prosjekter/{published.slug}/publiser/",
        f"/prosjekter/{archived.slug}/gjenopprett/",
        f"/prosjekter/{published.slug}/historikk/1/gjenopprett/",
    ):
        assert client.get(url).status_code == 405, url
    assert client.get(f"/prosjekter/{published.slug}/arkiver/").status_code == 200  # only asks for confirmation
    published.refresh_from_db()
    archived.refresh_from_db()
    assert (published.is_published, archived.is_archived) == (True, True)
    assert {project.pk: project.versions.count() for project in (published, archived)} == versions


def test_invalid_edit_is_shown_again_with_errors(client, editor, draft):
    client.force_login(editor)
    data = edit_data(draft, title="", start_date="2025-05-01", end_date="2024-01-01")
    response = client.post(f"/prosjekter/{draft.slug}/rediger/", data)
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert "end_date" in response.context["form"].errors
    assert "ds-error-summary" in response.content.decode()


def test_copied_project_needs_a_source(client, editor, draft):
    client.force_login(editor)
    response = client.post(f"/prosjekter/{draft.slug}/rediger/", edit_data(draft, origin=Project.Origin.COPIED))
    assert "source_text" in response.context["form"].errors


def test_slug_never_collides_with_url_paths(organisation):
    assert make_project(owner=organisation, title="Ny").slug != "ny"
    assert make_project(owner=organisation, title="Samme").slug == "samme"
    assert make_project(owner=organisation, title="Samme").slug == "samme-2"


def test_an_actor_named_after_a_municipality_links_to_it(county):
    from municipalities.models import Organisation
    from projects.models import Actor

    from ..factories import make_organisation

    bergen = make_organisation(county=county, name="Bergen")
    make_organisation(county=county, name="Herøy")
    make_organisation(county=county, name="Herøy")
    authority = make_organisation(county=county, name="Vestland", kind=Organisation.Kind.COUNTY_AUTHORITY)
    assert services.resolve_actor(name="Bergen kommune", actor_type=Actor.Type.MUNICIPALITY).organisation == bergen
    assert (
        services.resolve_actor(name="Vestland fylkeskommune", actor_type=Actor.Type.PUBLIC_BODY).organisation
        == authority
    )
    # Two municipalities share the name: the actor is not linked to either.
    assert services.resolve_actor(name="Herøy", actor_type=Actor.Type.MUNICIPALITY).organisation is None
    assert services.resolve_actor(name="Husbanken", actor_type=Actor.Type.PUBLIC_BODY).organisation is None


def test_archive_asks_for_confirmation_and_says_what_it_means(client, editor, published):
    client.force_login(editor)
    page = client.get(published.get_absolute_url()).content.decode()
    assert f'href="/prosjekter/{published.slug}/arkiver/"' in page  # a link to the confirmation, not a one-click POST
    assert f'action="/prosjekter/{published.slug}/arkiver/"' not in page
    response = client.get(f"/prosjekter/{published.slug}/arkiver/")
    text = response.content.decode()
    assert "Ingenting slettes" in text  # says what archiving means
    assert 'method="post"' in text and "csrfmiddlewaretoken" in text
    assert f'name="version" value="{published.version}"' in text
    published.refresh_from_db()
    assert published.is_published
    response = client.post(f"/prosjekter/{published.slug}/arkiver/", {"version": published.version}, follow=True)
    published.refresh_from_db()
    assert published.is_archived
    assert len(list(response.context["messages"])) == 1


def test_archive_confirmation_with_a_stale_version_is_a_conflict(client, editor, published):
    client.force_login(editor)
    seen = published.version
    services.update_project(project=published, by=editor, title="Endret av en annen")
    response = client.post(f"/prosjekter/{published.slug}/arkiver/", {"version": seen})
    assert response.status_code == 409
    published.refresh_from_db()
    assert published.is_published


def test_save_and_publish_says_so_once(client, editor, draft):
    client.force_login(editor)
    data = edit_data(draft, summary="Kort", need="Behov", solution="Løsning", phase="transition", publish="1")
    data["service_areas"] = [term().pk]
    add_row(data, "contacts", name="Kari")
    response = client.post(f"/prosjekter/{draft.slug}/rediger/", data, follow=True)
    draft.refresh_from_db()
    assert draft.is_published
    assert [str(m) for m in response.context["messages"]] == ["Prosjektet er lagret og publisert."]


def test_save_and_publish_with_something_missing_says_saved_and_what_is_missing(client, editor, draft):
    client.force_login(editor)
    response = client.post(
        f"/prosjekter/{draft.slug}/rediger/", edit_data(draft, title="Ny tittel", publish="1"), follow=True
    )
    draft.refresh_from_db()
    assert draft.title == "Ny tittel" and draft.is_draft
    assert [m.level_tag for m in response.context["messages"]] == ["success", "error"]
