"""The sign-up form: allauth's, checking the password against the full name too.

allauth validates the password against a stand-in user that has only the email address; the name typed on
the same form is not on it, so a password equal to the name would pass. This module is separate from
forms.py because allauth builds its form on top of forms.SignupForm (ACCOUNT_SIGNUP_FORM_CLASS).
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from .models import User


class PortalSignupForm(AllauthSignupForm):
    def clean(self):
        cleaned_data = super().clean()
        password = cleaned_data.get("password1")
        if password and "password1" not in self.errors:
            user = User(email=cleaned_data.get("email", ""), full_name=cleaned_data.get("full_name", ""))
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data
