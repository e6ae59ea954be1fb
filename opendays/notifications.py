"""Mail about open days, sent as a consumer of the activity log (after the commit): participants hear of
changes, cancellations and the host's messages by mail; the host hears of sign-ups and cancelled sign-ups
through the notifications app (its list, and a mail)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from activity.models import Activity
from notifications.services import notify

from .models import OpenDay

PARTICIPANT_TEMPLATES = {
    Activity.Verb.OPEN_DAY_CHANGED: "changed",
    Activity.Verb.OPEN_DAY_CANCELLED: "cancelled",
    Activity.Verb.OPEN_DAY_MESSAGE_SENT: "message",
}


def _render(template: str, context: dict) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"opendays/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"opendays/email/{template}_body.txt", context)
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()), body


def hosts(open_day: OpenDay) -> list:
    """Who hears of sign-ups: the editor who published the open day, else the owner's administrators."""
    if open_day.created_by and open_day.created_by.is_active:
        return [open_day.created_by]
    return [membership.user for membership in open_day.project.owner.admins().select_related("user")]


HOST_TEXTS = {
    Activity.Verb.OPEN_DAY_SIGNED_UP: _(
        "%(name)s (%(org)s) has signed up for «%(title)s». %(left)s of %(capacity)s places are left."
    ),
    Activity.Verb.OPEN_DAY_SIGN_UP_CANCELLED: _(
        "%(name)s (%(org)s) has cancelled their sign-up for «%(title)s». %(left)s of %(capacity)s places are left."
    ),
}


def _tell_hosts(activity: Activity, open_day: OpenDay) -> None:
    """In the hosts' notification list and by mail (the notifications app sends it)."""
    with translation.override(settings.LANGUAGE_CODE):
        text = HOST_TEXTS[activity.verb] % {
            "name": activity.data.get("name", ""),
            "org": activity.data.get("organisation", ""),
            "title": open_day.title,
            "left": open_day.places_left,
            "capacity": open_day.capacity,
        }
    notify(
        recipients=hosts(open_day),
        kind=activity.verb,
        text=text,
        url=reverse("opendays:participants", kwargs={"pk": open_day.pk}),
        actor=activity.user,
    )


def on_activity(activity: Activity) -> None:
    if activity.verb not in PARTICIPANT_TEMPLATES and activity.verb not in HOST_TEXTS:
        return
    open_day = OpenDay.objects.select_related("project__owner", "created_by").filter(pk=activity.subject_id).first()
    if open_day is None:
        return
    context = {
        "open_day": open_day,
        "project": open_day.project,
        "activity": activity,
        "data": activity.data,
        "url": settings.SITE_URL + open_day.get_absolute_url(),
        "site_url": settings.SITE_URL,
    }
    if activity.verb == Activity.Verb.OPEN_DAY_SIGNED_UP:
        # The participant's confirmation, with the calendar file's address.
        send_mail(*_render("confirmation", context), None, [activity.data["email"]])
    if activity.verb in HOST_TEXTS:
        _tell_hosts(activity, open_day)
        return
    if activity.verb == Activity.Verb.OPEN_DAY_CHANGED:
        if not activity.data.get("notify"):
            return
        labels = {field.name: field.verbose_name for field in OpenDay._meta.fields}
        context["changes"] = [(labels[name], *activity.data["changes"][name]) for name in activity.data["notify"]]
    # One mail each: participants do not see each other's addresses.
    addresses = open_day.sign_ups.values_list("user__email", flat=True)
    for address in addresses:
        send_mail(*_render(PARTICIPANT_TEMPLATES[activity.verb], context), None, [address])
