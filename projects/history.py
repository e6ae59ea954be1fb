"""Readable values and differences between project snapshots (history page and edit conflicts)."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from municipalities.models import Organisation

from .models import Actor, Benefit, Document, Presentation, Project, ProjectActor, Term
from .services import EDITABLE_FIELDS, RELATED

RELATED_LABELS = {
    "actors": _("actors"),
    "benefits": _("benefits"),
    "presentations": _("presentations"),
    "documents": _("documents"),
    "images": _("images"),
    "contacts": _("contact persons"),
    "tags": _("tags"),
    "state": _("state"),
}


def field_label(name: str) -> str:
    if name in RELATED_LABELS:
        return RELATED_LABELS[name]
    try:
        return Project._meta.get_field(name).verbose_name
    except Exception:
        return name


def _lookup(model, ids):
    return {obj.pk: str(obj) for obj in model.objects.filter(pk__in=ids)}


def display(name: str, data: dict, cache: dict | None = None):
    """A snapshot value as text, or a list of texts for many-valued fields."""
    value = data.get(name)
    if value in (None, "", []):
        return "" if name not in RELATED and name not in ("service_areas", "tags") else []
    if name == "state":
        return dict(Project.State.choices).get(value, value)
    if name in ("service_areas", "innovation_types", "drivers", "methods"):
        names = _lookup(Term, value)
        return [names.get(pk, "?") for pk in value]
    if name == "co_owners":
        names = _lookup(Organisation, value)
        return [names.get(pk, "?") for pk in value]
    if name == "owner":
        return _lookup(Organisation, [value]).get(value, "?")
    if name == "source_project":
        return _lookup(Project, [value]).get(value, "?")
    if name == "tags":
        return list(value)
    if name == "anchoring":
        labels = dict(Project.Anchoring.choices)
        return [str(labels.get(v, v)) for v in value]
    if name == "actors":
        types, roles = dict(Actor.Type.choices), dict(ProjectActor.Role.choices)
        return [f"{a['actor']} ({types.get(a['actor_type'], '')}; {roles.get(a['role'], '')})" for a in value]
    if name == "benefits":
        docs = dict(Benefit.Documentation.choices)
        return [
            f"{b['indicator']}: {b.get('baseline') or '–'} → {b.get('result') or '–'} {b.get('unit') or ''}"
            f"{' (' + str(docs[b['documentation']]) + ')' if b.get('documentation') in docs else ''}"
            for b in value
        ]
    if name == "presentations":
        channels = dict(Presentation.Channel.choices)
        return [
            f"{channels.get(p['channel'], '')}: {p.get('arena') or ''} {p.get('date') or ''}".strip() for p in value
        ]
    if name == "documents":
        kinds = dict(Document.Kind.choices)
        return [f"{d['title']} ({kinds.get(d['kind'], '')})" for d in value]
    if name == "images":
        return [i.get("alt_text", "") for i in value]
    if name == "contacts":
        return [", ".join(filter(None, [c["name"], c.get("role"), c.get("email"), c.get("phone")])) for c in value]
    field = Project._meta.get_field(name)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    return strip_tags(str(value).replace("</p>", "</p>\n\n")).strip()


def differences(old: dict | None, new: dict, names=None) -> list[dict]:
    """[{name, label, old, new}] for the fields that differ (all given names if old is None)."""
    names = names if names is not None else [*EDITABLE_FIELDS, "state"]
    rows = []
    for name in names:
        before = display(name, old) if old else ""
        after = display(name, new)
        if old is not None and before == after:
            continue
        rows.append(
            {"name": name, "label": field_label(name), "old": before, "new": after, "many": isinstance(after, list)}
        )
    return rows
