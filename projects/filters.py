"""The project list's filters, with facet counts: how many projects each option would give.

Several values of one filter are OR'd, different filters AND'ed. Every filter narrows with a `pk__in`
subquery, so no join multiplies rows and no DISTINCT is needed. The number of queries is fixed by the
number of filters, never by the data."""

from dataclasses import dataclass, field
from functools import cached_property

import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.pagecache import cached_fragment
from municipalities.models import County, Organisation

from . import facets as tallies
from . import search
from .models import Actor, Benefit, Presentation, Project, ProjectActor, Tag, Term, home_municipality_id

# Population bands of the owner municipality: (value, label, lower bound, upper bound).
SIZE_BANDS = [
    ("lt5k", _("under 5 000"), None, 5000),
    ("5k-20k", _("5 000–20 000"), 5000, 20000),
    ("20k-50k", _("20 000–50 000"), 20000, 50000),
    ("gt50k", _("over 50 000"), 50000, None),
]


def _band_q(value: str) -> Q:
    for band, _label, low, high in SIZE_BANDS:
        if band == value:
            q = Q()
            if low is not None:
                q &= Q(owner__population__gte=low)
            if high is not None:
                q &= Q(owner__population__lt=high)
            return q
    return Q(pk__in=[])


# The many-to-many facets: filter name → (Project field, vocabulary or None for tags).
TERM_FACETS = {
    "service_area": ("service_areas", Term.Vocabulary.SERVICE_AREA),
    "innovation_type": ("innovation_types", Term.Vocabulary.INNOVATION_TYPE),
    "driver": ("drivers", Term.Vocabulary.DRIVER),
    "method": ("methods", Term.Vocabulary.METHOD),
}


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    UPDATED = "updated"
    TITLE = "title"
    ADOPTED = "adopted"


SORT_CHOICES = [
    (Sort.RELEVANCE, _("relevance")),
    (Sort.NEWEST, _("newest")),
    (Sort.UPDATED, _("recently updated")),
    (Sort.TITLE, _("alphabetical")),
    (Sort.ADOPTED, _("most taken into use")),
]

# Yes/no filters shown as one checkbox each: name → the label of the checkbox.
BOOLEAN_FACETS = {
    "benefits": _("Only projects with documented benefits"),
    "adopted": _("Only projects others have taken into use"),
    "award": _("Only projects that won an award"),
}


