"""Mail about curation, sent as a consumer of the activity log (after the commit)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from activity.models import Activity
from municipalities.models import Membership
from projects.models import Project


def project_editors(project: Project) -> list[str]:
    """Addresses of the approved editors and administrators of the project's owner and co-owners."""
    organisations = [project.owner_id, *project.co_owners.values_list("pk", flat=True)]
    memberships = Membership.objects.approved().filter(
        organisation_id__in=organisations, role__in=[Membership.Role.EDITOR, Membership.Role.ADMIN]
    )
    return sorted(set(memberships.values_list("user__email", flat=True)))


def on_activity(activity: Activity) -> None:
    if activity.verb != Activity.Verb.PROJECT_SENT_BACK:
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
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("curation/email/sent_back_subject.txt", context).strip()
        body = render_to_string("curation/email/sent_back_body.txt", context)
    # One mail each: the editors do not see each other's addresses.
    for address in project_editors(project):
        send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [address])
