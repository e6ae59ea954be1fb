from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import OpenDay, SignUp, eligible_organisations
from .services import FIELDS, check_slides


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OpenDayForm(forms.ModelForm):
    """Times are entered and shown in Norwegian time (Europe/Oslo, the site's time zone)."""

    class Meta:
        model = OpenDay
        fields = FIELDS
        formfield_callback = _formfield
        widgets = {
            "kind": forms.RadioSelect,
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "sign_up_deadline": DATETIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1
        for name in ("starts_at", "ends_at", "sign_up_deadline"):
            self.fields[name].help_text = _("Norwegian time.")

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and capacity < 1:
            raise ValidationError(_("There must be at least one place."))
        return capacity


class SignUpForm(forms.ModelForm):
    class Meta:
        model = SignUp
        fields = ["organisation", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, open_day, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = eligible_organisations(user, open_day.project)
        self.fields["organisation"].queryset = queryset
        self.fields["organisation"].empty_label = None


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to everyone signed up."),
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))


class DigitalVisitForm(forms.Form):
    introduction = forms.CharField(
        label=_("Introduction"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    recording_url = forms.URLField(
        label=_("Recorded presentation"),
        required=False,
        assume_scheme="https",
        help_text=_("A link to the video, for example on YouTube or Vimeo."),
    )
    slides_url = forms.URLField(label=_("Link to the slides"), required=False, assume_scheme="https")
    slides_file = forms.FileField(
        label=_("Upload the slides"),
        required=False,
        help_text=_("PDF, PowerPoint (.pptx) or OpenDocument (.odp), at most 20 MB."),
    )
    remove_slides = forms.BooleanField(label=_("Remove the uploaded slides"), required=False)

    def clean_slides_file(self):
        upload = self.cleaned_data.get("slides_file")
        if upload:
            check_slides(upload)
        return upload


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=300)
    answer = forms.CharField(label=_("Answer"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_delete=True, max_num=30, validate_max=True)
