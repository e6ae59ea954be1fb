"""What a project holds, declared once.

Every editable field of a project and every kind of repeating row is listed here, in story order,
grouped in the sections a person tells the story in. The form, the services, the version snapshot,
the history display, the project page (and so its print view), the copy and the API all read this
declaration; adding a field to a project is a change here plus a migration.

A field marked `private` belongs to the owner's own instance of the solution (who owns it, where it
stands, its own contacts and results): a copy into another organisation is the snapshot minus the
private fields and rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Benefit, Contact, Document, Presentation, Project, ProjectActor, ProjectImage, Term


class Kind:
    """How a field is edited, stored in a snapshot and shown."""

    TEXT = "text"  # plain text, shown with line breaks
    RICH = "rich"  # sanitised HTML (paragraphs, lists, links, emphasis)
    CHOICE = "choice"  # one value of the model field's choices
    CHOICES = "choices"  # several values of a TextChoices (stored as a JSON list)
    DATE = "date"
    TERMS = "terms"  # controlled vocabulary (Term), many
    TAGS = "tags"  # free keywords, by name
    ORGANISATION = "organisation"  # one organisation (foreign key)
    ORGANISATIONS = "organisations"  # several organisations
    PROJECT = "project"  # another project in Spre (foreign key)


@dataclass(frozen=True)
class Field:
    name: str
    rich: bool = False
    private: bool = False
    in_form: bool = True
    rows: int | None = None  # height of a textarea; None: a one-line input unless the model field is a TextField
    vocabulary: str | None = None  # for controlled vocabularies
    choices: type[models.TextChoices] | None = None  # for a JSON list of choices
    on_page: bool = True  # shown in its section on the project page (False: the page shows it elsewhere)
    question: str | None = None  # the form's label in plain words (None: the model field's verbose name)
    help: str | None = None  # the form's help text (None: the model field's)

    @cached_property
    def model_field(self):
        return Project._meta.get_field(self.name)

    @property
    def label(self):
        return self.model_field.verbose_name

    @cached_property
    def kind(self) -> str:
        model_field = self.model_field
        if self.rich:
            return Kind.RICH
        if self.vocabulary:
            return Kind.TERMS
        if self.choices:
            return Kind.CHOICES
        if self.name == "tags":
            return Kind.TAGS
        if model_field.is_relation:
            related = model_field.related_model
            if related is Project:
                return Kind.PROJECT
            return Kind.ORGANISATIONS if model_field.many_to_many else Kind.ORGANISATION
        if isinstance(model_field, models.DateField):
            return Kind.DATE
        if model_field.choices:
            return Kind.CHOICE
        return Kind.TEXT

    @property
    def many(self) -> bool:
        return self.kind in (Kind.TERMS, Kind.TAGS, Kind.ORGANISATIONS, Kind.CHOICES)

    @property
    def m2m(self) -> bool:
        return self.model_field.many_to_many


@dataclass(frozen=True)
class Section:
    key: str
    legend: str  # in the form
    fields: tuple[Field, ...]
    heading: str | None = None  # on the project page; None: the page shows these fields in the header or key facts
    facts: bool = False  # shown in the key facts panel


@dataclass(frozen=True)
class Rows:
    """A kind of repeating row. `fields` is the shape of a row in snapshots and services."""

    key: str
    model: type[models.Model]
    related_name: str
    fields: tuple[str, ...]
    legend: str
    extra: int = 1
    private: bool = False
    files: tuple[str, ...] = field(default=())  # file fields: a row keeps its stored file unless a new one is chosen
    one: str = ""  # one row, for its legend in the form ("Actor 2")

    @property
    def label(self):
        return self.legend


SECTIONS: tuple[Section, ...] = (
    Section(
        "project",
        _("The project"),
        (Field("title", on_page=False), Field("summary", rows=3, on_page=False)),
    ),
    Section(
        "story",
        _("Need and solution"),
        (
            Field("need", rich=True),
            Field("trigger", rich=True),
            Field("solution", rich=True),
            Field("novelty", rich=True),
        ),
        heading=_("Need and solution"),
    ),
    Section(
        "origin",
        _("How it was obtained"),
        (
            Field("origin", private=True),
            Field("source_project", private=True),
            Field("source_text", private=True),
        ),
        heading=_("How it was obtained"),
    ),
    Section(
        "tilpasning",
        _("Adaptation to our organisation"),
        (
            Field("adapted_keep", private=True, rows=3),
            Field("adapted_change", private=True, rows=4),
            Field("adapted_context", private=True, rows=4),
        ),
        heading=_("How it was adapted here"),
    ),
    Section(
        "classification",
        _("Classification"),
        (
            Field("service_areas", vocabulary=Term.Vocabulary.SERVICE_AREA),
            Field("innovation_types", vocabulary=Term.Vocabulary.INNOVATION_TYPE),
            Field(
                "degree",
                help=_("Incremental: a better version of something you had. Radical: something wholly new to you."),
            ),
            Field(
                "drivers",
                vocabulary=Term.Vocabulary.DRIVER,
                help=_("Who or what pushed the change forward: staff, users, a need or citizens."),
            ),
            Field(
                "methods",
                vocabulary=Term.Vocabulary.METHOD,
                help=_(
                    "OFU contract: a public–private development contract, where a supplier develops a new solution "
                    "with you, with support from Innovation Norway."
                ),
            ),
            Field("tags"),
        ),
        facts=True,
    ),
    Section(
        "progress",
        _("Phase and status"),
        (
            Field("phase", private=True),
            Field("status", private=True),
            Field("start_date", private=True),
            Field("end_date", private=True),
        ),
        facts=True,
    ),
    Section(
        "ownership",
        _("Owners and anchoring"),
        (
            Field("owner", private=True, in_form=False, on_page=False),
            Field("co_owners", private=True, on_page=False),
            Field("anchoring", private=True, choices=Project.Anchoring),
            Field("anchoring_plans", private=True, rows=2),
        ),
        heading=_("Anchoring"),
    ),
    Section(
        "adoption",
        _("Conditions for adoption"),
        (
            Field("core", rich=True),
            Field("adaptation", rich=True),
            Field("needs_competence", rows=2),
            Field("needs_procurement", rows=2),
            Field("needs_cost", rows=2),
            Field("needs_time", rows=2),
            Field("lessons", rich=True, help=_("Including what did not work.")),
        ),
        heading=_("Conditions for adoption"),
    ),
    Section(
        "assessment",
        _("Self-assessment for takers"),
        (
            Field(
                "relative_advantage",
                rows=2,
                question=_("What is better than what you had before?"),
                help=_("Relative advantage: how much better it is than what it replaces."),
            ),
            Field(
                "compatibility",
                rows=2,
                question=_("How well does it fit the way you work?"),
                help=_("Compatibility: how well it fits the values, needs and practice of those who take it up."),
            ),
            Field(
                "complexity",
                rows=2,
                question=_("How hard is it to understand and use?"),
                help=_("Complexity: what takes time to learn, and what makes it easier."),
            ),
            Field(
                "trialability",
                rows=2,
                question=_("Can it be tried on a small scale first?"),
                help=_("Trialability: how a taker can test it before deciding."),
            ),
            Field(
                "observability",
                rows=2,
                question=_("Can others see the results?"),
                help=_("Observability: how visible the results are to users, staff and others."),
            ),
        ),
        heading=_("Self-assessment for takers"),
    ),
)

ROWS: tuple[Rows, ...] = (
    Rows(
        "actors",
        ProjectActor,
        "project_actors",
        ("actor", "actor_type", "role", "description"),
        _("Actors in the innovation system"),
        extra=2,
        one=_("Actor"),
    ),
    Rows(
        "benefits",
        Benefit,
        "benefits",
        ("indicator", "baseline", "result", "unit", "measured_on", "documentation"),
        _("Benefits"),
        private=True,
        one=_("Benefit"),
    ),
    Rows(
        "presentations",
        Presentation,
        "presentations",
        ("channel", "arena", "date", "url"),
        _("Where it was presented or spread"),
        private=True,
        one=_("Presentation"),
    ),
    Rows(
        "documents",
        Document,
        "documents",
        ("kind", "title", "file", "url", "original_name", "content_type", "size"),
        _("Documents and links"),
        private=True,
        files=("file",),
        one=_("Document"),
    ),
    Rows(
        "images",
        ProjectImage,
        "images",
        ("image", "display", "alt_text", "caption", "content_type"),
        _("Images"),
        private=True,
        files=("image", "display"),
        one=_("Image"),
    ),
    Rows(
        "contacts",
        Contact,
        "contacts",
        ("name", "role", "email", "phone"),
        _("Contact persons"),
        extra=2,
        private=True,
        one=_("Contact person"),
    ),
)

# The edit form's parts, in the order a person tells the story: the sections (with fields in the form) and
# the repeating rows, each its own part. Only keys here; a test checks that every section and row kind is placed.
FORM_PARTS: tuple[str, ...] = (
    "project",
    "story",
    "origin",
    "tilpasning",
    "classification",
    "progress",
    "ownership",
    "actors",
    "adoption",
    "assessment",
    "benefits",
    "presentations",
    "documents",
    "images",
    "contacts",
)

FIELDS: dict[str, Field] = {f.name: f for section in SECTIONS for f in section.fields}
ROWS_BY_KEY: dict[str, Rows] = {rows.key: rows for rows in ROWS}
SECTIONS_BY_KEY: dict[str, Section] = {section.key: section for section in SECTIONS}

# Model fields that are not content: the publishing state, identity and bookkeeping. Every other
# editable model field must be declared above (a test checks this).
NOT_CONTENT = {
    "id",
    "state",
    "slug",
    "is_demo",
    "version",
    "created_by",
    "created_at",
    "updated_at",
    "published_at",
    "archived_at",
    "search_text",
}

# Names, derived once.
SCALAR = tuple(name for name, f in FIELDS.items() if not f.m2m)
M2M = tuple(name for name, f in FIELDS.items() if f.m2m)
RICH = tuple(name for name, f in FIELDS.items() if f.rich)
TERMS = tuple(name for name, f in FIELDS.items() if f.kind == Kind.TERMS)
FORM = tuple(name for name, f in FIELDS.items() if f.in_form)
CONTENT = (*FIELDS, *ROWS_BY_KEY)  # everything a version records besides the state
PRIVATE = tuple([name for name, f in FIELDS.items() if f.private] + [rows.key for rows in ROWS if rows.private])


def public_part(data: dict) -> dict:
    """A snapshot without the owner's private fields and rows: what a copy starts from."""
    return {key: value for key, value in data.items() if key not in PRIVATE and key != "state"}
