from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmailDomain, Membership

ROLE_DESCRIPTIONS = {
    Membership.Role.MEMBER: _("Member: follow the organisation's projects, including drafts"),
    Membership.Role.EDITOR: _("Editor: register and edit the organisation's projects"),
    Membership.Role.ADMIN: _("Administrator: also decide who may join and who gets which role"),
}


class MembershipRequestForm(forms.Form):
    role = forms.ChoiceField(
        label=_("What do you ask for?"),
        choices=list(ROLE_DESCRIPTIONS.items()),
        initial=Membership.Role.MEMBER,
        required=False,  # member when not chosen
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to those who decide (optional)"),
        help_text=_(
            "Tell them who you are and what you work with, so they can recognise you. If you ask for a role, say why."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("role") not in ("", None, Membership.Role.MEMBER) and not data.get("message", "").strip():
            self.add_error("message", _("Say why you need the role you ask for."))
        return data


class RoleRequestForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why do you need the role?"),
        help_text=_("For example which projects you want to register, or that you lead the innovation work."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        roles = [Membership.Role.EDITOR, Membership.Role.ADMIN]
        self.fields["role"].choices = [
            (role.value, ROLE_DESCRIPTIONS[role]) for role in roles if role != membership.role
        ]
        self.fields["role"].initial = self.fields["role"].choices[0][0]


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
