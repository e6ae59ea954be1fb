"""The declaration of what a project holds is the one list: the form, the snapshot, the history and the
project page (and so its print view) all pick up every declared field."""

from datetime import date

import pytest

from projects import declaration, services
from projects.declaration import FIELDS, Kind
from projects.forms import FORMSETS, ProjectForm
from projects.models import Project, Term
from projects.versions import display, snapshot

from .conftest import make_project


def test_every_content_field_of_the_model_is_declared():
    model_fields = {f.name for f in Project._meta.get_fields() if f.concrete and not f.auto_created}
    assert model_fields - declaration.NOT_CONTENT == set(FIELDS)


def test_every_row_kind_has_a_formset_in_declared_order():
    assert list(FORMSETS) == [rows.key for rows in declaration.ROWS]


def test_the_form_parts_place_every_section_and_row_kind_once():
    sections = [section.key for section in declaration.SECTIONS if any(f.in_form for f in section.fields)]
    assert sorted(declaration.FORM_PARTS) == sorted(sections + [rows.key for rows in declaration.ROWS])
    assert len(set(declaration.FORM_PARTS)) == len(declaration.FORM_PARTS)
    # the order of the story is kept: sections in declared order, and so are the row kinds
    placed = [key for key in declaration.FORM_PARTS if key in sections]
    assert placed == sections
    assert [key for key in declaration.FORM_PARTS if key in declaration.ROWS_BY_KEY] == list(declaration.ROWS_BY_KEY)


def test_what_publishing_needs_is_declared_content():
    assert set(Project.REQUIRED_TO_PUBLISH) <= set(declaration.CONTENT)


def test_a_copy_leaves_out_the_private_fields_and_rows():
    data = {name: "x" for name in declaration.CONTENT} | {"state": "published"}
    copied = declaration.public_part(data)
    assert "owner" not in copied and "contacts" not in copied and "phase" not in copied and "state" not in copied
    assert {"title", "need", "solution", "core", "service_areas", "actors"} <= set(copied)


def _value_for(f, source, co_owner):
    """A distinctive value for each kind of field, and the text the page and history show for it."""
    if f.kind in (Kind.TEXT, Kind.RICH):
        text = f"Verdi for {f.name}"
        return text, text
    if f.kind == Kind.CHOICE:
        value, label = f.model_field.choices[-1]
        return value, str(label)
    if f.kind == Kind.CHOICES:
        value, label = f.choices.choices[0]
        return [value], str(label)
    if f.kind == Kind.DATE:
        return date(2019, 8, 17), "2019"
    if f.kind == Kind.TERMS:
        term = Term.objects.filter(vocabulary=f.vocabulary).last()
        return [term], term.name
    if f.kind == Kind.TAGS:
        return ["Merkelapp for test"], "Merkelapp for test"
    if f.kind == Kind.ORGANISATIONS:
        return [co_owner], co_owner.name
    if f.kind == Kind.PROJECT:
        return source, source.title
    raise AssertionError(f"no test value for {f.kind}")


@pytest.fixture
def every_field(organisation, co_owner_organisation, editor):
    source = make_project(owner=co_owner_organisation, title="Kildeprosjektet", state=Project.State.PUBLISHED)
    values, shown = {}, {}
    for name, f in FIELDS.items():
        if name == "owner":
            continue
        values[name], shown[name] = _value_for(f, source, co_owner_organisation)
    title = values.pop("title")
    project = services.create_project(owner=organisation, by=editor, title=title, **values)
    return project, shown


@pytest.mark.parametrize("name", [name for name in FIELDS if name != "owner"])
def test_each_declared_field_reaches_form_snapshot_history_and_page(name, every_field, client, editor):
    project, shown = every_field
    f = FIELDS[name]
    # the form
    form = ProjectForm(instance=project)
    assert name in form.fields
    parts = [key for key in declaration.FORM_PARTS if key in declaration.SECTIONS_BY_KEY]
    assert name in [bound.name for key in parts for bound in form.section_fields(key)]
    # the snapshot and the history display
    data = snapshot(project)
    assert data[name] not in (None, "", [])
    text = display(name, data)
    assert shown[name] in (" ".join(text) if isinstance(text, list) else text)
    # the project page, which is also the print view
    if f.on_page:
        client.force_login(editor)
        page = client.get(project.get_absolute_url()).content.decode()
        assert shown[name].lower() in page.lower(), f"{name} is not on the project page"


def test_tags_are_slugged_the_norwegian_way_so_similar_names_do_not_collide(organisation, editor):
    project = services.create_project(owner=organisation, by=editor, title="T", tags=["Økonomi", "Bøl", "Bl", "  "])
    assert sorted(project.tags.values_list("slug", flat=True)) == ["bl", "bol", "okonomi"]
    assert "Økonomi" in project.tags.values_list("name", flat=True)
