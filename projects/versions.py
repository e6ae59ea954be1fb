"""Versions of a project: the snapshot (the history's unit), what changed between two snapshots, and
snapshot values as readable text for the history page and the edit-conflict page.

A snapshot is JSON: every declared field, the related rows as lists of dicts (each with its "id"),
and the publishing state. The services take the same shape, so restoring a version is a save.
"""

from __future__ import annotations

from datetime import date

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from municipalities.models import Organisation, slugify_name

from .declaration import CONTENT, FIELDS, ROWS, ROWS_BY_KEY, Kind
from .models import Actor, Benefit, Document, Presentation, Project, ProjectActor, Term
from .richtext import sanitize

STATE = "state"


def plain(value):
    """A model value as JSON: dates as ISO strings, files as their stored name."""
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or ""
    return value


def _row(rows, obj) -> dict:
    if rows.key == "actors":
        return {
            "id": obj.pk,
            "actor": obj.actor.name,
            "actor_type": obj.actor.actor_type,
            "role": obj.role,
            "description": obj.description,
        }
    return {"id": obj.pk, **{name: plain(getattr(obj, name)) for name in rows.fields}}


def snapshot(project: Project) -> dict:
    """The project and its related rows as JSON-compatible data."""
    data = {}
    for name, f in FIELDS.items():
        if f.kind == Kind.TAGS:
            data[name] = sorted(project.tags.values_list("name", flat=True))
        elif f.m2m:
            data[name] = sorted(getattr(project, name).values_list("pk", flat=True))
        else:
            data[name] = plain(getattr(project, f.model_field.attname))
    for rows in ROWS:
        manager = getattr(project, rows.related_name)
        if rows.key == "actors":
            manager = manager.select_related("actor")
        data[rows.key] = [_row(rows, obj) for obj in manager.order_by("pk")]
    data[STATE] = project.state
    return data


def _comparable(key, value):
    if key in ROWS_BY_KEY and isinstance(value, list):
        return [{k: v for k, v in item.items() if k != "id"} for item in value]
    return value


def changed_fields(old: dict | None, new: dict) -> list[str]:
    """The keys whose content differs (for a first version: those that hold something)."""
    if old is None:
        return [key for key in CONTENT if new.get(key) not in (None, "", [], False)]
    return [key for key in (*CONTENT, STATE) if _comparable(key, old.get(key)) != _comparable(key, new.get(key))]


def latest_snapshot(project: Project) -> dict | None:
    version = project.versions.order_by("-number").first()
    return version.snapshot if version else None


# Readable values


def field_label(name: str):
    if name == STATE:
        return _("state")
    if name in ROWS_BY_KEY:
        return ROWS_BY_KEY[name].label
    if name in FIELDS:
        return FIELDS[name].label
    return name


def _names(model, ids) -> list[str]:
    names = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=ids)}
    return [names.get(pk, "?") for pk in ids]


def _row_text(key: str, item: dict) -> str:
    if key == "actors":
        types, roles = dict(Actor.Type.choices), dict(ProjectActor.Role.choices)
        return f"{item['actor']} ({types.get(item['actor_type'], '')}; {roles.get(item['role'], '')})"
    if key == "benefits":
        docs = dict(Benefit.Documentation.choices)
        documented = f" ({docs[item['documentation']]})" if item.get("documentation") in docs else ""
        return (
            f"{item['indicator']}: {item.get('baseline') or '–'} → {item.get('result') or '–'} "
            f"{item.get('unit') or ''}{documented}"
        )
    if key == "presentations":
        channels = dict(Presentation.Channel.choices)
        return f"{channels.get(item['channel'], '')}: {item.get('arena') or ''} {item.get('date') or ''}".strip()
    if key == "documents":
        return f"{item['title']} ({dict(Document.Kind.choices).get(item['kind'], '')})"
    if key == "images":
        return item.get("alt_text", "")
    if key == "contacts":
        return ", ".join(filter(None, [item["name"], item.get("role"), item.get("email"), item.get("phone")]))
    return str(item)


