from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmailDomain, Membership


class MembershipRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the administrators (optional)"),
        help_text=_("Tell them who you are and what you work with, so they can recognise you."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"
    decision = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))])
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, required=False)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class EmailDomainForm(forms.ModelForm):
    class Meta:
        model = EmailDomain
        fields = ["domain"]

    def clean_domain(self):
        return self.cleaned_data["domain"].strip().lower().removeprefix("@")
