import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.models import County
from projects.models import Term

from .models import OpenDay


class OpenDayFilter(django_filters.FilterSet):
    service_area = django_filters.ModelChoiceFilter(
        label=_("Service area"),
        field_name="project__service_areas",
        queryset=Term.objects.filter(vocabulary=Term.Vocabulary.SERVICE_AREA),
        to_field_name="slug",
        empty_label=_("All"),
        method="filter_service_area",
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"),
        field_name="project__owner__county",
        queryset=County.objects.order_by("name"),
        to_field_name="number",
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OpenDay.Kind.choices, empty_label=_("Both"), widget=forms.RadioSelect
    )

    class Meta:
        model = OpenDay
        fields = ["service_area", "county", "kind"]

    def filter_service_area(self, queryset, name, value):
        # A subquery, not a join: an open day on a project with several areas is listed once.
        return queryset.filter(project__in=value.service_area_projects.values("pk"))