def display(name: str, data: dict):
    """A snapshot value as text, or a list of texts for many-valued fields and rows."""
    value = data.get(name)
    many = name in ROWS_BY_KEY or (name in FIELDS and FIELDS[name].many)
    if value in (None, "", []):
        return [] if many else ""
    if name == STATE:
        return str(dict(Project.State.choices).get(value, value))
    if name in ROWS_BY_KEY:
        return [_row_text(name, item) for item in value]
    f = FIELDS[name]
    if f.kind == Kind.TERMS:
        return _names(Term, value)
    if f.kind == Kind.ORGANISATIONS:
        return _names(Organisation, value)
    if f.kind == Kind.ORGANISATION:
        return _names(Organisation, [value])[0]
    if f.kind == Kind.PROJECT:
        return _names(Project, [value])[0]
    if f.kind == Kind.TAGS:
        return list(value)
    if f.kind == Kind.CHOICES:
        labels = dict(f.choices.choices)
        return [str(labels.get(v, v)) for v in value]
    if f.kind == Kind.CHOICE:
        return str(dict(f.model_field.choices).get(value, value))
    return strip_tags(str(value).replace("</p>", "</p>\n\n")).strip()


def differences(old: dict | None, new: dict, names=None) -> list[dict]:
    """[{name, label, old, new, many}] for the fields that differ (all given names if old is None)."""
    names = names if names is not None else [*CONTENT, STATE]
    rows = []
    for name in names:
        if name != STATE and name not in FIELDS and name not in ROWS_BY_KEY:
            continue  # a field no longer declared, in an old snapshot
        before = display(name, old) if old else ""
        after = display(name, new)
        if old is not None and before == after:
            continue
        rows.append(
            {"name": name, "label": field_label(name), "old": before, "new": after, "many": isinstance(after, list)}
        )
    return rows


# Merging an editor's changes into a version someone else has saved since


def _plain_value(f, value):

    if f.kind == Kind.RICH:
        return sanitize(value)
    if f.kind == Kind.TAGS:
        return sorted(" ".join(str(v).split())[:60] for v in value or [])
    if f.m2m:
        return sorted(getattr(v, "pk", v) for v in value or [])
    if f.kind in (Kind.ORGANISATION, Kind.PROJECT):
        return getattr(value, "pk", value)
    if f.kind == Kind.CHOICES:
        return [v for v in value or [] if v in f.choices.values]
    value = plain(value)
    return "" if value is None and not f.model_field.null else value


def as_snapshot(fields: dict, base: dict) -> dict:
    """Service fields (from the edit form) in the shape of a snapshot, so they compare with one.

    Rows keep what the form does not carry (a stored file and its metadata) from the base row."""
    data = {}
    for name, value in fields.items():
        if name in FIELDS:
            data[name] = _plain_value(FIELDS[name], value)
        elif name in ROWS_BY_KEY:
            stored = {row["id"]: row for row in base.get(name, [])}
            data[name] = [{**stored.get(row.get("id"), {}), **{k: plain(v) for k, v in row.items()}} for row in value]
    return data


def _same(key, a, b) -> bool:
    if FIELDS.get(key) is not None and FIELDS[key].kind == Kind.TAGS:
        return sorted(slugify_name(v) for v in a or []) == sorted(slugify_name(v) for v in b or [])
    return _comparable(key, a) == _comparable(key, b)


def merge(base: dict, current: dict, mine: dict) -> tuple[list[str], list[str]]:
    """(keys this editor changed since `base`, those of them someone else also changed differently).

    The editor's changes apply on top of `current`; only a clash needs a person to decide."""
    changed = [key for key in mine if not _same(key, mine[key], base.get(key))]
    clashes = [
        key
        for key in changed
        if not _same(key, current.get(key), base.get(key)) and not _same(key, current.get(key), mine[key])
    ]
    return changed, clashes
