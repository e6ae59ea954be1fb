"""Who is told of what happens in the conversation, as an activity consumer (after the commit):

- a new comment or question: the project's editors (and admins), its contact persons with an account, and
  the project's followers (contact persons without an account get no mail: they chose no notifications and could
  not unsubscribe; the conversation block points visitors to the contact list instead);
- a reply: the same, and the author of the comment replied to;
- an answer marked: the person who asked;
- a comment hidden: its author, with the reason.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from activity.models import Activity
from municipalities.models import Membership
from notifications.models import Follow, Kind
from notifications.services import notify
from projects.models import Project

from .models import Comment

VERBS = {
    Activity.Verb.COMMENT_POSTED,
    Activity.Verb.QUESTION_ASKED,
    Activity.Verb.COMMENT_REPLIED,
    Activity.Verb.COMMENT_ANSWER_MARKED,
    Activity.Verb.COMMENT_HIDDEN,
}


def project_audience(project: Project):
    """The project's editors and admins, its contact persons with an account, and its followers: one query."""
    owners = project.owner_ids()
    emails = [email.lower() for email in project.contacts.exclude(email="").values_list("email", flat=True)]
    editors = Membership.objects.filter(
        organisation_id__in=owners,
        status=Membership.Status.APPROVED,
        role__in=[Membership.Role.EDITOR, Membership.Role.ADMIN],
    )
    following = Follow.objects.filter(target=Follow.Target.PROJECT, project=project)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(memberships__in=editors) | Q(email__in=emails) | Q(follows__in=following))
        .distinct()
    )


def on_activity(activity: Activity) -> None:
    if activity.verb not in VERBS:
        return
    comment = (
        Comment.objects.select_related("project", "author", "parent__author")
        .filter(pk=activity.data.get("comment"))
        .first()
    )
    if comment is None:
        return
    project = comment.project
    url = comment.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        names = {"author": comment.author_name, "project": project}
        if activity.verb == Activity.Verb.QUESTION_ASKED:
            text = _("%(author)s asked a question about %(project)s") % names
            notify(recipients=project_audience(project), kind=Kind.COMMENTS, text=text, url=url, actor=comment.author)
        elif activity.verb == Activity.Verb.COMMENT_POSTED:
            text = _("%(author)s commented on %(project)s") % names
            notify(recipients=project_audience(project), kind=Kind.COMMENTS, text=text, url=url, actor=comment.author)
        elif activity.verb == Activity.Verb.COMMENT_REPLIED:
            parent_author = comment.parent.author if comment.parent else None
            if parent_author is not None:
                text = _("%(author)s replied to you about %(project)s") % names
                notify(recipients=[parent_author], kind=Kind.MY_COMMENTS, text=text, url=url, actor=comment.author)
            others = project_audience(project)
            if parent_author is not None:
                others = others.exclude(pk=parent_author.pk)
            text = _("%(author)s replied to a comment on %(project)s") % names
            notify(recipients=others, kind=Kind.COMMENTS, text=text, url=url, actor=comment.author)
        elif activity.verb == Activity.Verb.COMMENT_ANSWER_MARKED:
            question = comment.parent
            if question is not None and question.author is not None:
                text = _("Your question about %(project)s has an answer") % names
                notify(recipients=[question.author], kind=Kind.MY_COMMENTS, text=text, url=url, actor=activity.user)
        elif activity.verb == Activity.Verb.COMMENT_HIDDEN and comment.author is not None:
            text = _("A moderator hid your comment on %(project)s. Reason: %(reason)s") % {
                "project": project,
                "reason": comment.hidden_reason,
            }
            notify(recipients=[comment.author], kind=Kind.MY_COMMENTS, text=text, url=url, actor=activity.user)
