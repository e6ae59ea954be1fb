from django import template
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q

from municipalities.models import Organisation

from .. import services, text
from ..forms import CommentForm
from ..models import Comment, CommentingBlock

register = template.Library()

PAGE_PARAMETER = "page"  # the shared pagination include links with ?page=


@register.filter
def comment_text(value):
    """Plain comment text as safe HTML: escaped, line breaks kept, links with rel="nofollow ugc noopener"."""
    return text.render(value)


@register.inclusion_tag("conversation/_project_comments.html", takes_context=True)
def project_comments(context, project):
    """The conversation block of a project page. The page belongs to projects, which does not import
    conversation: the template composes the two (see ARCHITECTURE.md). Its queries do not grow with the
    number of comments: one page of threads, their replies in one query."""
    request = context["request"]
    user = request.user
    replies = Comment.objects.select_related("author", "organisation").order_by("created_at", "pk")
    threads = (
        Comment.objects.on(project)
        .threads()
        .select_related("author", "organisation")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )
    page = Paginator(threads, 20).get_page(request.GET.get(PAGE_PARAMETER))
    owner_ids = {project.owner_id, *(org.pk for org in project.co_owners.all())}
    moderator = services.is_moderator(user, project)
    can_edit = context.get("can_edit", False)
    answered, others = [], []
    for thread in page.object_list:
        for comment in (thread, *thread.replies.all()):
            comment.from_project = comment.organisation_id in owner_ids
            comment.show_text = comment.shows_text_to(user, moderator=moderator)
            comment.mine = comment.is_author(user)
            comment.editable = comment.can_edit(user)
        (answered if thread.answer_id else others).append(thread)
    # The heading's number: the comments and replies the visitor can read (not the deleted ones, nor the hidden
    # ones unless a moderator or their author), in one query.
    shown_count = (
        Comment.objects.on(project).readable_by(user, moderator=moderator).count() if page.paginator.count else 0
    )
    may_comment = project.is_published and services.may_comment(user)
    blocked = user.is_authenticated and not may_comment and CommentingBlock.objects.filter(user=user).exists()
    return {
        "request": request,
        "user": user,
        "project": project,
        "page": page,
        "shown_count": shown_count,
        "page_parameter": PAGE_PARAMETER,
        "answered": answered,
        "others": others,
        "moderator": moderator,
        "can_edit": can_edit,
        "may_comment": may_comment,
        "blocked": blocked,
        "form": CommentForm() if may_comment else None,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("conversation/_moderation_notice.html", takes_context=True)
def moderation_notice(context, always=False):
    """«Mine sider» and the curators' queue: reported comments waiting for a moderator (portal admins,
    organisation admins). `always` shows the section when nothing is waiting too (the queue says so)."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"waiting": 0}
    reported = Comment.objects.reported()
    if not user.is_curator:  # one query whatever the user's organisations: subqueries, not lists
        administered = Organisation.objects.administered_by(user).values("pk")
        reported = reported.filter(Q(project__owner__in=administered) | Q(project__co_owners__in=administered))
    return {"waiting": reported.count(), "always": always}
