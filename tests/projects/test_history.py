"""Every save is a version; editors see what changed and can restore; concurrent edits are refused."""

from projects import services
from projects.models import Project, ProjectVersion

from .conftest import make_project
from .helpers import edit_data


def test_every_save_records_who_when_and_which_fields(editor, published):
    services.update_project(project=published, by=editor, expected_version=published.version, title="Nytt navn")
    version = published.versions.order_by("-number").first()
    assert version.created_by == editor
    assert version.changed_fields == ["title"]
    assert version.number == published.version


def test_history_page_shows_versions_and_changes(client, editor, published):
    services.update_project(project=published, by=editor, solution="Ny løsning")
    client.force_login(editor)
    body = client.get(f"/prosjekter/{published.slug}/historikk/").content.decode()
    assert "Ny løsning" in body
    assert "Digitalt tilsyn om natten." in body  # the old value, in the diff


def test_restoring_an_old_version_creates_a_new_one(client, editor, published):
    old_number = published.version
    services.update_project(project=published, by=editor, title="Endret", contacts=[{"name": "Ny kontakt"}], tags=["x"])
    client.force_login(editor)
    response = client.post(f"/prosjekter/{published.slug}/historikk/{old_number}/gjenopprett/")
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title == "Trygghetsalarm med sensorer"
    assert list(published.contacts.values_list("name", flat=True)) == ["Kari Nordmann"]
    assert not published.tags.exists()
    assert published.is_published  # the state is not rolled back
    latest = published.versions.order_by("-number").first()
    assert latest.action == ProjectVersion.Action.REVERTED
    assert "title" in latest.changed_fields
    assert published.versions.filter(snapshot__title="Endret").exists()  # nothing lost


def test_second_of_two_concurrent_edits_is_refused_with_both_versions(client, editor, org_admin, published):
    first, second = edit_data(published, title="Alices tittel"), edit_data(published, title="Bobs tittel")
    client.force_login(editor)
    assert client.post(f"/prosjekter/{published.slug}/rediger/", first).status_code == 302
    client.force_login(org_admin)
    response = client.post(f"/prosjekter/{published.slug}/rediger/", second)
    assert response.status_code == 409
    published.refresh_from_db()
    assert published.title == "Alices tittel"  # not overwritten
    body = response.content.decode()
    assert "Alices tittel" in body and "Bobs tittel" in body
    conflict = response.context["conflict"]
    assert conflict["by"] == editor
    assert [(row["new"], row["yours"]) for row in conflict["rows"] if row["name"] == "title"] == [
        ("Alices tittel", "Bobs tittel")
    ]
    # The form now carries the current version: saving again is a deliberate choice, and it works.
    assert response.context["form"]["version"].value() == published.version
    response = client.post(f"/prosjekter/{published.slug}/rediger/", {**second, "version": published.version})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title == "Bobs tittel"


def test_concurrent_update_in_the_service_raises(editor, published):
    stale = Project.objects.get(pk=published.pk)
    services.update_project(project=published, by=editor, expected_version=published.version, title="A")
    try:
        services.update_project(project=stale, by=editor, expected_version=stale.version, title="B")
    except services.EditConflict as error:
        assert error.project.title == "A"
    else:
        raise AssertionError("the stale save was accepted")
    published.refresh_from_db()
    assert published.title == "A"


def test_history_pages_compare_across_the_page_break(client, editor, published, django_assert_max_num_queries):
    for number in range(25):
        services.update_project(project=published, by=editor, summary=f"Sammendrag nummer {number}")
    client.force_login(editor)
    first = client.get(f"/prosjekter/{published.slug}/historikk/")
    assert first.status_code == 200
    oldest_on_first_page = first.context["rows"][-1]
    # The oldest version on page 1 is still compared with its predecessor, which is on page 2.
    assert [change["name"] for change in oldest_on_first_page["changes"]] == ["summary"]
    with django_assert_max_num_queries(16):  # 15, and the unread notifications in the header
        second = client.get(f"/prosjekter/{published.slug}/historikk/?page=2")
    assert second.status_code == 200
    assert second.context["rows"][-1]["version"].number == 1


def test_a_curators_change_in_the_admin_is_kept_in_the_history(client, published):
    from ..factories import make_user

    superuser = make_user(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    before = published.versions.count()
    response = client.get(f"/admin/projects/project/{published.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "__iter__") and not isinstance(value, str):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif value is not None:
            data[name] = getattr(value, "pk", value)
    data["title"] = "Rettet av kurator"
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
        for inline_form in formset.formset.forms:
            for name, field in inline_form.fields.items():
                value = inline_form.initial.get(name, field.initial)
                if value is not None:
                    data[f"{inline_form.prefix}-{name}"] = getattr(value, "pk", value)
    response = client.post(f"/admin/projects/project/{published.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    published.refresh_from_db()
    assert published.title == "Rettet av kurator"
    assert published.versions.count() == before + 1
    latest = published.versions.order_by("-number").first()
    assert latest.created_by == superuser
    assert latest.changed_fields == ["title"]


def test_projects_cannot_be_deleted_in_the_admin(client, published):
    from ..factories import make_user

    client.force_login(make_user(is_staff=True, is_superuser=True))
    # The confirmation a superuser would send from the delete page is refused …
    assert client.post(f"/admin/projects/project/{published.pk}/delete/", {"post": "yes"}).status_code == 403
    # … and the changelist offers no bulk delete; sending it anyway deletes nothing.
    changelist = client.get("/admin/projects/project/")
    assert published.title in changelist.content.decode()
    assert "delete_selected" not in changelist.content.decode()
    client.post("/admin/projects/project/", {"action": "delete_selected", "_selected_action": [published.pk]})
    assert Project.objects.filter(pk=published.pk).exists()


def test_restoring_a_version_drops_terms_and_co_owners_removed_since(client, editor, organisation, county):
    from projects.models import Term

    from ..factories import make_organisation
    from .conftest import term

    partner, dissolved = (
        make_organisation(name="Partnervik", county=county),
        make_organisation(name="Borte", county=county),
    )
    retired = Term.objects.create(vocabulary=Term.Vocabulary.SERVICE_AREA, slug="nedlagt", name="Nedlagt område")
    project = make_project(
        owner=organisation,
        title="Gammel versjon",
        state=Project.State.PUBLISHED,
        service_areas=[term(), retired],
        co_owners=[partner, dissolved],
    )
    old_number = project.version
    services.update_project(project=project, by=editor, title="Ny versjon", service_areas=[term()], co_owners=[])
    retired.delete()
    dissolved.delete()
    client.force_login(editor)
    response = client.post(f"/prosjekter/{project.slug}/historikk/{old_number}/gjenopprett/")
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Gammel versjon"
    # The link rows themselves (a join would hide links to rows that no longer exist).
    assert list(Project.service_areas.through.objects.filter(project=project).values_list("term", flat=True)) == [
        term().pk
    ]
    assert list(Project.co_owners.through.objects.filter(project=project).values_list("organisation", flat=True)) == [
        partner.pk
    ]
    assert project.versions.order_by("-number").first().action == ProjectVersion.Action.REVERTED
