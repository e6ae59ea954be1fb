"""Two editors at once: changes to different fields are merged, only a real clash is shown, and
"save anyway" keeps the other editor's changes to every field this editor did not touch."""

from projects import services
from projects.models import Project

from .helpers import edit_data


def _url(project):
    return f"/prosjekter/{project.slug}/rediger/"


def test_changes_to_different_fields_are_merged(client, editor, org_admin, published):
    alice, bob = edit_data(published, title="Ny tittel fra Alice"), edit_data(published, summary="Bobs sammendrag")
    client.force_login(editor)
    assert client.post(_url(published), alice).status_code == 302
    client.force_login(org_admin)
    response = client.post(_url(published), bob, follow=True)
    assert response.status_code == 200
    assert "Endringer andre gjorde i mellomtiden ble beholdt" in response.content.decode()
    published.refresh_from_db()
    assert (published.title, published.summary) == ("Ny tittel fra Alice", "Bobs sammendrag")


def test_a_stale_save_keeps_the_contact_someone_else_added(client, editor, org_admin, published):
    bob = edit_data(published, summary="Bobs sammendrag")  # Bob opened the form first
    data = edit_data(published)
    rows = int(data["contacts-TOTAL_FORMS"])
    alice = {**data, "contacts-TOTAL_FORMS": rows + 1, f"contacts-{rows}-name": "Alices nye kontakt"}
    client.force_login(editor)
    assert client.post(_url(published), alice).status_code == 302
    client.force_login(org_admin)
    assert client.post(_url(published), bob).status_code == 302
    published.refresh_from_db()
    assert published.summary == "Bobs sammendrag"
    assert "Alices nye kontakt" in list(published.contacts.values_list("name", flat=True))


def test_a_clash_is_shown_and_saving_anyway_overwrites_only_that_field(client, editor, org_admin, published):
    alice = edit_data(published, title="Alices tittel", summary="Alices sammendrag")
    bob = edit_data(published, title="Bobs tittel")
    client.force_login(editor)
    assert client.post(_url(published), alice).status_code == 302
    client.force_login(org_admin)
    response = client.post(_url(published), bob)
    assert response.status_code == 409
    assert [row["name"] for row in response.context["conflict"]["rows"]] == ["title"]  # not the summary
    form = response.context["form"]
    again = {**bob, "version": form["version"].value(), "base_version": form["base_version"].value()}
    assert client.post(_url(published), again).status_code == 302
    published.refresh_from_db()
    assert published.title == "Bobs tittel"  # Bob decided
    assert published.summary == "Alices sammendrag"  # and nothing else of Alice's was lost


def test_a_third_save_after_the_conflict_page_is_a_new_conflict(client, editor, org_admin, published):
    bob = edit_data(published, title="Bobs tittel")
    client.force_login(editor)
    assert client.post(_url(published), edit_data(published, title="Alice 1")).status_code == 302
    client.force_login(org_admin)
    form = client.post(_url(published), bob).context["form"]
    published.refresh_from_db()
    services.update_project(project=published, by=editor, title="Alice 2")
    again = {**bob, "version": form["version"].value(), "base_version": form["base_version"].value()}
    assert client.post(_url(published), again).status_code == 409
    assert Project.objects.get(pk=published.pk).title == "Alice 2"


def test_a_state_change_from_a_stale_page_is_refused_with_409(client, editor, org_admin, published):
    seen = published.version
    services.update_project(project=published, by=org_admin, summary="Endret i mellomtiden")
    client.force_login(editor)
    for url in (f"/prosjekter/{published.slug}/arkiver/",):
        response = client.post(url, {"version": seen})
        assert response.status_code == 409
        assert "Prosjektet ble endret i mellomtiden" in response.content.decode()
    published.refresh_from_db()
    assert published.is_published


def test_restoring_a_version_from_a_stale_page_is_refused_with_409(client, editor, org_admin, published):
    seen, first = published.version, published.versions.order_by("number").first().number
    services.update_project(project=published, by=org_admin, title="Endret i mellomtiden")
    client.force_login(editor)
    response = client.post(f"/prosjekter/{published.slug}/historikk/{first}/gjenopprett/", {"version": seen})
    assert response.status_code == 409
    published.refresh_from_db()
    assert published.title == "Endret i mellomtiden"


def test_a_state_change_racing_another_save_in_the_service_raises_conflict(editor, published):
    stale = Project.objects.get(pk=published.pk)
    services.update_project(project=published, by=editor, summary="Først")
    for service in (services.archive_project,):
        try:
            service(project=stale, by=editor)
        except services.EditConflict:
            pass
        else:
            raise AssertionError("a stale state change was accepted")


def test_buttons_on_the_project_page_carry_the_version_seen(client, editor, published, archived):
    client.force_login(editor)
    # Archiving is confirmed on its own page first; its button carries the version shown there.
    page = client.get(f"/prosjekter/{published.slug}/arkiver/").content.decode()
    assert f'name="version" value="{published.version}"' in page
    page = client.get(archived.get_absolute_url()).content.decode()
    assert f'name="version" value="{archived.version}"' in page
