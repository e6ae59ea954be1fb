"""The sector's statistics (/statistikk/) and the front page's headline numbers.

Every table is a `Table`: a title, a description, its columns and rows. The page draws each as a server-rendered
SVG bar chart with the table beside it, and every table downloads as CSV. Each table costs one or two queries,
whatever the data; on a large catalogue the counts of published projects come from the project list's tally
(projects.facets, kept current on every change), not from counting every project, term, actor and channel.
Figures count published projects (what the public sees); organisations are the active municipalities and county
authorities; adoptions are those the diffusion app counts, of published and archived projects.
"""

from __future__ import annotations

import contextvars
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.models import Activity
from common.pagecache import generation, page_cache
from diffusion.models import Adoption
from municipalities.models import County, Membership, Organisation
from projects import facets
from projects.models import Actor, Presentation, Project, ProjectActor, Term

KOMINN_BASELINE = 36  # KomINN's contributors, out of 372 possible organisations (the study)
HEADLINE_KEY = "portal:headline-numbers"
HEADLINE_TIMEOUT = 15 * 60  # seconds; a change moves the generation on (and so the key) sooner
INACTIVE_AFTER = datetime.timedelta(days=365)


@dataclass
class Table:
    key: str
    title: str
    description: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    value_column: int = 1  # the column the chart draws
    total: int | None = None
    baseline_row: int | None = None  # drawn as the comparison (KomINN)

    def chart(self, width: int = 560, row_height: int = 40):
        """Bars for the SVG: each row's label above a bar proportional to its value."""
        values = [row[self.value_column] or 0 for row in self.rows]
        top = max(values, default=0) or 1
        usable = width - 60  # room for the number after the bar
        bars = []
        for index, row in enumerate(self.rows):
            value = row[self.value_column] or 0
            bar_width = round(usable * value / top, 1)
            y = index * row_height
            bars.append(
                {
                    "label": row[0],
                    "value": value,
                    "label_y": y + 13,
                    "bar_y": y + 18,
                    "width": max(bar_width, 1 if value else 0),
                    "value_x": bar_width + 6,
                    "value_y": y + 31,
                    "baseline": index == self.baseline_row,
                }
            )
        return {"bars": bars, "width": width, "height": max(len(self.rows) * row_height, row_height)}

    def summary(self) -> str:
        """One sentence for the chart's <desc>: the largest rows."""
        ranked = sorted(self.rows, key=lambda row: row[self.value_column] or 0, reverse=True)[:3]
        parts = [f"{row[0]}: {row[self.value_column]}" for row in ranked if row[self.value_column]]
        if not parts:
            return _("No data yet.")
        return _("Largest: %(parts)s.") % {"parts": "; ".join(parts)}


def _published():
    return Project.objects.published()


_TALLY: contextvars.ContextVar[dict | None] = contextvars.ContextVar("stats_tally", default=None)


def _tallied(prefix: str) -> tuple[dict[str, int], int] | None:
    """({value: published projects}, all published projects) for one facet of the project list's tally
    (projects.facets: counts kept current on every change), or None while the catalogue is small enough for the
    list to count live, and so do these tables."""
    memo = _TALLY.get()
    if memo is None:
        found = facets.tally()
    else:  # within public_tables(): read once for all its tables
        found = memo["tally"] if "tally" in memo else memo.setdefault("tally", facets.tally())
    if found is None:
        return None
    published = found.get(Project.State.PUBLISHED, {})
    return facets.values_of(published, prefix), published.get(f"state:{Project.State.PUBLISHED}", 0)


