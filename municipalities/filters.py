import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import County, FormerCode, Organisation


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Filter by name or number"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"), queryset=County.objects.all(), empty_label=_("All counties")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Organisation.Kind.choices, empty_label=_("Municipalities and county authorities")
    )

    class Meta:
        model = Organisation
        fields = ["q", "county", "kind"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(sami_name__icontains=value)
            | Q(kven_name__icontains=value)
            | Q(official_label__icontains=value)
            | Q(number__startswith=value)
            # A former name or number (Tysfjord, 1850) finds today's municipality or municipalities.
            | Q(pk__in=FormerCode.objects.matching(value).values("organisation"))
        )
