"""Notifications for what the notifications app itself watches, as an activity consumer (after the commit):
news of followed projects (published, new phase or status, new adoptions), new projects for followers of an
organisation, a service area or a saved search, and decisions on one's memberships. Feature apps tell of
their own events in their own consumers (conversation.notifications, …) through `services.notify`."""

from django.conf import settings
from django.db.models import Q
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _

from activity.models import Activity
from municipalities.models import Membership
from projects.filters import ProjectFilter
from projects.models import Project

from .models import Follow, Kind
from .services import followers, notify

UPDATES = {
    Activity.Verb.PROJECT_PHASE_CHANGED: "phase",
    Activity.Verb.PROJECT_STATUS_CHANGED: "status",
}
ADOPTION_VERBS = {Activity.Verb.ADOPTION_DECLARED, Activity.Verb.PROJECT_COPIED}
MEMBERSHIP_TEXTS = {
    Activity.Verb.MEMBERSHIP_APPROVED: lambda m: _("Your membership of %(organisation)s was approved."),
    Activity.Verb.MEMBERSHIP_REJECTED: lambda m: _("Your request to join %(organisation)s was not approved."),
    Activity.Verb.MEMBERSHIP_ROLE_GRANTED: lambda m: _("You were given the role you asked for in %(organisation)s."),
    Activity.Verb.MEMBERSHIP_ROLE_REFUSED: lambda m: _(
        "Your request for another role in %(organisation)s was refused."
    ),
}


def on_activity(activity: Activity) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        if activity.verb in MEMBERSHIP_TEXTS:
            _membership(activity)
            return
        if activity.subject_type is None or activity.subject_type.model_class() is not Project:
            return
        if activity.verb == Activity.Verb.PROJECT_PUBLISHED:
            project = _project(activity)
            if project is not None:
                _published(activity, project)
        elif activity.verb in UPDATES:
            project = _project(activity)
            if project is not None and project.is_published:
                _updated(activity, project)
        elif activity.verb in ADOPTION_VERBS:
            project = _project(activity)
            if project is not None:
                text = _("%(organisation)s has taken up %(project)s.") % {
                    "organisation": activity.organisation or _("An organisation"),
                    "project": project,
                }
                notify(
                    recipients=followers(target=Follow.Target.PROJECT, project=project),
                    kind=Kind.ADOPTIONS,
                    text=text,
                    url=project.get_absolute_url(),
                    actor=activity.user,
                )


def _project(activity):
    return Project.objects.listed().select_related("owner").filter(pk=activity.subject_id).first()


def _published(activity, project):
    url = project.get_absolute_url()
    notify(
        recipients=followers(target=Follow.Target.PROJECT, project=project),
        kind=Kind.PROJECT_UPDATES,
        text=_("%(project)s was published.") % {"project": project},
        url=url,
        actor=activity.user,
    )
    owners = project.owner_ids()
    areas = list(project.service_areas.values_list("pk", flat=True))
    matching = Q(target=Follow.Target.ORGANISATION, organisation_id__in=owners) | Q(
        target=Follow.Target.SERVICE_AREA, service_area_id__in=areas
    )
    searches = [
        search
        for search in Follow.objects.filter(target=Follow.Target.SEARCH).values_list("search", flat=True).distinct()
        if _matches(search, project)
    ]
    if searches:
        matching |= Q(target=Follow.Target.SEARCH, search__in=searches)
    notify(
        recipients=followers(pk__in=Follow.objects.filter(matching).values("pk")),
        kind=Kind.NEW_PROJECTS,
        text=_("New project from %(organisation)s: %(project)s") % {"organisation": project.owner, "project": project},
        url=url,
        actor=activity.user,
    )


def _matches(search: str, project) -> bool:
    """Whether a saved search (the project list's query string) finds the project (a few queries per search)."""
    filterset = ProjectFilter(QueryDict(search), queryset=Project.objects.listed().filter(pk=project.pk))
    return filterset.qs.exists()


def _updated(activity, project):
    name = UPDATES[activity.verb]
    value = activity.data.get(name, "")
    choices = Project.Phase if name == "phase" else Project.Status
    label = choices(value).label if value in choices.values else value
    if name == "phase":
        text = _("%(project)s has moved to a new phase: %(phase)s.") % {"project": project, "phase": label}
    else:
        text = _("%(project)s has a new status: %(status)s.") % {"project": project, "status": label}
    notify(
        recipients=followers(target=Follow.Target.PROJECT, project=project),
        kind=Kind.PROJECT_UPDATES,
        text=text,
        url=project.get_absolute_url(),
        actor=activity.user,
    )


def _membership(activity):
    membership = Membership.objects.select_related("user", "organisation").filter(pk=activity.subject_id).first()
    if membership is None:
        return
    text = MEMBERSHIP_TEXTS[activity.verb](membership) % {"organisation": membership.organisation}
    # municipalities.notifications mails the decision already; here it joins the notification list
    notify(
        recipients=[membership.user],
        kind=Kind.MEMBERSHIPS,
        text=text,
        url="/mine-sider/",
        actor=activity.user,
        email=False,
    )