def contributing_ids() -> set[int]:
    """Organisations owning or co-owning at least one published project: the tally's owners (co-owners
    included), or two queries. Owners: an index probe per organisation, not a pass over every published project;
    co-owners: the few co-ownership rows."""
    tallied = _tallied("owner")
    if tallied is not None:
        return {int(pk) for pk, n in tallied[0].items() if n}
    owns = _published().filter(owner=OuterRef("pk"))
    owners = set(Organisation.objects.filter(Exists(owns)).order_by().values_list("pk", flat=True))
    co_owners = set(
        Project.co_owners.through.objects.filter(project__state=Project.State.PUBLISHED)
        .order_by()
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    return owners | co_owners


def organisations_by_county() -> tuple[Table, Table]:
    """Contributing organisations per county, and the total against all organisations and KomINN."""
    contributing = contributing_ids()
    counties = {county.pk: county.name for county in County.objects.order_by("name")}
    per_county = {
        pk: {"contributing": 0, "municipalities": 0, "authorities": 0, "authority_contributes": False}
        for pk in counties
    }
    municipalities = authorities = 0
    for pk, kind, county_id in Organisation.objects.active().values_list("pk", "kind", "county_id"):
        row = per_county.setdefault(county_id, {"contributing": 0, "municipalities": 0, "authorities": 0})
        is_municipality = kind == Organisation.Kind.MUNICIPALITY
        row["municipalities" if is_municipality else "authorities"] += 1
        municipalities += is_municipality
        authorities += not is_municipality
        if pk in contributing:
            row["contributing"] += 1
    rows = []
    for county_id, name in counties.items():
        row = per_county[county_id]
        possible = row["municipalities"] + row["authorities"]
        if not possible:
            continue
        share = round(100 * row["contributing"] / possible)
        rows.append([name, row["contributing"], row["municipalities"], row["authorities"], share])
    contributing_total = sum(row[1] for row in rows)
    by_county = Table(
        key="organisations-by-county",
        title=_("Contributing organisations by county"),
        description=_(
            "Municipalities and county authorities with at least one published project (as owner or co-owner), "
            "per county, against all of them."
        ),
        columns=[
            _("County"),
            _("Contributing organisations"),
            _("Municipalities"),
            _("County authorities"),
            _("Share contributing (%)"),
        ],
        rows=rows,
        total=contributing_total,
    )
    total = Table(
        key="contributing-total",
        title=_("Contributing organisations in all"),
        description=_(
            "Organisations sharing in Spre now, against all %(municipalities)s municipalities and %(authorities)s "
            "county authorities, and the %(kominn)s contributors of KomINN for comparison."
        )
        % {"municipalities": municipalities, "authorities": authorities, "kominn": KOMINN_BASELINE},
        columns=[_("Measure"), _("Organisations")],
        rows=[
            [_("Contributing to Spre now"), contributing_total],
            [_("KomINN's contributors (baseline)"), KOMINN_BASELINE],
            [_("All municipalities and county authorities"), municipalities + authorities],
        ],
        baseline_row=1,
    )
    return by_county, total


def _choice_table(key, title, description, name, choices) -> Table:
    tallied = _tallied(name)
    if tallied is None:
        counts = dict(_published().values_list(name).annotate(n=Count("pk")).order_by())
    else:  # the tally has no key for a phase not given
        counts, published = dict(tallied[0]), tallied[1]
        counts[""] = counts.get("", 0) + published - sum(counts.values())
    rows = [[str(label), counts.get(value, 0)] for value, label in choices]
    if counts.get(""):
        rows.append([_("not given"), counts[""]])
    return Table(key, title, description, [title, _("Projects")], rows, total=sum(counts.values()))


def projects_by_service_area() -> Table:
    tallied = _tallied("service_area")
    if tallied is None:
        counts = dict(
            Project.service_areas.through.objects.filter(project__state=Project.State.PUBLISHED)
            .values_list("term__slug")
            .annotate(n=Count("project_id"))
            .order_by()
        )
    else:
        counts = tallied[0]
    terms = Term.objects.filter(vocabulary=Term.Vocabulary.SERVICE_AREA).order_by("order", "name")
    rows = [[t.localized_name, counts.get(t.slug, 0)] for t in terms if t.is_active or counts.get(t.slug)]
    return Table(
        "projects-by-service-area",
        _("Projects by service area"),
        _("Published projects per service area. A project can belong to several service areas."),
        [_("Service area"), _("Projects")],
        rows,
    )


def projects_by_year() -> Table:
    tallied = _tallied("start_year")
    if tallied is None:
        counts = dict(
            _published().annotate(year=ExtractYear("start_date")).values_list("year").annotate(n=Count("pk")).order_by()
        )
        unknown = counts.pop(None, 0)
    else:  # the tally has no key for a project without a start date
        counts = {int(year): n for year, n in tallied[0].items()}
        unknown = tallied[1] - sum(counts.values())
    rows = [[str(year), counts[year]] for year in sorted(counts)]
    if unknown:
        rows.append([_("no start date"), unknown])
    return Table(
        "projects-by-year",
        _("Projects by start year"),
        _("Published projects by the year they started."),
        [_("Start year"), _("Projects")],
        rows,
    )


def counted_adoptions():
    """The adoptions every page counts (diffusion's one rule), of projects anyone may see."""
    return Adoption.objects.counted().of_listed_sources()


def adoptions_over_time() -> Table:
    counts = dict(
        counted_adoptions()
        .annotate(year=ExtractYear("started_on"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows, running = [], 0
    for year in sorted(counts):
        running += counts[year]
        rows.append([str(year), counts[year], running])
    return Table(
        "adoptions-over-time",
        _("Adoptions over time"),
        _(
            "Organisations that have taken a solution from a project in Spre into use, are trying it or are "
            "considering it, by the year they started, and in all up to that year. Adoptions the source disputes, "
            "ended and withdrawn ones are not counted."
        ),
        [_("Year"), _("Adoptions started"), _("Adoptions in all")],
        rows,
        total=running,
    )


def actor_types() -> Table:
    tallied = _tallied("actor_type")
    counts = (
        tallied[0]
        if tallied is not None
        else dict(
            ProjectActor.objects.filter(project__state=Project.State.PUBLISHED)
            .values_list("actor__actor_type")
            .annotate(n=Count("project_id", distinct=True))
            .order_by()
        )
    )
    return Table(
        "actor-types",
        _("Actor types involved"),
        _(
            "How many published projects involved each type of actor: the study's framework of the innovation "
            "system, computed from the projects."
        ),
        [_("Actor type"), _("Projects")],
        [[str(label), counts.get(value, 0)] for value, label in Actor.Type.choices],
    )


def channels() -> Table:
    tallied = _tallied("channel")
    counts = (
        tallied[0]
        if tallied is not None
        else dict(
            Presentation.objects.filter(project__state=Project.State.PUBLISHED)
            .values_list("channel")
            .annotate(n=Count("project_id", distinct=True))
            .order_by()
        )
    )
    return Table(
        "diffusion-channels",
        _("Diffusion channels used"),
        _("How many published projects were spread through each channel."),
        [_("Channel"), _("Projects")],
        [[str(label), counts.get(value, 0)] for value, label in Presentation.Channel.choices],
    )


def _by_phase() -> Table:
    return _choice_table(
        "projects-by-phase",
        _("Projects by phase"),
        _("Published projects by the phase they are in."),
        "phase",
        Project.Phase.choices,
    )


def _by_status() -> Table:
    return _choice_table(
        "projects-by-status",
        _("Projects by status"),
        _("Published projects by where they stand: ongoing, in operation, completed or discontinued."),
        "status",
        Project.Status.choices,
    )


# The page's tables in order, by key: a CSV download computes its own table only.
PUBLIC_TABLES = {
    "contributing-total": lambda: organisations_by_county()[1],
    "organisations-by-county": lambda: organisations_by_county()[0],
    "projects-by-service-area": projects_by_service_area,
    "projects-by-phase": _by_phase,
    "projects-by-status": _by_status,
    "projects-by-year": projects_by_year,
    "adoptions-over-time": adoptions_over_time,
    "actor-types": actor_types,
    "diffusion-channels": channels,
}


def public_tables() -> list[Table]:
    token = _TALLY.set({})
    try:
        by_county, total = organisations_by_county()  # both from one computation
        tables = {"contributing-total": total, "organisations-by-county": by_county}
        return [tables[key] if key in tables else build() for key, build in PUBLIC_TABLES.items()]
    finally:
        _TALLY.reset(token)


def public_table(key: str) -> Table | None:
    build = PUBLIC_TABLES.get(key)
    return build() if build else None


# For curators


def organisations_without_activity(now=None) -> Table:
    """Active organisations with no project and nothing in the activity log for a year."""
    now = now or timezone.now()
    active_recently = set(
        Activity.objects.filter(created_at__gte=now - INACTIVE_AFTER, organisation__isnull=False)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    with_projects = set(Project.objects.values_list("owner_id", flat=True).distinct())
    organisations = Organisation.objects.active().select_related("county").with_member_count().order_by("name")
    rows = [
        [str(org), org.county.name, org.member_count]
        for org in organisations
        if org.pk not in active_recently and org.pk not in with_projects
    ]
    return Table(
        "organisations-without-activity",
        _("Organisations with no activity"),
        _("Organisations with no project and nothing in the activity log during the last year."),
        [_("Organisation"), _("County"), _("Members")],
        rows,
        value_column=2,
        total=len(rows),
    )


def members_per_organisation() -> Table:
    organisations = (
        Organisation.objects.active()
        .annotate(members=Count("memberships", filter=Q(memberships__status=Membership.Status.APPROVED)))
        .filter(members__gt=0)
        .select_related("county")
        .order_by("-members", "name")
    )
    rows = [[str(org), org.county.name, org.members] for org in organisations]
    return Table(
        "members-per-organisation",
        _("Members per organisation"),
        _("Approved members of each organisation that has any."),
        [_("Organisation"), _("County"), _("Members")],
        rows,
        value_column=2,
        total=sum(row[2] for row in rows),
    )


def curator_tables() -> list[Table]:
    return [organisations_without_activity(), members_per_organisation()]


# The front page's numbers


def headline_numbers() -> dict:
    """Organisations contributing, published projects and adoptions: cached under the site's generation, so they
    are recomputed after any change (every logged action, an edit in the admin, a bulk load; see common.pagecache)."""
    key = f"{HEADLINE_KEY}:{generation()}"
    numbers = page_cache.get(key)
    if numbers is None:
        numbers = {
            "organisations": len(contributing_ids()),
            "projects": _published().count(),
            "adoptions": counted_adoptions().count(),
        }
        page_cache.set(key, numbers, HEADLINE_TIMEOUT)
    return numbers
