from django import forms

from .models import Frequency, Kind


class PreferencesForm(forms.Form):
    """One choice per kind: immediately, daily digest, weekly digest or off."""

    def __init__(self, *args, initial_choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=Frequency.choices, initial=initial_choices[kind], widget=forms.RadioSelect
            )