def _multiple(label, **kwargs):
    return django_filters.MultipleChoiceFilter(
        label=label, widget=forms.CheckboxSelectMultiple, method="filter_facet", **kwargs
    )


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    checked: bool = False


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option] = field(default_factory=list)


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The options of the filters whose choices come from the data."""
    choices = {}
    counted = tallies.tally()
    terms = list(Term.objects.filter(vocabulary__in=[v for _f, v in TERM_FACETS.values()]).order_by("order", "name"))
    for name, (_field, vocabulary) in TERM_FACETS.items():
        choices[name] = [(t.slug, t.name) for t in terms if t.vocabulary == vocabulary]
    choices["county"] = [(str(c.pk), str(c)) for c in County.objects.order_by("name")]
    if counted is not None:  # a large catalogue: the options some listed project holds, from the tally
        owners = Organisation.objects.filter(pk__in=[int(pk) for pk in tallies.present("owner")])
        years = [int(year) for year in tallies.present("start_year")]
        tags = Tag.objects.filter(slug__in=tallies.present("tag"))
    else:
        base = Project.objects.listed()
        owners = Organisation.objects.filter(
            Q(pk__in=base.values("owner_id")) | Q(pk__in=Project.co_owners.through.objects.values("organisation_id"))
        )
        years = (
            base.filter(start_date__isnull=False)
            .annotate(year=ExtractYear("start_date"))
            .values_list("year", flat=True)
            .order_by()
            .distinct()
        )
        tags = Tag.objects.filter(pk__in=Project.tags.through.objects.values("tag_id"))
    choices["owner"] = [(str(o.pk), str(o)) for o in owners.order_by("name")]
    choices["start_year"] = [(str(y), str(y)) for y in sorted(years, reverse=True)]
    choices["tag"] = [(t.slug, t.name) for t in tags.order_by("name")]
    return choices


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_q", widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"})
    )
    service_area = _multiple(_("Service area"))
    innovation_type = _multiple(_("Innovation type"))
    driver = _multiple(_("Driver"))
    method = _multiple(_("Method"))
    phase = _multiple(_("Phase"), choices=Project.Phase.choices)
    status = _multiple(_("Status"), choices=Project.Status.choices)
    county = _multiple(_("County"))
    owner = _multiple(_("Owner organisation"))
    size = _multiple(_("Size of the owner municipality"), choices=[(v, label) for v, label, *_ in SIZE_BANDS])
    actor_type = _multiple(_("Actor type involved"), choices=Actor.Type.choices)
    channel = _multiple(_("Diffusion channel"), choices=Presentation.Channel.choices)
    benefits = django_filters.BooleanFilter(
        label=_("Has documented benefits"), method="filter_facet", widget=forms.CheckboxInput
    )
    adopted = django_filters.BooleanFilter(
        label=_("Taken into use by others"), method="filter_facet", widget=forms.CheckboxInput
    )
    award = django_filters.BooleanFilter(label=_("Has won an award"), method="filter_facet", widget=forms.CheckboxInput)
    start_year = _multiple(_("Start year"))
    tag = _multiple(pgettext_lazy("filter", "Tag"))
    similar = django_filters.BooleanFilter(
        label=_("Municipalities like mine"), method="filter_facet", widget=forms.CheckboxInput
    )
    archived = django_filters.BooleanFilter(
        label=_("Show archived"), method="filter_archived", widget=forms.CheckboxInput
    )
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES, method="filter_sort", empty_label=None)

    class Meta:
        model = Project
        fields = []

    FACETS = [*TERM_FACETS, "phase", "status", "county", "owner", "size", "actor_type", "channel", "start_year", "tag"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # The choices change only with the data: read once per change of the site (common.pagecache).
        for name, choices in cached_fragment("project-filter-choices", [], filter_choices).items():
            self.filters[name].extra["choices"] = choices

    # Narrowing

    def _narrow(self, queryset, name, value):
        """The projects that match `value` (a list of choices) of the filter `name`."""
        if name in TERM_FACETS:
            through = getattr(Project, TERM_FACETS[name][0]).through
            rows = through.objects.filter(term__slug__in=value, term__vocabulary=TERM_FACETS[name][1])
            return queryset.filter(pk__in=rows.values("project_id"))
        if name == "tag":
            return queryset.filter(pk__in=Project.tags.through.objects.filter(tag__slug__in=value).values("project_id"))
        if name == "phase":
            return queryset.filter(phase__in=value)
        if name == "status":
            return queryset.filter(status__in=value)
        if name == "county":
            return queryset.filter(owner__county_id__in=value)
        if name == "owner":
            co_owned = Project.co_owners.through.objects.filter(organisation_id__in=value).values("project_id")
            return queryset.filter(Q(owner_id__in=value) | Q(pk__in=co_owned))
        if name == "size":
            q = Q()
            for band in value:
                q |= _band_q(band)
            return queryset.filter(q)
        if name == "actor_type":
            rows = ProjectActor.objects.filter(actor__actor_type__in=value)
            return queryset.filter(pk__in=rows.values("project_id"))
        if name == "channel":
            return queryset.filter(pk__in=Presentation.objects.filter(channel__in=value).values("project_id"))
        if name == "benefits":
            return queryset.filter(Exists(Benefit.objects.filter(project=OuterRef("pk"))))
        if name == "similar":  # only for members of a municipality; ignored for everyone else
            if not self.similar_municipalities:
                return queryset
            return queryset.filter(owner_id__in=[m.pk for m in self.similar_municipalities])
        if name == "adopted":
            return queryset.filter(pk__in=Project.objects.adopted_by_others().values("pk"))
        if name == "award":
            # The awards belong to the curation app, above this one: reached by the reverse relation's name.
            return queryset.filter(pk__in=Project.objects.filter(awards__isnull=False).values("pk"))
        if name == "start_year":
            return queryset.filter(start_date__year__in=[int(y) for y in value])
        raise ValueError(name)

    def filter_facet(self, queryset, name, value):
        return self._narrow(queryset, name, value) if value else queryset

    def filter_q(self, queryset, name, value):
        """The projects that match the search (ranked in filter_queryset). Compiled once per filter set."""
        value = value.strip()
        if not value:
            return queryset
        if queryset.query.distinct:
            queryset = Project.objects.filter(pk__in=queryset.values("pk"))
        return search.filter_matches(queryset, self.compiled_query)

    @cached_property
    def compiled_query(self) -> search.Compiled:
        return search.compile_query((self.cleaned.get("q") or "").strip())

    def filter_archived(self, queryset, name, value):
        return queryset  # applied first, in _apply

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset

    def _apply(self, queryset, skip: str | None = None):
        """`queryset` narrowed by every active filter except `skip` (the search last, for its ranking)."""
        data = self.cleaned
        if not data.get("archived"):
            queryset = queryset.published()
        for name in [*self.FACETS, *BOOLEAN_FACETS, "similar"]:
            if name != skip and data.get(name):
                queryset = self._narrow(queryset, name, data[name])
        if skip != "q":
            queryset = self.filter_q(queryset, "q", data.get("q") or "")
        return queryset

    def filter_queryset(self, queryset):
        queryset = self._apply(queryset)
        sort = self.current_sort
        if self.searching:
            queryset = search.rank(queryset, self.compiled_query)
        if sort == Sort.RELEVANCE:
            return queryset  # ordered by rank
        if sort == Sort.ADOPTED:
            # The filters narrow by subqueries, never joins: each project is one row before the adoptions are joined.
            return queryset.with_adoption_count(distinct=False).order_by("-adoption_count", "-published_at", "pk")
        return queryset.order_by(
            # Each order ends in the primary key: a total order, so deep pages can be read from the end.
            *{Sort.UPDATED: ["-updated_at", "-pk"], Sort.TITLE: ["title", "pk"]}.get(
                sort, ["-published_at", "-updated_at", "-pk"]
            )
        )

    # What the page shows

    @property
    def cleaned(self) -> dict:
        """The valid part of the query: an unknown value drops its filter, not the page."""
        self.errors  # noqa: B018 (validates the form)
        return self.form.cleaned_data

    @property
    def searching(self) -> bool:
        return bool((self.cleaned.get("q") or "").strip())

    @property
    def current_sort(self) -> str:
        sort = self.cleaned.get("sort")
        if sort == Sort.RELEVANCE and not self.searching or not sort:
            return Sort.RELEVANCE if self.searching else Sort.NEWEST
        return sort

    def sort_options(self) -> list[Option]:
        """The sort choices. The default one has the value "" while no sort was chosen, so that a search typed
        into the list's form sorts by relevance instead of keeping the browsing default (newest)."""
        current = self.current_sort
        implicit = not self.cleaned.get("sort")
        return [
            Option("" if implicit and value == current else value, label, checked=value == current)
            for value, label in SORT_CHOICES
            if value != Sort.RELEVANCE or self.searching
        ]

    def _counts(self, name: str, projects) -> dict[str, int]:
        """How many of `projects` each option of the filter `name` holds: one query."""
        ids = projects.values("pk")
        # The projects' own columns are counted in the one scan of the filtered projects, not through `pk IN`.
        plain = projects.order_by().select_related(None).prefetch_related(None)
        if name in TERM_FACETS:
            through = getattr(Project, TERM_FACETS[name][0]).through
            rows = through.objects.filter(project_id__in=ids).values_list("term__slug").annotate(n=Count("project_id"))
        elif name == "tag":
            rows = (
                Project.tags.through.objects.filter(project_id__in=ids)
                .values_list("tag__slug")
                .annotate(n=Count("project_id"))
            )
        elif name in ("phase", "status"):
            rows = plain.values_list(name).annotate(n=Count("pk")).order_by()
        elif name == "county":
            rows = plain.values_list("owner__county_id").annotate(n=Count("pk")).order_by()
        elif name == "owner":
            counts: dict[str, int] = {}
            owned = plain.values_list("owner_id").annotate(n=Count("pk")).order_by()
            co_owned = (
                Project.co_owners.through.objects.filter(project_id__in=ids)
                .values_list("organisation_id")
                .annotate(n=Count("project_id"))
                .order_by()
            )
            for key, n in [*owned, *co_owned]:
                counts[str(key)] = counts.get(str(key), 0) + n
            return counts
        elif name == "size":
            aggregates = {band: Count("pk", filter=_band_q(band)) for band, *_ in SIZE_BANDS}
            return {key: n for key, n in plain.aggregate(**aggregates).items()}
        elif name == "actor_type":
            rows = (
                ProjectActor.objects.filter(project_id__in=ids)
                .values_list("actor__actor_type")
                .annotate(n=Count("project_id", distinct=True))
                .order_by()
            )
        elif name == "channel":
            rows = (
                Presentation.objects.filter(project_id__in=ids)
                .values_list("channel")
                .annotate(n=Count("project_id", distinct=True))
                .order_by()
            )
        elif name == "start_year":
            rows = (
                plain.filter(start_date__isnull=False)
                .annotate(year=ExtractYear("start_date"))
                .values_list("year")
                .annotate(n=Count("pk"))
                .order_by()
            )
        elif name in BOOLEAN_FACETS:
            return {"on": self._narrow(Project.objects.filter(pk__in=ids), name, True).count()}
        else:
            raise ValueError(name)
        return {str(key): n for key, n in rows}

    @cached_property
    def tally(self) -> dict[str, dict[str, int]] | None:
        """The counts kept ahead (projects/facets.py), or None while the catalogue is small enough to count live."""
        return tallies.tally()

    @property
    def _states(self) -> list[str]:
        return [Project.State.PUBLISHED, Project.State.ARCHIVED] if self.cleaned.get("archived") else ["published"]

    def _active(self) -> list[str]:
        """The chosen filters (the search and «like mine» included)."""
        data = self.cleaned
        return [name for name in [*self.FACETS, *BOOLEAN_FACETS, "similar"] if data.get(name)] + (
            ["q"] if self.searching else []
        )

    def count(self) -> int:
        """How many projects match: from the tally when nothing narrows the list, or from the bit strings."""
        if self.tally is not None and not self._active():
            return sum(self.tally.get(state, {}).get(f"state:{state}", 0) for state in self._states)
        if self._use_bitmaps:
            return self._bitmap_counts[1]
        return self.qs.count()

    @property
    def _use_bitmaps(self) -> bool:
        # «Like mine» narrows by the owner alone (not co-owners), which no key says: counted from the rows.
        return self.tally is not None and tallies.bitmaps() and not self.cleaned.get("similar")

    def _chosen(self) -> dict[str, list[str]]:
        """The chosen options as facet keys' values, per filter."""
        data = self.cleaned
        chosen = {name: [str(value) for value in data[name]] for name in self.FACETS if data.get(name)}
        chosen.update({name: ["on"] for name in BOOLEAN_FACETS if data.get(name)})
        return chosen

    @cached_property
    def _search_ids(self) -> list[int] | None:
        """The ids of the listed projects (in the chosen states) the search matches; None when not searching."""
        if not self.searching:
            return None
        matching = self.filter_q(Project.objects.filter(state__in=self._states), "q", self.cleaned["q"])
        return list(matching.order_by().values_list("pk", flat=True))

    @cached_property
    def _bitmap_counts(self) -> tuple[dict[str, int], int]:
        """({key: count}, total) over the matching projects, from the bit strings."""
        return tallies.bitmap_counts(self._states, self._chosen(), self._search_ids)

    def _bitmap_facet_counts(self, everything: dict[str, int]) -> dict[str, dict[str, int]]:
        found, _total = self._bitmap_counts
        chosen = self._chosen()
        counts = {name: tallies.values_of(found, name) for name in [*self.FACETS, *BOOLEAN_FACETS]}
        for name in chosen:  # each chosen filter's options: counted as if it were not chosen
            others = {other: values for other, values in chosen.items() if other != name}
            if not others and self._search_ids is None:
                counts[name] = tallies.values_of(everything, name)
            else:
                rows, _total = tallies.bitmap_counts(self._states, others, self._search_ids, prefix=name)
                counts[name] = tallies.values_of(rows, name)
        return counts

    def _tallied_counts(self) -> dict[str, dict[str, int]]:
        """{filter: {value: count}} from the stored keys: the unchosen filters' options counted over the matching
        projects in one query, each chosen filter's over the projects that match the others."""
        active = self._active()
        everything = tallies.sum_states(self.tally, self._states)
        if active and self._use_bitmaps:
            return self._bitmap_facet_counts(everything)
        found = everything if not active else tallies.count_keys(self._apply(self.queryset).values("pk"))
        counts = {name: tallies.values_of(found, name) for name in [*self.FACETS, *BOOLEAN_FACETS]}
        for name in active:
            if name not in counts:
                continue  # the search and «like mine» have no options of their own here
            others = [other for other in active if other != name]
            if not others:
                counts[name] = tallies.values_of(everything, name)
            else:
                rows = tallies.count_keys(self._apply(self.queryset, skip=name).values("pk"), prefix=name)
                counts[name] = tallies.values_of(rows, name)
        return counts

    def facets(self) -> list[Facet]:
        """Every filter with its options and their counts, given the other active filters."""
        data = self.cleaned
        facets = []
        tallied = self._tallied_counts() if self.tally is not None else None
        for name in self.FACETS:
            counts = tallied[name] if tallied is not None else self._counts(name, self._apply(self.queryset, skip=name))
            chosen = set(data.get(name) or [])
            options = [
                Option(str(value), str(label), counts.get(str(value), 0), str(value) in chosen)
                for value, label in self.filters[name].extra["choices"]
            ]
            facets.append(Facet(name, str(self.filters[name].label), options))
        for name, option_label in BOOLEAN_FACETS.items():
            if tallied is not None:
                count = tallied[name].get("on", 0)
            else:
                count = self._counts(name, self._apply(self.queryset, skip=name))["on"]
            option = Option("on", str(option_label), count, bool(data.get(name)))
            facets.append(Facet(name, str(self.filters[name].label), [option]))
        if self.home_municipality and self.similar_municipalities:
            similar_count = self._narrow(self._apply(self.queryset, skip="similar"), "similar", True).count()
            label = _("Only projects from municipalities like %(municipality)s") % {
                "municipality": self.home_municipality.name
            }
            facets.append(
                Facet(
                    "similar",
                    str(self.filters["similar"].label),
                    [Option("on", str(label), similar_count, bool(data.get("similar")))],
                )
            )
        return facets

    @cached_property
    def home_municipality(self) -> Organisation | None:
        """The signed-in user's municipality (the first they are an approved member of), for «like mine»."""
        user = getattr(self.request, "user", None)
        found = home_municipality_id(user) if user is not None else None
        return Organisation.objects.get(pk=found) if found else None

    @cached_property
    def similar_municipalities(self) -> list[Organisation]:
        from municipalities.similarity import similar_municipalities

        return similar_municipalities(self.home_municipality) if self.home_municipality else []

    def chips(self, facets: list[Facet]) -> list[Option]:
        """The active filters, each with the query string that removes it (in `value`)."""
        data = self.cleaned
        query = self.data.copy()
        query.pop("page", None)
        chips = []
        if self.searching:
            without = query.copy()
            without.pop("q", None)
            chips.append(Option(without.urlencode(), str(_("Search: %(q)s") % {"q": data["q"]})))
        for facet in facets:
            for option in facet.options:
                if option.checked:
                    without = query.copy()
                    without.setlist(facet.name, [v for v in query.getlist(facet.name) if v != option.value])
                    chips.append(Option(without.urlencode(), f"{facet.label}: {option.label}"))
        if data.get("archived"):
            without = query.copy()
            without.pop("archived", None)
            chips.append(Option(without.urlencode(), str(self.filters["archived"].label)))
        return chips

    def removable(self) -> list[str]:
        """When nothing matches: the active filters whose removal alone would give results (their labels)."""
        data = self.cleaned
        names = [name for name in [*self.FACETS, *BOOLEAN_FACETS, "similar", "q"] if data.get(name)]
        return [str(self.filters[name].label) for name in names if self._apply(self.queryset, skip=name).exists()]
