import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from municipalities.models import County
from projects.models import Project, Term

from .models import Adoption


class NetworkFilter(django_filters.FilterSet):
    """Narrows the who-adopted-from-whom network on /spredning/."""

    service_area = django_filters.ModelChoiceFilter(
        label=_("Service area"),
        queryset=Term.objects.filter(vocabulary=Term.Vocabulary.SERVICE_AREA).order_by("order", "name"),
        to_field_name="slug",
        method="filter_service_area",
        empty_label=_("All service areas"),
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"),
        queryset=County.objects.order_by("name"),
        method="filter_county",
        empty_label=_("All counties"),
    )

    class Meta:
        model = Adoption
        fields = []

    def filter_service_area(self, queryset, name, value):
        through = Project.service_areas.through.objects.filter(term=value)
        return queryset.filter(source__in=through.values("project_id"))

    def filter_county(self, queryset, name, value):
        return queryset.filter(Q(organisation__county=value) | Q(source__owner__county=value))
