from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from municipalities.models import Organisation
from projects.models import Project

from .models import Adoption, AdoptionBenefit

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def apply_errors(form, error: ValidationError) -> None:
    """A service's ValidationError at the form's fields (the rest at the top)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _organisation_field(queryset, label):
    field = forms.ModelChoiceField(label=label, queryset=queryset.order_by("name"))
    if queryset.count() == 1:
        field.initial = queryset.first()
        field.empty_label = None
    return field


class CopyForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Copy into"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(
        label=_("What will you do with it?"),
        choices=[
            (Adoption.Kind.ADAPTED, _("Adapt it to our organisation")),
            (Adoption.Kind.COPY, _("Use it as it is (a direct copy)")),
        ],
        initial=Adoption.Kind.ADAPTED,
        widget=forms.RadioSelect,
    )
    channel = forms.ChoiceField(label=_("Where did you find it?"), choices=Adoption.Channel.choices)
    again = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, source: Project, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Organisation.objects.editable_by(user).exclude(pk__in=source.owner_ids())
        self.fields["organisation"] = _organisation_field(queryset, _("Copy into"))


class DeclareForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())

    class Meta:
        model = Adoption
        fields = ["organisation", "status", "kind", "channel", "started_on", "ended_reason", "own_project"]
        widgets = {
            "started_on": DATE_INPUT,
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "ended_reason": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"status": _("Where do you stand?"), "kind": _("How do you use it?")}

    def __init__(self, *args, user, source: Project, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.member_of(user).exclude(pk__in=source.owner_ids())
        self.fields["organisation"] = _organisation_field(organisations, _("Organisation"))
        self.fields["status"].choices = [(s.value, s.label) for s in Adoption.DECLARABLE]
        self.fields["status"].initial = Adoption.Status.IN_USE
        projects = Project.objects.of_user_organisations(user).exclude(pk=source.pk).order_by("title")
        self.fields["own_project"].queryset = projects
        self.fields["own_project"].required = False

    def clean(self):
        data = super().clean()
        if data.get("status") == Adoption.Status.ENDED and not (data.get("ended_reason") or "").strip():
            self.add_error("ended_reason", _("Say why it ended: it helps those who consider the solution."))
        return data

    def _post_clean(self):
        pass  # the service validates the adoption as a whole


class ChangeForm(forms.ModelForm):
    note = forms.CharField(
        label=_("Note for the history"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: why you changed it."),
    )

    class Meta:
        model = Adoption
        fields = ["status", "status_since", "kind", "channel", "started_on", "ended_reason", "own_project"]
        widgets = {
            "started_on": DATE_INPUT,
            "status_since": DATE_INPUT,
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "ended_reason": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"status_since": _("Date of the status")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adoption = self.instance
        self.fields["status"].choices = [(s.value, s.label) for s in Adoption.DECLARABLE]
        self.fields["own_project"].queryset = (
            Project.objects.owned_by_organisations([adoption.organisation_id])
            .exclude(pk=adoption.source_id)
            .order_by("title")
        )
        self.fields["own_project"].required = False
        if adoption.status == Adoption.Status.WITHDRAWN:
            self.initial["status"] = Adoption.Status.CONSIDERING

    def clean(self):
        data = super().clean()
        if data.get("status") == Adoption.Status.ENDED and not (data.get("ended_reason") or "").strip():
            self.add_error("ended_reason", _("Say why it ended: it helps those who consider the solution."))
        return data

    def _post_clean(self):
        pass  # the service validates and saves


class ConfirmForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Is this right?"),
        choices=[("confirm", _("Yes, confirm it")), ("dispute", _("No, dispute it"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why you dispute it"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when you dispute it; the organisation sees it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "dispute" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why you dispute it, so the organisation can correct it."))
        return data


class ReportForm(forms.Form):
    changed = forms.CharField(
        label=_("What we changed"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you did differently from the source."),
    )
    learned = forms.CharField(
        label=_("What we learned"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Including what did not work."),
    )


class BenefitForm(forms.ModelForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = AdoptionBenefit
        fields = ["indicator", "baseline", "result", "unit", "measured_on", "documentation"]
        widgets = {"measured_on": DATE_INPUT}

    def row(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}


BenefitFormSet = forms.formset_factory(BenefitForm, extra=1, can_delete=True, max_num=20, validate_max=True)


def benefit_rows(formset) -> list[dict]:
    return [
        form.row()
        for form in formset
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and (form.cleaned_data.get("id") or form.has_changed())
    ]
