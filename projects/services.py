"""Writes to projects. Every function is keyword-only, runs in one transaction and records a
ProjectVersion, so the history is complete whether a change comes from a view, a command or a test.

Related rows (actors, benefits, presentations, documents, images, contacts) are passed as lists of
plain dicts, the same shape `snapshot()` stores; a dict with an existing "id" updates that row, one
without creates a row, and rows left out are deleted. The same code path therefore saves the edit
form and restores an old version.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from municipalities.models import Organisation, slugify_name

from .models import (
    Actor,
    Benefit,
    Contact,
    Document,
    Presentation,
    Project,
    ProjectActor,
    ProjectImage,
    ProjectVersion,
    Tag,
    Term,
)
from .richtext import sanitize
from .search import index_projects

RICH_FIELDS = ["need", "trigger", "solution", "novelty", "core", "adaptation", "lessons"]
SCALAR_FIELDS = [
    "title",
    "summary",
    "need",
    "trigger",
    "solution",
    "novelty",
    "origin",
    "source_project",
    "source_text",
    "degree",
    "phase",
    "status",
    "start_date",
    "end_date",
    "owner",
    "anchoring",
    "anchoring_plans",
    "core",
    "adaptation",
    "needs_competence",
    "needs_procurement",
    "needs_cost",
    "needs_time",
    "lessons",
    "relative_advantage",
    "compatibility",
    "complexity",
    "trialability",
    "observability",
]
TERM_FIELDS = ["service_areas", "innovation_types", "drivers", "methods"]
M2M_FIELDS = [*TERM_FIELDS, "co_owners", "tags"]
RELATED = {
    "actors": ["actor", "actor_type", "role", "description"],
    "benefits": ["indicator", "baseline", "result", "unit", "measured_on", "documentation"],
    "presentations": ["channel", "arena", "date", "url"],
    "documents": ["kind", "title", "file", "url", "original_name", "content_type", "size"],
    "images": ["image", "alt_text", "caption", "content_type"],
    "contacts": ["name", "role", "email", "phone"],
}
RESERVED_SLUGS = {"ny"}  # URL paths under /prosjekter/
EDITABLE_FIELDS = [*SCALAR_FIELDS, *M2M_FIELDS, *RELATED]


class EditConflict(Exception):
    """Someone else saved the project after the editor opened it."""

    def __init__(self, project: Project, expected_version: int):
        super().__init__(f"Project {project.pk} is at version {project.version}, not {expected_version}.")
        self.project = project
        self.expected_version = expected_version


# Snapshots


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or ""
    return value


def snapshot(project: Project) -> dict:
    """The project and its related rows as JSON-compatible data (the version history's unit)."""
    data = {}
    for name in SCALAR_FIELDS:
        field = Project._meta.get_field(name)
        data[name] = _plain(getattr(project, field.attname))
    for name in TERM_FIELDS + ["co_owners"]:
        data[name] = sorted(getattr(project, name).values_list("pk", flat=True))
    data["tags"] = sorted(project.tags.values_list("name", flat=True))
    data["actors"] = [
        {
            "id": pa.pk,
            "actor": pa.actor.name,
            "actor_type": pa.actor.actor_type,
            "role": pa.role,
            "description": pa.description,
        }
        for pa in project.project_actors.select_related("actor").order_by("pk")
    ]
    for key, manager in (
        ("benefits", project.benefits),
        ("presentations", project.presentations),
        ("documents", project.documents),
        ("images", project.images),
        ("contacts", project.contacts),
    ):
        data[key] = [
            {"id": row.pk, **{name: _plain(getattr(row, name)) for name in RELATED[key]}}
            for row in manager.order_by("pk")
        ]
    data["state"] = project.state
    return data


def changed_fields(old: dict | None, new: dict) -> list[str]:
    if old is None:
        return [key for key in EDITABLE_FIELDS if new.get(key) not in (None, "", [], False)]

    def comparable(key, value):
        if key in RELATED and isinstance(value, list):
            return [{k: v for k, v in item.items() if k != "id"} for item in value]
        return value

    keys = [*EDITABLE_FIELDS, "state"]
    return [key for key in keys if comparable(key, old.get(key)) != comparable(key, new.get(key))]


def _record(project: Project, *, by, action: str, previous: dict | None) -> ProjectVersion:
    """Every write ends here: keep the version, and the search index current."""
    index_projects(Project.objects.filter(pk=project.pk))
    data = snapshot(project)
    return ProjectVersion.objects.create(
        project=project,
        number=project.version,
        snapshot=data,
        changed_fields=changed_fields(previous, data),
        action=action,
        created_by=by if by is not None and by.is_authenticated else None,
    )


def latest_snapshot(project: Project) -> dict | None:
    version = project.versions.order_by("-number").first()
    return version.snapshot if version else None


# Helpers


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify_name(title)[:200] or "prosjekt"
    slug, n = base, 2
    if base in RESERVED_SLUGS:
        slug = f"{base}-{n}"
        n += 1
    while Project.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def organisation_named(name: str) -> Organisation | None:
    """The one municipality or county authority a name means («Bergen», «Bergen kommune»,
    «Vestland fylkeskommune»), or None when there is none or several (two municipalities are called Herøy)."""
    lowered = name.lower()
    if lowered.endswith(" fylkeskommune"):
        candidates = Organisation.objects.county_authorities().filter(name__iexact=name[: -len(" fylkeskommune")])
    else:
        base = name[: -len(" kommune")] if lowered.endswith(" kommune") else name
        candidates = Organisation.objects.municipalities().filter(name__iexact=base)
    matches = list(candidates.active()[:2])
    return matches[0] if len(matches) == 1 else None


def resolve_actor(*, name: str, actor_type: str) -> Actor:
    """The registry actor with that name (case-insensitive), created on first use.

    An actor named like a municipality or county authority in the portal is linked to it."""
    name = " ".join(name.split())
    actor = Actor.objects.filter(name__iexact=name).first()
    if actor:
        return actor
    organisation = None
    if actor_type in (Actor.Type.MUNICIPALITY, Actor.Type.PUBLIC_BODY):
        organisation = organisation_named(name)
    try:
        with transaction.atomic():
            return Actor.objects.create(name=name, actor_type=actor_type, organisation=organisation)
    except IntegrityError:  # created by someone else in the meantime
        return Actor.objects.get(name__iexact=name)


def _tags(values: Iterable) -> list[Tag]:
    tags = []
    for value in values:
        if isinstance(value, Tag):
            tags.append(value)
            continue
        name = " ".join(str(value).split())[:60]
        slug = slugify(name)[:60]
        if not slug:
            continue
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        tags.append(tag)
    return tags


def _set_scalars(project: Project, fields: dict) -> None:
    for name, value in fields.items():
        if name not in SCALAR_FIELDS:
            continue
        field = Project._meta.get_field(name)
        if field.is_relation:
            if value is None or isinstance(value, field.related_model):
                setattr(project, name, value)
            else:
                setattr(project, field.attname, value)
        elif name in RICH_FIELDS:
            setattr(project, name, sanitize(value))
        elif field.get_internal_type() == "DateField" and isinstance(value, str):
            setattr(project, name, field.to_python(value) if value else None)
        elif name == "anchoring":
            allowed = set(Project.Anchoring.values)
            setattr(project, name, [v for v in (value or []) if v in allowed])
        else:
            setattr(project, name, "" if value is None and not field.null else value)


def _set_m2m(project: Project, fields: dict) -> None:
    for name in TERM_FIELDS:
        if name in fields:
            getattr(project, name).set(fields[name])
    if "co_owners" in fields:
        project.co_owners.set([o for o in fields["co_owners"] if getattr(o, "pk", o) != project.owner_id])
    if "tags" in fields:
        project.tags.set(_tags(fields["tags"]))


def _sync(project: Project, manager, model, items: list[dict], build) -> None:
    existing = {row.pk: row for row in manager.all()}
    keep = set()
    for item in items:
        row = existing.get(item.get("id")) or model(project=project)
        build(row, item)
        row.full_clean(exclude=["project"])
        row.save()
        keep.add(row.pk)
    manager.exclude(pk__in=keep).delete()


def _set_related(project: Project, fields: dict) -> None:
    def plain(names):
        def build(row, item):
            for name in names:
                if name in item:
                    field = model_fields[row.__class__][name]
                    value = item[name]
                    if field.get_internal_type() == "DateField" and isinstance(value, str):
                        value = field.to_python(value) if value else None
                    setattr(row, name, "" if value is None and not field.null else value)

        return build

    def build_actor(row, item):
        row.actor = resolve_actor(name=item["actor"], actor_type=item.get("actor_type") or Actor.Type.OTHER)
        row.role = item.get("role") or ProjectActor.Role.PARTNER
        row.description = item.get("description") or ""

    model_fields = {
        model: {f.name: f for f in model._meta.fields}
        for model in (Benefit, Presentation, Document, ProjectImage, Contact)
    }
    if "actors" in fields:
        _sync(project, project.project_actors, ProjectActor, fields["actors"], build_actor)
    for key, manager, model in (
        ("benefits", project.benefits, Benefit),
        ("presentations", project.presentations, Presentation),
        ("documents", project.documents, Document),
        ("images", project.images, ProjectImage),
        ("contacts", project.contacts, Contact),
    ):
        if key in fields:
            _sync(project, manager, model, fields[key], plain(RELATED[key]))


# Services


@transaction.atomic
def create_project(
    *, owner: Organisation, by, title: str, summary: str = "", is_demo: bool = False, **fields
) -> Project:
    """A new draft owned by `owner`. Any field of EDITABLE_FIELDS may be passed (related rows as dicts)."""
    project = Project(owner=owner, title=title, summary=summary, is_demo=is_demo, version=1)
    project.created_by = by if by is not None and by.is_authenticated else None
    _set_scalars(project, fields)
    project.slug = unique_slug(title)
    project.full_clean()
    project.save()
    _set_m2m(project, fields)
    _set_related(project, fields)
    _record(project, by=by, action=ProjectVersion.Action.CREATED, previous=None)
    return project


@transaction.atomic
def update_project(*, project: Project, by, expected_version: int | None = None, **fields) -> Project:
    """Save changes, refusing them (EditConflict) if someone else saved since `expected_version`."""
    previous = latest_snapshot(project)
    _bump_version(project, expected_version)
    _set_scalars(project, fields)
    project.full_clean()
    project.save()
    _set_m2m(project, fields)
    _set_related(project, fields)
    _record(project, by=by, action=ProjectVersion.Action.EDITED, previous=previous)
    return project


@transaction.atomic
def record_outside_change(*, project: Project, by) -> ProjectVersion:
    """A change saved outside these services (a curator in the admin) still becomes a version."""
    previous = latest_snapshot(project)
    _bump_version(project, None)
    return _record(project, by=by, action=ProjectVersion.Action.EDITED, previous=previous)


def _bump_version(project: Project, expected_version: int | None) -> None:
    """Optimistic lock: one UPDATE … WHERE version = expected; zero rows means someone else won."""
    expected = project.version if expected_version is None else expected_version
    updated = Project.objects.filter(pk=project.pk, version=expected).update(version=F("version") + 1)
    if not updated:
        project.refresh_from_db()
        raise EditConflict(project, expected)
    project.version = expected + 1


@transaction.atomic
def publish_project(*, project: Project, by) -> Project:
    missing = project.missing_for_publication()
    if missing:
        raise ValidationError(_("Missing: %(fields)s.") % {"fields": ", ".join(str(m) for m in missing)})
    if project.state != Project.State.DRAFT:
        raise ValidationError(_("Only drafts can be published."))
    return _change_state(project, by=by, state=Project.State.PUBLISHED, action=ProjectVersion.Action.PUBLISHED)


@transaction.atomic
def archive_project(*, project: Project, by) -> Project:
    if project.state == Project.State.ARCHIVED:
        raise ValidationError(_("The project is already archived."))
    return _change_state(project, by=by, state=Project.State.ARCHIVED, action=ProjectVersion.Action.ARCHIVED)


@transaction.atomic
def restore_project(*, project: Project, by) -> Project:
    """Bring an archived project back: published if it had been published, otherwise a draft."""
    if project.state != Project.State.ARCHIVED:
        raise ValidationError(_("Only archived projects can be restored."))
    state = Project.State.PUBLISHED if project.published_at else Project.State.DRAFT
    return _change_state(project, by=by, state=state, action=ProjectVersion.Action.UNARCHIVED)


def _change_state(project: Project, *, by, state: str, action: str) -> Project:
    previous = latest_snapshot(project)
    _bump_version(project, None)
    project.state = state
    now = timezone.now()
    if state == Project.State.PUBLISHED and not project.published_at:
        project.published_at = now
    project.archived_at = now if state == Project.State.ARCHIVED else None
    project.save()
    _record(project, by=by, action=action, previous=previous)
    return project


@transaction.atomic
def restore_version(*, project: Project, version: ProjectVersion, by) -> Project:
    """A new version whose content is the old snapshot (the state is kept; nothing is lost)."""
    if version.project_id != project.pk:
        raise ValidationError(_("That version belongs to another project."))
    data = dict(version.snapshot)
    data.pop("state", None)
    valid_terms = set(Term.objects.values_list("pk", flat=True))
    for name in TERM_FIELDS:
        data[name] = [pk for pk in data.get(name, []) if pk in valid_terms]
    valid_orgs = set(Organisation.objects.filter(pk__in=data.get("co_owners", [])).values_list("pk", flat=True))
    data["co_owners"] = [pk for pk in data.get("co_owners", []) if pk in valid_orgs]
    if data.get("source_project") and not Project.objects.filter(pk=data["source_project"]).exists():
        data["source_project"] = None
    previous = latest_snapshot(project)
    _bump_version(project, None)
    _set_scalars(project, data)
    project.full_clean()
    project.save()
    _set_m2m(project, data)
    _set_related(project, data)
    _record(project, by=by, action=ProjectVersion.Action.REVERTED, previous=previous)
    return project
