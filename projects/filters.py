import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from municipalities.models import County, Organisation

from .models import Project, Term
from .search import search


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_q", widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"})
    )
    service_area = django_filters.ModelChoiceFilter(
        label=_("Service area"),
        field_name="service_areas",
        queryset=Term.objects.filter(vocabulary=Term.Vocabulary.SERVICE_AREA),
        empty_label=_("All service areas"),
    )
    phase = django_filters.ChoiceFilter(label=_("Phase"), choices=Project.Phase.choices, empty_label=_("All phases"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Project.Status.choices, empty_label=_("All statuses")
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"), field_name="owner__county", queryset=County.objects.all(), empty_label=_("All counties")
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        method="filter_owner",
        queryset=Organisation.objects.all(),
        widget=forms.HiddenInput,
    )
    archived = django_filters.BooleanFilter(
        label=_("Show archived"), method="filter_archived", widget=forms.CheckboxInput
    )

    class Meta:
        model = Project
        fields = ["q", "service_area", "phase", "status", "county", "owner", "archived"]

    def filter_queryset(self, queryset):
        # Published only, so the count agrees with the front page's; "Show archived" adds the archived ones.
        if not self.form.cleaned_data.get("archived"):
            queryset = queryset.published()
        return super().filter_queryset(queryset)

    def filter_archived(self, queryset, name, value):
        return queryset  # applied in filter_queryset, before the other filters

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if queryset.query.distinct:
            queryset = Project.objects.filter(pk__in=queryset.values("pk"))
        return search(queryset, value)

    def filter_owner(self, queryset, name, value):
        if not value:
            return queryset
        co_owned = Project.co_owners.through.objects.filter(organisation=value).values("project_id")
        return queryset.filter(Q(owner=value) | Q(pk__in=co_owned))
