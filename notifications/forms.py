from collections import Counter

from django import forms
from django.utils.translation import gettext as _

from .models import Frequency, Kind, default_frequencies


class PreferencesForm(forms.Form):
    """One choice per kind: immediately, daily digest, weekly digest or off."""

    def __init__(self, *args, initial_choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=Frequency.choices, initial=initial_choices[kind], widget=forms.RadioSelect
            )


def defaults_text() -> str:
    """What a user gets without choosing, said from the defaults themselves (`default_frequency`): the most common
    one, and the kinds that differ from it, e.g. «weekly digest, except other notices (immediately …)»."""
    defaults = default_frequencies()
    usual = Counter(defaults.values()).most_common(1)[0][0]
    exceptions = [
        _("%(kind)s (%(frequency)s)")
        % {"kind": Kind(kind).label.lower(), "frequency": Frequency(frequency).label.lower()}
        for kind, frequency in defaults.items()
        if frequency != usual
    ]
    if not exceptions:
        return _("Unless you choose otherwise: %(frequency)s for every kind.") % {
            "frequency": Frequency(usual).label.lower()
        }
    return _("Unless you choose otherwise: %(frequency)s, except %(exceptions)s.") % {
        "frequency": Frequency(usual).label.lower(),
        "exceptions": ", ".join(exceptions),
    }
