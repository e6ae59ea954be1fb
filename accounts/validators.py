from django.contrib.auth.password_validation import MinimumLengthValidator as BaseMinimumLengthValidator
from django.utils.translation import ngettext


class MinimumLengthValidator(BaseMinimumLengthValidator):
    """Django's validator, with a message our catalogue translates (Django 5.2's nb catalogue lacks it)."""

    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
