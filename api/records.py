"""A published project as open data: the declaration's public part, read from prefetched rows.

The fields come from `projects.declaration`: `public_part` drops what is private to the owner's own instance
(the same cut a copy makes). A few of those private fields are shown to every visitor on the project page and
are filters of the public list (owner, phase, status, dates, benefits, channels): PUBLIC_FACTS lets them
through. Contact persons, documents, images and everything else private never leave through the API, the
exports or the feeds."""

from __future__ import annotations

from functools import cache

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from projects.declaration import FIELDS, Kind, public_part
from projects.models import Project, ProjectActor

# Private in the declaration (not copied), but public on the project page and in the list's filters.
PUBLIC_FACTS = ("owner", "co_owners", "phase", "status", "start_date", "end_date", "benefits", "presentations")

# The rows an anonymous visitor may read, prefetched into plain lists (`api_<name>`): reading a related manager
# per project costs more than the row itself. Never contacts, documents or images.
RELATED = {
    "co_owners": "co_owners",
    "service_areas": "service_areas",
    "innovation_types": "innovation_types",
    "drivers": "drivers",
    "methods": "methods",
    "tags": "tags",
    "actors": "project_actors",
    "benefits": "benefits",
    "presentations": "presentations",
}
QUERYSETS = {"actors": ProjectActor.objects.select_related("actor").order_by("pk")}


def for_records(queryset):
    """The queryset with everything a record reads: the number of queries does not depend on the rows."""
    prefetches = [
        Prefetch(related, queryset=QUERYSETS.get(name), to_attr=f"api_{name}") for name, related in RELATED.items()
    ]
    return (
        queryset.select_related("owner", "owner__county")
        .prefetch_related(*prefetches)
        .annotate(adoption_count=adoption_count())
    )


def adoption_count():
    """The adoptions that count, as ProjectQuerySet.with_adoption_count() counts them (the `is_counted` flag of the
    reverse relation `adoptions`), but as a subquery: computed for the rows of a page only, where the join and
    GROUP BY of with_adoption_count() kept the list from being read in order from an index."""
    adoption = Project._meta.get_field("adoptions").related_model
    counted = (
        adoption.objects.filter(source=OuterRef("pk"), is_counted=True)
        .order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def _related(project: Project, name: str) -> list:
    """The prefetched rows, or (for a project not read through for_records) a query."""
    rows = getattr(project, f"api_{name}", None)
    return rows if rows is not None else list(getattr(project, RELATED[name]).all())


@cache
def _labels(model_field) -> dict:
    return {value: label for value, label in model_field.choices or []}


def _choice(model_field, value):
    labels = _labels(model_field)
    return {"code": value, "label": str(labels.get(value, value))} if value else None


def organisation_ref(organisation, absolute) -> dict:
    return {
        "number": organisation.number,
        "name": organisation.name,
        "kind": organisation.kind,
        "url": absolute(organisation.get_absolute_url()),
    }


def _field(project: Project, name: str, absolute):
    f = FIELDS[name]
    kind = f.kind
    if kind == Kind.TERMS:
        return [{"slug": t.slug, "name": t.name, "name_en": t.name_en} for t in _related(project, name)]
    if kind == Kind.TAGS:
        return sorted(t.name for t in _related(project, name))
    if kind == Kind.ORGANISATIONS:
        return [organisation_ref(o, absolute) for o in _related(project, name)]
    if kind == Kind.ORGANISATION:
        return organisation_ref(getattr(project, name), absolute)
    if kind == Kind.PROJECT:
        other = getattr(project, name)
        return other.slug if other else None
    value = getattr(project, f.model_field.attname)
    if kind == Kind.CHOICE:
        return _choice(f.model_field, value)
    if kind == Kind.CHOICES:
        labels = dict(f.choices.choices)
        return [{"code": v, "label": str(labels.get(v, v))} for v in value or []]
    if kind == Kind.DATE:
        return value.isoformat() if value else None
    return value


def _rows(project: Project, key: str) -> list[dict]:
    if key == "actors":
        return [
            {
                "actor": pa.actor.name,
                "actor_type": _choice(pa.actor._meta.get_field("actor_type"), pa.actor.actor_type),
                "role": _choice(pa._meta.get_field("role"), pa.role),
                "description": pa.description,
            }
            for pa in _related(project, "actors")
        ]
    if key == "benefits":
        return [
            {
                "indicator": b.indicator,
                "baseline": b.baseline,
                "result": b.result,
                "unit": b.unit,
                "measured_on": b.measured_on.isoformat() if b.measured_on else None,
                "documentation": _choice(b._meta.get_field("documentation"), b.documentation),
            }
            for b in _related(project, "benefits")
        ]
    if key == "presentations":
        return [
            {
                "channel": _choice(p._meta.get_field("channel"), p.channel),
                "arena": p.arena,
                "date": p.date.isoformat() if p.date else None,
                "url": p.url,
            }
            for p in _related(project, "presentations")
        ]
    raise KeyError(key)


READABLE_ROWS = ("actors", "benefits", "presentations")


def content(project: Project, absolute=lambda url: url) -> dict:
    """The public content of the project: only the names the declaration lets out are read."""
    data = {}
    for name in public_field_names():
        data[name] = _rows(project, name) if name in READABLE_ROWS else _field(project, name, absolute)
    return data


def record(project: Project, absolute=lambda url: url) -> dict:
    """The project as open data: identity, publishing dates, and its public content."""
    return {
        "slug": project.slug,
        "url": absolute(project.get_absolute_url()),
        "state": project.state,
        "published_at": project.published_at.isoformat() if project.published_at else None,
        "updated_at": project.updated_at.isoformat() if project.updated_at else None,
        "archived_at": project.archived_at.isoformat() if project.archived_at else None,
        "is_demo": project.is_demo,
        **content(project, absolute),
        "adoption_count": _adoption_count(project),
    }


def _adoption_count(project: Project) -> int:
    """The adoptions that count (annotated by for_records; otherwise a query). Counted by the reverse relation's
    name, so `api` does not import `diffusion`."""
    count = getattr(project, "adoption_count", None)
    if count is None:
        count = Project.objects.filter(pk=project.pk).with_adoption_count().values_list("adoption_count", flat=True)[0]
    return count


@cache
def public_field_names() -> tuple[str, ...]:
    """The content keys of a record, in declared order: the declaration's public part plus PUBLIC_FACTS."""
    names = [*FIELDS, *READABLE_ROWS]
    public = set(public_part(dict.fromkeys(names))) | set(PUBLIC_FACTS)
    return tuple(name for name in names if name in public)
