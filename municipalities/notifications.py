"""Mail about memberships, sent as a consumer of the activity log (after the commit)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from activity.models import Activity

from .models import Membership

TEMPLATES = {
    Activity.Verb.MEMBERSHIP_APPROVED: "approved",
    Activity.Verb.MEMBERSHIP_REJECTED: "rejected",
}


def on_activity(activity: Activity) -> None:
    template = TEMPLATES.get(activity.verb)
    if template is None:
        return
    membership = Membership.objects.select_related("user", "organisation").filter(pk=activity.subject_id).first()
    if membership is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "membership": membership,
            "organisation": membership.organisation,
            "url": settings.SITE_URL + reverse("accounts:dashboard"),
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string(f"municipalities/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"municipalities/email/{template}_body.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [membership.user.email])
