"""Writes to projects. Every function is keyword-only, runs in one transaction and records a
ProjectVersion, so the history is complete whether a change comes from a view, a command or a test.

The fields and row kinds are those of `declaration`. Related rows (actors, benefits, presentations,
documents, images, contacts) are passed as lists of plain dicts, the same shape
`versions.snapshot()` stores; a dict with an existing "id" updates that row, one
without creates a row, and rows left out are deleted. The same code path therefore saves the edit
form and restores an old version.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.models import Activity
from activity.services import log_action
from municipalities.models import Organisation, slugify_name

from . import declaration
from .declaration import Kind, Rows
from .models import Actor, FormerSlug, Project, ProjectActor, ProjectVersion, Tag, Term
from .richtext import sanitize
from .search import index_projects
from .versions import changed_fields, latest_snapshot, snapshot

RESERVED_SLUGS = {"ny"}  # URL paths under /prosjekter/


class EditConflict(Exception):
    """Someone else saved the project after the editor opened it."""

    def __init__(self, project: Project, expected_version: int):
        super().__init__(f"Project {project.pk} is at version {project.version}, not {expected_version}.")
        self.project = project
        self.expected_version = expected_version


VERBS = {
    ProjectVersion.Action.CREATED: Activity.Verb.PROJECT_CREATED,
    ProjectVersion.Action.EDITED: Activity.Verb.PROJECT_EDITED,
    ProjectVersion.Action.PUBLISHED: Activity.Verb.PROJECT_PUBLISHED,
    ProjectVersion.Action.ARCHIVED: Activity.Verb.PROJECT_ARCHIVED,
    ProjectVersion.Action.UNARCHIVED: Activity.Verb.PROJECT_UNARCHIVED,
    ProjectVersion.Action.REVERTED: Activity.Verb.PROJECT_REVERTED,
    ProjectVersion.Action.SENT_BACK: Activity.Verb.PROJECT_SENT_BACK,
}


def _record(project: Project, *, by, action: str, previous: dict | None, note: str = "") -> ProjectVersion:
    """Every write ends here: keep the version and the search index current, and log what happened."""
    index_projects(Project.objects.filter(pk=project.pk))
    data = snapshot(project)
    changed = changed_fields(previous, data)
    version = ProjectVersion.objects.create(
        project=project,
        number=project.version,
        snapshot=data,
        changed_fields=changed,
        action=action,
        note=note,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    log = {"version": version.number, "changed": changed}
    if note:
        log["note"] = note
    log_action(verb=VERBS[action], by=by, organisation=project.owner, subject=project, data=log)
    if previous is not None and project.state != Project.State.DRAFT:
        # A new phase or status of a published project is news for everyone following it.
        for name, verb in (
            ("phase", Activity.Verb.PROJECT_PHASE_CHANGED),
            ("status", Activity.Verb.PROJECT_STATUS_CHANGED),
        ):
            if name in changed and data.get(name):
                log_action(verb=verb, by=by, organisation=project.owner, subject=project, data={name: data[name]})
    return version


# Helpers


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify_name(title)[:200] or "prosjekt"
    slug, n = base, 2
    if base in RESERVED_SLUGS:
        slug = f"{base}-{n}"
        n += 1
    while (
        Project.objects.filter(slug=slug).exclude(pk=exclude_pk).exists()
        or FormerSlug.objects.filter(slug=slug).exclude(project_id=exclude_pk).exists()
    ):
        slug, n = f"{base}-{n}", n + 1
    return slug


def _follow_title(project: Project) -> None:
    """A renamed project gets a slug from its new title; the old one is kept, so its links redirect (301)."""
    base = slugify_name(project.title)[:200] or "prosjekt"
    if re.fullmatch(rf"{re.escape(base)}(-[0-9]+)?", project.slug):
        return
    former = project.slug
    project.slug = unique_slug(project.title, exclude_pk=project.pk)
    FormerSlug.objects.filter(project=project, slug=project.slug).delete()  # renamed back: the slug is current again
    FormerSlug.objects.get_or_create(slug=former, defaults={"project": project})


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
        if not name or not any(ch.isalnum() for ch in name):
            continue
        tag, _created = Tag.objects.get_or_create(slug=slugify_name(name)[:60], defaults={"name": name})
        tags.append(tag)
    return tags


def _value(model_field, value):
    """A value from a form or a snapshot, as the model field holds it."""
    if isinstance(model_field, models.DateField) and isinstance(value, str):
        return model_field.to_python(value) if value else None
    if value is None and not model_field.null:
        return ""
    return value


def _set_scalars(project: Project, fields: dict) -> None:
    for name in declaration.SCALAR:
        if name not in fields:
            continue
        f, value = declaration.FIELDS[name], fields[name]
        if f.kind in (Kind.ORGANISATION, Kind.PROJECT):
            if value is None or isinstance(value, f.model_field.related_model):
                setattr(project, name, value)
            else:
                setattr(project, f.model_field.attname, value)
        elif f.kind == Kind.RICH:
            setattr(project, name, sanitize(value))
        elif f.kind == Kind.CHOICES:
            allowed = set(f.choices.values)
            setattr(project, name, [v for v in (value or []) if v in allowed])
        else:
            setattr(project, name, _value(f.model_field, value))


def _set_m2m(project: Project, fields: dict) -> None:
    for name in declaration.M2M:
        if name not in fields:
            continue
        kind = declaration.FIELDS[name].kind
        if kind == Kind.TAGS:
            project.tags.set(_tags(fields[name]))
        elif kind == Kind.ORGANISATIONS:
            values = [o for o in fields[name] if getattr(o, "pk", o) != project.owner_id]
            getattr(project, name).set(values)
        else:
            getattr(project, name).set(fields[name])


def _fill_row(rows: Rows, obj, item: dict) -> None:
    if rows.key == "actors":
        obj.actor = resolve_actor(name=item["actor"], actor_type=item.get("actor_type") or Actor.Type.OTHER)
        obj.role = item.get("role") or ProjectActor.Role.PARTNER
        obj.description = item.get("description") or ""
        return
    for name in rows.fields:
        if name in item:
            setattr(obj, name, _value(rows.model._meta.get_field(name), item[name]))


def _set_related(project: Project, fields: dict) -> None:
    """Rows with a known "id" are updated, rows without one created, rows left out deleted."""
    for rows in declaration.ROWS:
        if rows.key not in fields:
            continue
        manager = getattr(project, rows.related_name)
        existing = {obj.pk: obj for obj in manager.all()}
        keep = set()
        for item in fields[rows.key]:
            obj = existing.get(item.get("id")) or rows.model(project=project)
            _fill_row(rows, obj, item)
            obj.full_clean(exclude=["project"])
            obj.save()
            keep.add(obj.pk)
        manager.exclude(pk__in=keep).delete()


def _save(project: Project, fields: dict, *, by, action: str, previous: dict | None) -> Project:
    """The one write sequence: fields, validation, the row itself, relations, then the version."""
    _set_scalars(project, fields)
    if project.pk and "title" in fields:
        _follow_title(project)
    project.full_clean()
    project.save()
    _set_m2m(project, fields)
    _set_related(project, fields)
    _record(project, by=by, action=action, previous=previous)
    return project


def _bump_version(project: Project, expected_version: int | None) -> None:
    """Optimistic lock: one UPDATE … WHERE version = expected; zero rows means someone else won."""
    expected = project.version if expected_version is None else expected_version
    updated = Project.objects.filter(pk=project.pk, version=expected).update(version=F("version") + 1)
    if not updated:
        project.refresh_from_db()
        raise EditConflict(project, expected)
    project.version = expected + 1


# Services


@transaction.atomic
def create_project(
    *, owner: Organisation, by, title: str, summary: str = "", is_demo: bool = False, **fields
) -> Project:
    """A new draft owned by `owner`. Any declared field or row kind may be passed (rows as dicts)."""
    project = Project(owner=owner, title=title, summary=summary, is_demo=is_demo, version=1)
    project.created_by = by if by is not None and by.is_authenticated else None
    project.slug = unique_slug(title)
    fields.pop("owner", None)
    return _save(project, fields, by=by, action=ProjectVersion.Action.CREATED, previous=None)


@transaction.atomic
def update_project(*, project: Project, by, expected_version: int | None = None, **fields) -> Project:
    """Save changes, refusing them (EditConflict) if someone else saved since `expected_version`."""
    previous = latest_snapshot(project)
    _bump_version(project, expected_version)
    return _save(project, fields, by=by, action=ProjectVersion.Action.EDITED, previous=previous)


@transaction.atomic
def record_outside_change(*, project: Project, by) -> ProjectVersion:
    """A change saved outside these services (a curator in the admin) still becomes a version."""
    previous = latest_snapshot(project)
    _bump_version(project, None)
    return _record(project, by=by, action=ProjectVersion.Action.EDITED, previous=previous)


@transaction.atomic
def publish_project(*, project: Project, by, expected_version: int | None = None) -> Project:
    missing = project.missing_for_publication()
    if missing:
        raise ValidationError(_("Missing: %(fields)s.") % {"fields": ", ".join(str(m) for m in missing)})
    if project.state != Project.State.DRAFT:
        raise ValidationError(_("Only drafts can be published."))
    return _change_state(
        project, by=by, state=Project.State.PUBLISHED, action=ProjectVersion.Action.PUBLISHED, expected=expected_version
    )


@transaction.atomic
def archive_project(*, project: Project, by, expected_version: int | None = None) -> Project:
    if project.state == Project.State.ARCHIVED:
        raise ValidationError(_("The project is already archived."))
    return _change_state(
        project, by=by, state=Project.State.ARCHIVED, action=ProjectVersion.Action.ARCHIVED, expected=expected_version
    )


@transaction.atomic
def restore_project(*, project: Project, by, expected_version: int | None = None) -> Project:
    """Bring an archived project back: published if it had been published, otherwise a draft."""
    if project.state != Project.State.ARCHIVED:
        raise ValidationError(_("Only archived projects can be restored."))
    state = Project.State.PUBLISHED if project.published_at else Project.State.DRAFT
    return _change_state(
        project, by=by, state=state, action=ProjectVersion.Action.UNARCHIVED, expected=expected_version
    )


@transaction.atomic
def send_back_project(*, project: Project, by, reason: str, expected_version: int | None = None) -> Project:
    """A curator takes a published project back to draft, saying why. The reason is kept with the new version
    (the history) and in the activity log, whose consumers mail the project's editors. The project counts as
    newly published again when its editors publish it anew."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the project is sent back, so its editors know what to change."))
    if project.state != Project.State.PUBLISHED:
        raise ValidationError(_("Only published projects can be sent back to draft."))
    project.published_at = None
    return _change_state(
        project,
        by=by,
        state=Project.State.DRAFT,
        action=ProjectVersion.Action.SENT_BACK,
        expected=expected_version,
        note=reason,
    )


