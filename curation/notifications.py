"""Telling the editors when a curator sends their project back: a consumer of the activity log (after the commit).
The notification list gets a short notice; the mail carries the whole reason (it may be longer than a notice)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from activity.models import Activity
from municipalities.models import Membership
from notifications.services import notify
from projects.models import Project


def project_editors(project: Project) -> list:
    """The active approved editors and administrators of the project's owner and co-owners, each once."""
    organisations = [project.owner_id, *project.co_owners.values_list("pk", flat=True)]
    memberships = Membership.objects.approved().filter(
        organisation_id__in=organisations,
        role__in=[Membership.Role.EDITOR, Membership.Role.ADMIN],
        user__is_active=True,
    )
    users = {membership.user.pk: membership.user for membership in memberships.select_related("user")}
    return sorted(users.values(), key=lambda user: user.email)


def _good_news(activity: Activity, project: Project) -> None:
    """Featured for the first time, or awarded: a notice and a mail for the editors."""
    with translation.override(settings.LANGUAGE_CODE):
        if activity.verb == Activity.Verb.AWARD_GIVEN:
            text = _("«%(title)s» received an award: %(award)s %(year)s.") % {
                "title": project.title,
                "award": activity.data.get("award", ""),
                "year": activity.data.get("year", ""),
            }
        else:
            text = _("KS has featured «%(title)s» on Spre's front page.") % {"title": project.title}
    notify(
        recipients=project_editors(project),
        kind=activity.verb,
        text=text,
        url=project.get_absolute_url(),
        actor=activity.user,
    )


def on_activity(activity: Activity) -> None:
    good_news = activity.verb == Activity.Verb.AWARD_GIVEN or (
        activity.verb == Activity.Verb.PROJECT_FEATURED and activity.data.get("new")
    )
    if activity.verb != Activity.Verb.PROJECT_SENT_BACK and not good_news:
        return
    project = Project.objects.select_related("owner").filter(pk=activity.subject_id).first()
    if project is not None and good_news:
        _good_news(activity, project)
        return
    project = Project.objects.select_related("owner").filter(pk=activity.subject_id).first()
    if project is None:
        return
    context = {
        "project": project,
        "reason": activity.data.get("note", ""),
        "url": settings.SITE_URL + project.get_absolute_url(),
        "site_url": settings.SITE_URL,
    }
    editors = [user for user in project_editors(project) if user.pk != activity.user_id]
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("curation/email/sent_back_subject.txt", context).strip()
        body = render_to_string("curation/email/sent_back_body.txt", context)
    notify(
        recipients=editors,
        kind=activity.verb,
        text=subject,
        url=project.get_absolute_url(),
        actor=activity.user,
        email=False,
    )
    # One mail each: the editors do not see each other's addresses.
    for user in editors:
        send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [user.email])
