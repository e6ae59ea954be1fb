"""Mail about memberships, sent as a consumer of the activity log (after the commit)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from activity.models import Activity

from .models import Membership

# Mail to the person the membership belongs to.
TEMPLATES = {
    Activity.Verb.MEMBERSHIP_APPROVED: "approved",
    Activity.Verb.MEMBERSHIP_REJECTED: "rejected",
    Activity.Verb.MEMBERSHIP_ROLE_GRANTED: "role_granted",
    Activity.Verb.MEMBERSHIP_ROLE_REFUSED: "role_refused",
}

# Mail to those who decide: the organisation's administrators, or the curators when it has none.
DECIDER_TEMPLATES = {
    Activity.Verb.MEMBERSHIP_REQUESTED: "requested",
    Activity.Verb.MEMBERSHIP_ROLE_REQUESTED: "role_requested",
}


def deciders(organisation) -> list[str]:
    """Addresses of those who decide on the organisation's requests: its administrators, else the curators."""
    admins = [membership.user.email for membership in organisation.admins().select_related("user")]
    if admins:
        return admins
    permission = Q(codename="curator", content_type__app_label="accounts")
    curators = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=Permission.objects.filter(permission))
            | Q(groups__permissions__in=Permission.objects.filter(permission))
        )
    )
    return sorted(set(curators.values_list("email", flat=True)))


def _render(template: str, context: dict) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"municipalities/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"municipalities/email/{template}_body.txt", context)
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


def on_activity(activity: Activity) -> None:
    template = TEMPLATES.get(activity.verb) or DECIDER_TEMPLATES.get(activity.verb)
    if template is None:
        return
    membership = Membership.objects.select_related("user", "organisation").filter(pk=activity.subject_id).first()
    if membership is None:
        return
    requested = activity.data.get("requested_role") or ""
    context = {
        "membership": membership,
        "requested_role": Membership.Role(requested).label if requested else "",
        "organisation": membership.organisation,
        "url": settings.SITE_URL + reverse("accounts:dashboard"),
        "site_url": settings.SITE_URL,
    }
    if activity.verb in TEMPLATES:
        send_mail(*_render(template, context), None, [membership.user.email])
        return
    recipients = deciders(membership.organisation)
    if not recipients:
        return
    has_admin = membership.organisation.admins().exists()
    context["has_admin"] = has_admin
    if not has_admin:
        context["url"] = settings.SITE_URL + reverse("municipalities:curation")
    # One mail each: the deciders do not see each other's addresses.
    for address in recipients:
        send_mail(*_render(template, context), None, [address])