def _change_state(project: Project, *, by, state: str, action: str, expected: int | None, note: str = "") -> Project:
    previous = latest_snapshot(project)
    _bump_version(project, expected)
    project.state = state
    now = timezone.now()
    if state == Project.State.PUBLISHED and not project.published_at:
        project.published_at = now
    project.archived_at = now if state == Project.State.ARCHIVED else None
    project.save(update_fields=["state", "published_at", "archived_at", "updated_at"])
    _record(project, by=by, action=action, previous=previous, note=note)
    return project


def restorable(data: dict) -> dict:
    """An old snapshot as service fields, without references to terms, organisations or projects
    that no longer exist (so restoring never fails on something deleted since)."""
    data = {key: value for key, value in data.items() if key in declaration.CONTENT}
    data.pop("owner", None)
    valid_terms = set(
        Term.objects.filter(pk__in=[pk for name in declaration.TERMS for pk in data.get(name, [])]).values_list(
            "pk", flat=True
        )
    )
    for name in declaration.TERMS:
        data[name] = [pk for pk in data.get(name, []) if pk in valid_terms]
    for name, f in declaration.FIELDS.items():
        if f.kind == Kind.ORGANISATIONS and name in data:
            valid = set(Organisation.objects.filter(pk__in=data[name]).values_list("pk", flat=True))
            data[name] = [pk for pk in data[name] if pk in valid]
        elif f.kind == Kind.PROJECT and data.get(name) and not Project.objects.filter(pk=data[name]).exists():
            data[name] = None
    return data


@transaction.atomic
def restore_version(*, project: Project, version: ProjectVersion, by, expected_version: int | None = None) -> Project:
    """A new version whose content is the old snapshot (the state is kept; nothing is lost)."""
    if version.project_id != project.pk:
        raise ValidationError(_("That version belongs to another project."))
    previous = latest_snapshot(project)
    _bump_version(project, expected_version)
    return _save(project, restorable(version.snapshot), by=by, action=ProjectVersion.Action.REVERTED, previous=previous)
