from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse


def on_site(url: str) -> str:
    """The same path on SITE_URL: allauth builds links from the request's host, which may be another port or name."""
    bits = urlsplit(url)
    path = bits.path + (f"?{bits.query}" if bits.query else "") + (f"#{bits.fragment}" if bits.fragment else "")
    return settings.SITE_URL.rstrip("/") + path


class AccountAdapter(DefaultAccountAdapter):
    """Account emails in the portal's words with links on SITE_URL; the sign-up form's name goes onto the user."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data.get("full_name", "")
        if commit:
            user.save()
        return user

    def get_email_confirmation_url(self, request, emailconfirmation):
        return on_site(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def send_mail(self, template_prefix, email, context):
        # Every link allauth puts in a mail (activate_url, password_reset_url, signup_url …) ends in _url.
        context = {
            key: on_site(value) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        context["site_url"] = settings.SITE_URL
        super().send_mail(template_prefix, email, context)
