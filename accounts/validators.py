import re
from functools import cached_property
from pathlib import Path

from django.contrib.auth.password_validation import MinimumLengthValidator as BaseMinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

COMMON_NORWEGIAN_PASSWORDS = Path(__file__).resolve().parent / "data" / "common_passwords_nb.txt"

# Digits, punctuation and spaces around the word: "Sommer2026!", "123kommune", "Passord 1".
_DECORATION = re.compile(r"^[\W\d_]+|[\W\d_]+$")


class MinimumLengthValidator(BaseMinimumLengthValidator):
    """Django's validator, with a message our catalogue translates (Django 5.2's nb catalogue lacks it)."""

    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class NorwegianCommonPasswordValidator:
    """Refuse common Norwegian words, alone or with digits and punctuation around them (Sommer2026, kommune123,
    Oktober!, Passord1). The words are in accounts/data/common_passwords_nb.txt; Django's
    CommonPasswordValidator still checks its own list of 20,000 leaked passwords."""

    def __init__(self, path: str | Path = COMMON_NORWEGIAN_PASSWORDS):
        self.path = Path(path)

    @cached_property
    def words(self) -> frozenset[str]:
        lines = self.path.read_text(encoding="utf-8").splitlines()
        return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))

    def core(self, password: str) -> str:
        """The password without the digits and punctuation around it, in lower case."""
        return _DECORATION.sub("", password.strip().lower())

    def validate(self, password, user=None):
        core = self.core(password)
        if core in self.words or core.replace(" ", "") in self.words:
            raise ValidationError(
                _(
                    "This password is too easy to guess: a common word such as a season, a month, a place or "
                    "«kommune» with digits added is among the first things an attacker tries."
                ),
                code="password_too_common",
            )

    def get_help_text(self):
        return _("Your password can’t be a common word such as a season, a month or «kommune» with digits added.")
