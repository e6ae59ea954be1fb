"""The project form a person can finish (issue 8): parts with a menu and progress, saving a part, rows
added and removed without JavaScript (and in place with htmx), chosen files kept across an error,
searchable pickers that are plain lists without JavaScript, the first contact prefilled, plain Norwegian."""

import io
import re

import polib
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from municipalities.models import County
from projects import services
from projects.forms import PENDING_FOLDER, ProjectForm
from projects.models import Actor, Project

from ..factories import make_county, make_organisation
from .conftest import term
from .helpers import add_row, edit_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _norwegian(settings, tmp_path):
    settings.LANGUAGE_CODE = "nb"
    settings.MEDIA_ROOT = tmp_path


def _url(project):
    return f"/prosjekter/{project.slug}/rediger/"


def _html(response) -> str:
    return response.content.decode()


# Parts, progress and saving a part


def test_the_form_shows_its_parts_in_a_menu_with_progress(client, editor, draft):
    client.force_login(editor)
    services.update_project(project=draft, by=None, summary="Kort.", need="Behov.", phase=Project.Phase.INNOVATION)
    html = _html(client.get(_url(draft)))
    menu = html[html.index('class="form-menu"') : html.index("</details>")]
    for key in ("project", "story", "classification", "actors", "benefits", "contacts"):
        assert f'href="#part-{key}"' in menu
        assert f'id="part-{key}"' in html
    # project (summary), progress (phase) are ready; story lacks the solution, classification a service area,
    # contacts a contact person
    assert "2 av 5 deler klare til publisering" in html
    assert "Trengs for å publisere: løsningen." in html
    assert html.count("save-bar") == 1


def test_a_parts_own_button_saves_the_whole_form_and_comes_back_to_that_part(client, editor, draft):
    client.force_login(editor)
    data = edit_data(draft, need="Nytt behov.", section="classification")
    data["service_areas"] = [term().pk]
    response = client.post(_url(draft), data)
    assert response.status_code == 302
    assert response.url == f"{_url(draft)}?lagret=classification#part-classification"
    draft.refresh_from_db()
    assert draft.need == "<p>Nytt behov.</p>"  # another part's change was saved with it, not lost
    assert list(draft.service_areas.all()) == [term()]
    page = client.get(response.url)
    html = _html(page)
    assert html.count('class="part-saved"') == 1  # told once, at the part
    assert not list(page.context["messages"])


def test_saving_a_part_of_an_old_form_that_clashes_is_refused(client, editor, co_owner_editor, draft):
    client.force_login(editor)
    stale = edit_data(draft, summary="Min versjon.", section="project")
    services.update_project(project=draft, by=co_owner_editor, summary="Deres versjon.")
    response = client.post(_url(draft), stale)
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.summary == "Deres versjon."


