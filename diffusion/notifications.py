"""Who is told about adoptions, as a consumer of the activity log (after the commit; see settings.ACTIVITY_CONSUMERS).

- declared, copied, changed, withdrawn: the source project's editors (they confirm; they want to know);
- confirmed, disputed: the adopting organisation's editors and whoever declared it;
- a project that others have adopted is archived: those who adopted it keep their record, and are told.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from activity.models import Activity
from municipalities.models import Membership
from notifications.services import notify
from projects.models import Project

from .models import Adoption

TO_SOURCE = {
    Activity.Verb.ADOPTION_DECLARED,
    Activity.Verb.ADOPTION_STATUS_CHANGED,
    Activity.Verb.ADOPTION_WITHDRAWN,
}
TO_ADOPTER = {Activity.Verb.ADOPTION_CONFIRMED, Activity.Verb.ADOPTION_DISPUTED}


def _editors(organisation_ids) -> list:
    """Approved editors and administrators of the organisations."""
    return list(
        get_user_model()
        .objects.filter(
            memberships__organisation_id__in=list(organisation_ids),
            memberships__status=Membership.Status.APPROVED,
            memberships__role__in=[Membership.Role.EDITOR, Membership.Role.ADMIN],
            is_active=True,
        )
        .distinct()
    )


def _source_text(activity: Activity, adoption: Adoption) -> str:
    values = {
        "organisation": adoption.organisation,
        "project": adoption.source.title,
        "status": adoption.get_status_display(),
    }
    if activity.verb == Activity.Verb.ADOPTION_WITHDRAWN:
        return _("%(organisation)s withdrew its adoption of «%(project)s».") % values
    if activity.verb == Activity.Verb.ADOPTION_STATUS_CHANGED:
        return _("%(organisation)s changed its adoption of «%(project)s»: %(status)s.") % values
    if adoption.own_project_id and adoption.events.filter(action="copied").exists():
        return (
            _("%(organisation)s copied «%(project)s» to adapt it. Confirm that they have taken it into use.") % values
        )
    return _("%(organisation)s has taken «%(project)s» into use (%(status)s). Confirm it, or dispute it.") % values


def on_activity(activity: Activity) -> None:
    if activity.verb in TO_SOURCE or activity.verb in TO_ADOPTER:
        adoption = (
            Adoption.objects.select_related("source", "organisation", "created_by")
            .filter(pk=activity.data.get("adoption"))
            .first()
        )
        if adoption is None:
            return
        if activity.verb in TO_SOURCE:
            recipients = _editors(adoption.source.owner_ids())
            text = _source_text(activity, adoption)
        else:
            recipients = [*_editors([adoption.organisation_id]), adoption.created_by]
            values = {"project": adoption.source.title, "owner": adoption.source.owner}
            if activity.verb == Activity.Verb.ADOPTION_CONFIRMED:
                text = _("%(owner)s confirmed your adoption of «%(project)s».") % values
            else:
                text = _("%(owner)s disputed your adoption of «%(project)s». See why, and correct it.") % values
        notify(
            recipients=recipients, kind=activity.verb, text=text, url=adoption.get_absolute_url(), actor=activity.user
        )
        return
    if activity.verb == Activity.Verb.PROJECT_ARCHIVED:
        project = Project.objects.filter(pk=activity.subject_id).first()
        if project is None:
            return
        adoptions = list(project.adoptions.counted().select_related("created_by"))
        if not adoptions:
            return
        recipients = _editors({a.organisation_id for a in adoptions}) + [a.created_by for a in adoptions]
        text = _(
            "«%(project)s», which your organisation has taken into use, was archived by %(owner)s. Your adoption "
            "is kept."
        ) % {"project": project.title, "owner": project.owner}
        notify(
            recipients=recipients,
            kind="adoption.source_archived",
            text=text,
            url=project.get_absolute_url(),
            actor=activity.user,
        )
