from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import MAX_LENGTH, MIN_LENGTH, REASON_MAX_LENGTH


def _text_field(label):
    return forms.CharField(
        label=label,
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=format_lazy(_("Plain text, at most {max} characters. Web addresses become links."), max=MAX_LENGTH),
        error_messages={
            "required": _("Write something before you send."),
            "min_length": _("Write at least %(limit_value)d characters."),
            "max_length": _("The text is %(show_value)d characters long; at most %(limit_value)d are allowed."),
        },
    )


class CommentForm(forms.Form):
    text = _text_field(_("Your comment or question"))
    is_question = forms.BooleanField(
        label=_("This is a question to the project"),
        required=False,
    )


class ReplyForm(forms.Form):
    text = _text_field(_("Your reply"))


class EditForm(forms.Form):
    text = _text_field(_("Text"))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Give a reason."),
            "max_length": _("The reason is %(show_value)d characters long; at most %(limit_value)d are allowed."),
        },
    )

    def __init__(self, *args, label=None, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text
