from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Award, Collection, CollectionItem, Feature


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _https_links(model_field, **kwargs):
    if model_field.name == "url":
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class FeatureForm(forms.ModelForm):
    class Meta:
        model = Feature
        fields = ["note", "starts_on", "ends_on"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["name", "year", "url"]
        formfield_callback = _https_links

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["year"].initial = timezone.localdate().year
        self.fields["name"].widget.attrs["list"] = "award-names"

    def clean(self):
        data = super().clean()
        name, year = " ".join((data.get("name") or "").split()), data.get("year")
        if self.project is not None and name and year and self.project.awards.filter(name=name, year=year).exists():
            self.add_error("name", _("The project already has this award for that year."))
        return data


class CollectionForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}


class CollectionItemForm(forms.ModelForm):
    class Meta:
        model = CollectionItem
        fields = ["note"]


class AddToCollectionForm(forms.Form):
    collection = forms.ModelChoiceField(label=_("Collection"), queryset=Collection.objects.none())
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Why this project is in the collection."),
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        queryset = Collection.objects.order_by("title")
        if project is not None:
            queryset = queryset.exclude(items__project=project)
        self.fields["collection"].queryset = queryset


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the project sent back?"),
        help_text=_("Mailed to the project's editors and kept in its history. Say what they should change."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