def test_a_valid_part_is_saved_on_its_own_while_another_part_has_errors(client, editor, draft):
    client.force_login(editor)
    data = edit_data(draft, title="", need="Behovet, lagret alene.", solution="Løsningen.", section="story")
    response = client.post(_url(draft), data)
    assert response.status_code == 200
    html = _html(response)
    assert "Denne delen ble lagret. De andre delene blir ikke lagret før feilene er rettet." in html
    assert "ds-error-summary" in html  # the title's error is still shown
    assert 'value=""' in html and 'name="title"' in html  # the other parts as they were sent
    draft.refresh_from_db()
    assert draft.need == "<p>Behovet, lagret alene.</p>"
    assert draft.title == "Et utkast om velferdsteknologi"
    assert draft.version == 2
    assert f'name="version" value="{draft.version}"' in html  # the form now knows the saved version

    # The title fixed, the whole form is saved from what was shown.
    data = edit_data(draft, title="Nytt navn", section="project")
    assert client.post(_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Nytt navn" and draft.need == "<p>Behovet, lagret alene.</p>"


def test_a_rows_part_saved_on_its_own_is_shown_with_its_stored_rows(client, editor, draft):
    client.force_login(editor)
    data = edit_data(draft, title="", section="actors")
    add_row(data, "actors", actor="NTNU", actor_type=Actor.Type.RESEARCH, role="researcher")
    response = client.post(_url(draft), data)
    assert response.status_code == 200
    actor = draft.project_actors.get()
    html = _html(response)
    assert f'name="actors-0-id" value="{actor.pk}"' in html  # saving again updates it, not a second one
    formset = next(formset for key, _legend, formset in response.context["formsets"] if key == "actors")
    data = {name: formset.data[name] for name in formset.data if name.startswith("actors-")}
    draft.refresh_from_db()
    data = edit_data(draft, title="Fikset", **data)
    assert client.post(_url(draft), data).status_code == 302
    assert draft.project_actors.count() == 1


def test_a_part_is_not_saved_alone_when_it_has_errors_itself(client, editor, draft):
    client.force_login(editor)
    data = edit_data(draft, title="", summary="Ny", section="project")
    assert client.post(_url(draft), data).status_code == 200
    draft.refresh_from_db()
    assert draft.version == 1 and draft.summary == ""


# Rows without JavaScript, and with htmx


def test_add_a_row_without_javascript_shows_one_more_and_saves_nothing(client, editor, draft):
    client.force_login(editor)
    data = edit_data(draft, summary="Skrevet, ikke lagret ennå.", add_row="actors")
    total = data["actors-TOTAL_FORMS"]
    response = client.post(_url(draft), data)
    assert response.status_code == 200
    html = _html(response)
    assert f'name="actors-TOTAL_FORMS" value="{total + 1}"' in html
    assert f'id="id_actors-{total}-actor"' in html and "autofocus" in html
    assert "Skrevet, ikke lagret ennå." in html  # what was typed is kept
    assert "ds-error-summary" not in html  # nothing was submitted yet, so no errors
    draft.refresh_from_db()
    assert draft.version == 1


def test_a_row_added_without_javascript_is_saved_with_the_next_save(client, editor, draft):
    client.force_login(editor)
    data = edit_data(draft, add_row="benefits")
    html = _html(client.post(_url(draft), data))
    total = int(re.search(r'name="benefits-TOTAL_FORMS" value="(\d+)"', html).group(1))
    data = edit_data(draft)
    data["benefits-TOTAL_FORMS"] = total
    data[f"benefits-{total - 1}-indicator"] = "Nattbesøk"
    assert client.post(_url(draft), data).status_code == 302
    assert draft.benefits.get().indicator == "Nattbesøk"


def test_a_row_is_removed_by_its_checkbox_without_javascript(client, editor, published):
    client.force_login(editor)
    html = _html(client.get(_url(published)))
    assert 'name="contacts-0-DELETE"' in html
    assert "Fjern denne raden når du lagrer" in html
    response = client.post(_url(published), edit_data(published, **{"contacts-0-DELETE": "on"}))
    assert response.status_code == 302
    assert not published.contacts.exists()


def test_htmx_adds_one_empty_row_in_place(client, editor, draft):
    client.force_login(editor)
    response = client.get(f"{_url(draft)}rad/actors/", {"actors-TOTAL_FORMS": "3"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = _html(response)
    assert 'id="id_actors-3-actor"' in html
    assert "<legend" in html and "Aktør 4" in html
    assert 'hx-swap-oob="true"' in html and 'value="4"' in html  # the management form counts it
    assert client.get(f"{_url(draft)}rad/nothing/", {"nothing-TOTAL_FORMS": "1"}).status_code == 404
    assert client.get(f"{_url(draft)}rad/actors/", {"actors-TOTAL_FORMS": "x"}).status_code == 400


def test_htmx_rows_are_for_editors_only(client, outsider, member, draft):
    client.force_login(outsider)
    assert client.get(f"{_url(draft)}rad/actors/", {"actors-TOTAL_FORMS": "1"}).status_code == 404
    client.force_login(member)
    assert client.get(f"{_url(draft)}rad/actors/", {"actors-TOTAL_FORMS": "1"}).status_code == 403


# Chosen files survive an error elsewhere


def _with_document(data):
    add_row(data, "documents", title="Evaluering", kind="evaluation")
    index = int(data["documents-TOTAL_FORMS"]) - 1
    data[f"documents-{index}-file"] = SimpleUploadedFile("evaluering.pdf", PDF, content_type="application/pdf")
    return data, index


def test_a_chosen_file_survives_an_error_elsewhere_and_is_saved_with_the_fix(client, editor, draft):
    client.force_login(editor)
    data, index = _with_document(edit_data(draft, title=""))  # the title is required: an error elsewhere
    response = client.post(_url(draft), data)
    assert response.status_code == 200
    html = _html(response)
    assert "Valgt fil: evaluering.pdf (beholdes)" in html
    token = re.search(rf'name="documents-{index}-pending" value="([^"]+)"', html).group(1)
    assert not draft.documents.exists()

    # Fixed, and sent again without choosing the file: the kept file is saved.
    data = edit_data(draft, title="Et utkast om velferdsteknologi")
    add_row(data, "documents", title="Evaluering", kind="evaluation", pending=token)
    assert client.post(_url(draft), data).status_code == 302
    document = draft.documents.get()
    assert document.original_name == "evaluering.pdf"
    assert document.content_type == "application/pdf"
    with document.file.open("rb") as handle:
        assert handle.read() == PDF
    _dirs, kept = default_storage.listdir(PENDING_FOLDER)
    assert kept == []  # used up


def test_a_chosen_file_is_kept_through_an_edit_conflict(client, editor, co_owner_editor, draft):
    client.force_login(editor)
    data, index = _with_document(edit_data(draft, summary="Min versjon."))
    services.update_project(project=draft, by=co_owner_editor, summary="Deres versjon.")
    response = client.post(_url(draft), data)
    assert response.status_code == 409
    assert "Valgt fil: evaluering.pdf (beholdes)" in _html(response)
    assert f'name="documents-{index}-pending"' in _html(response)


def test_a_kept_file_is_not_kept_when_its_own_check_failed(client, editor, draft):
    client.force_login(editor)
    data = edit_data(draft, title="")
    add_row(data, "documents", title="Skadelig", kind="other")
    index = int(data["documents-TOTAL_FORMS"]) - 1
    data[f"documents-{index}-file"] = SimpleUploadedFile("side.pdf", b"<html><script>alert(1)</script>")
    html = _html(client.post(_url(draft), data))
    assert "(beholdes)" not in html and f"documents-{index}-pending" not in html


def test_a_kept_file_belongs_to_the_user_who_chose_it(client, editor, co_owner_editor, draft):
    client.force_login(editor)
    data, index = _with_document(edit_data(draft, title=""))
    token = re.search(r'-pending" value="([^"]+)"', _html(client.post(_url(draft), data))).group(1)
    client.force_login(co_owner_editor)
    data = edit_data(draft)
    add_row(data, "documents", title="Evaluering", kind="evaluation", pending=token)
    response = client.post(_url(draft), data)
    assert response.status_code == 200  # no file and no link: the row asks for one
    assert not draft.documents.exists()


def test_a_project_with_a_stored_document_and_image_saves_twice(client, editor, published):
    client.force_login(editor)
    data, _index = _with_document(edit_data(published))
    assert client.post(_url(published), data).status_code == 302
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    published.refresh_from_db()
    data = edit_data(published)
    add_row(data, "images", alt_text="Blått", image=SimpleUploadedFile("bilde.png", buffer.getvalue()))
    assert client.post(_url(published), data).status_code == 302
    for summary in ("Lagret én gang.", "Lagret to ganger."):
        published.refresh_from_db()
        response = client.post(_url(published), edit_data(published, summary=summary))
        assert response.status_code == 302, response.context and response.context["form"].errors
    published.refresh_from_db()
    assert published.summary == "Lagret to ganger."
    assert published.documents.get().file and published.images.get().image


# Pickers: number and county for every organisation, plain lists without JavaScript


def test_co_owners_are_a_plain_checkbox_list_telling_the_two_heroy_apart(client, editor, draft):
    # real county numbers: the factories use 60–99, so these never collide with a factory's county
    more_og_romsdal, _ = County.objects.update_or_create(number="15", defaults={"name": "Møre og Romsdal"})
    nordland, _ = County.objects.update_or_create(number="18", defaults={"name": "Nordland"})
    heroy_mr = make_organisation(name="Herøy", number="1515", slug="heroy-1515", county=more_og_romsdal)
    make_organisation(name="Herøy", number="1818", slug="heroy-1818", county=nordland)
    client.force_login(editor)
    html = _html(client.get(_url(draft)))
    assert "Herøy (1515, Møre og Romsdal)" in html
    assert "Herøy (1818, Nordland)" in html
    assert f'type="checkbox" name="co_owners" value="{heroy_mr.pk}"' in html
    assert 'class="picker"' in html  # the filter box is added by static/js/project-form.js
    data = edit_data(draft)
    data["co_owners"] = [heroy_mr.pk]
    assert client.post(_url(draft), data).status_code == 302
    assert list(draft.co_owners.all()) == [heroy_mr]


def test_the_source_project_is_a_plain_select_naming_the_owner(client, editor, draft, published):
    client.force_login(editor)
    html = _html(client.get(_url(draft)))
    select = html[html.index('name="source_project"') : html.index("</select>", html.index('name="source_project"'))]
    assert f">{published.title} ({published.owner.name})</option>" in select
    assert ">Velg …</option>" in select
    data = edit_data(draft, origin=Project.Origin.ADAPTED, source_project=published.pk)
    assert client.post(_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.source_project == published


# The first contact person


def test_a_new_projects_first_contact_is_the_signed_in_user(client, editor, organisation):
    client.force_login(editor)
    response = client.post("/prosjekter/ny/", {"title": "Helt nytt", "summary": "Kort.", "owner": organisation.pk})
    project = Project.objects.get(title="Helt nytt")
    html = _html(client.get(response.url))
    assert f'name="contacts-0-name" value="{editor.full_name}"' in html
    assert f'name="contacts-0-email" value="{editor.email}"' in html
    # Sent as it is, the prefilled contact is saved.
    data = edit_data(project, **{"contacts-TOTAL_FORMS": 1, "contacts-0-name": editor.full_name})
    data["contacts-0-email"] = editor.email
    assert client.post(_url(project), data).status_code == 302
    assert project.contacts.get().email == editor.email


def test_a_project_with_contacts_is_not_prefilled(client, editor, published):
    client.force_login(editor)
    html = _html(client.get(_url(published)))
    assert f'value="{editor.email}"' not in html


# Plain Norwegian


def test_labels_and_help_are_plain_norwegian(client, editor, draft):
    client.force_login(editor)
    response = client.get(_url(draft))
    html = _html(response)
    form = response.context["form"]
    assert form["relative_advantage"].label == "Hva er bedre enn det dere hadde før?"
    for name in ("compatibility", "complexity", "trialability", "observability"):
        assert str(form[name].label).endswith("?")
    for name in ("degree", "drivers", "methods"):
        assert form[name].help_text, name
    assert "OFU-kontrakt:" in str(form["methods"].help_text)
    helps = " ".join(str(field.help_text) for field in form)
    assert not re.search(r"\b(ul|ol|li|strong|em)\b", helps)  # no tag names under the fields
    assert html.count("Enkel HTML") == 1  # the rich-text hint, said once
    assert "---------" not in html
    assert "Velg …" in html
    assert "Aktør 1" in html and "Kontaktperson 1" in html
    assert '<legend class="ds-label">Ny</legend>' not in html
    for key in ("actors", "benefits", "presentations", "documents", "contacts"):
        part = html[html.index(f'id="part-{key}"') : html.index('class="part-actions"', html.index(f'id="part-{key}"'))]
        assert "må fylles ut" not in part, key


@pytest.mark.parametrize(
    "msgid, msgstr",
    [
        ("What is better than what you had before?", "Hva er bedre enn det dere hadde før?"),
        ("Choose …", "Velg …"),
        ("Actor", "Aktør"),
        ("Chosen file: %(name)s (kept)", "Valgt fil: %(name)s (beholdes)"),
        ("%(ready)s of %(total)s parts ready to publish", "%(ready)s av %(total)s deler klare til publisering"),
        ("Remove this row when saving", "Fjern denne raden når du lagrer"),
    ],
)
def test_norwegian_msgstrs(msgid, msgstr):
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / "nb" / "LC_MESSAGES" / "django.po"))
    assert catalogue.find(msgid).msgstr == msgstr
    with translation.override("nb"):
        assert translation.gettext(msgid) == msgstr


def test_the_project_form_has_no_dashes_for_an_empty_choice(draft):
    with translation.override("nb"):
        form = ProjectForm(instance=draft)
        for name in ("degree", "phase", "source_project"):
            labels = [str(label) for _value, label in form.fields[name].choices]
            assert "---------" not in labels and "Velg …" in labels, name


def test_the_edit_page_query_count_does_not_grow_with_organisations(
    client, editor, draft, django_assert_max_num_queries
):
    client.force_login(editor)
    county = make_county()
    for _ in range(5):
        make_organisation(county=county)
    with django_assert_max_num_queries(60) as few:
        client.get(_url(draft))
    for _ in range(40):
        make_organisation(county=make_county())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url(draft))


def test_actor_type_choice_reads_choose(draft):
    with translation.override("nb"):
        from projects.forms import ActorForm

        labels = [str(label) for _value, label in ActorForm().fields["actor_type"].choices]
    assert labels[0] == "Velg …"
    assert len(labels) == len(Actor.Type.choices) + 1


def test_published_project_form_says_it_is_published(client, editor, published):
    client.force_login(editor)
    assert "Prosjektet er publisert" in _html(client.get(_url(published)))
