"""The conversation's pages. Every action has a plain form page (works without JavaScript); the project
page shows the comments through the {% project_comments %} tag and posts to these views."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from common.ratelimits import limit_posts
from projects.models import Project

from . import services
from .forms import CommentForm, EditForm, ReasonForm, ReplyForm
from .models import Comment, CommentingBlock

# How many comments and replies one person may post, before the form asks them to wait (their text is kept).
POST_RATE = "10/10m"


def get_project(request, slug: str) -> Project:
    """The project if the user may see it, otherwise 404."""
    return get_object_or_404(Project.objects.visible_to(request.user).select_related("owner"), slug=slug)


def get_comment(request, slug: str, pk: int) -> Comment:
    """A comment on a project the user may see (404 otherwise). A hidden comment is there only for its author
    and the moderators; for everybody else it is 404."""
    project = get_project(request, slug)
    comment = get_object_or_404(
        Comment.objects.select_related("project", "author", "organisation", "parent"), project=project, pk=pk
    )
    comment.project = project
    if comment.is_hidden and not (comment.is_author(request.user) or services.is_moderator(request.user, project)):
        raise Http404
    return comment


def _refuse_commenting(request, project):
    """Why this user may not post (403 with a way on)."""
    blocked = CommentingBlock.objects.filter(user=request.user).first()
    context = {"project": project, "blocked": blocked}
    return render(request, "conversation/comment_refused.html", context, status=403)


def _too_fast(request) -> bool:
    return is_ratelimited(request, group="conversation:post", key="user", rate=POST_RATE, method="POST", increment=True)


def _post(request, project, form, *, parent=None):
    """Save a new comment or reply from a valid form; a ValidationError comes back on the form."""
    if _too_fast(request):
        form.add_error(
            None,
            _("You have written many comments in a short while. Wait a few minutes and send again; your text is kept."),
        )
        return None
    try:
        return services.post_comment(
            project=project,
            by=request.user,
            text=form.cleaned_data["text"],
            is_question=form.cleaned_data.get("is_question", False),
            parent=parent,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None


@login_required
@limit_posts("60/h")
def comment_create(request, slug):
    project = get_project(request, slug)
    if not project.is_published:
        raise PermissionDenied
    if not services.may_comment(request.user):
        return _refuse_commenting(request, project)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = _post(request, project, form)
        if comment is not None:
            messages.success(
                request, _("Your question was posted.") if comment.is_question else _("Your comment was posted.")
            )
            return redirect(comment)
    status = 429 if form.non_field_errors() else 200
    return render(request, "conversation/comment_form.html", {"project": project, "form": form}, status=status)


@login_required
@limit_posts("60/h")
def comment_reply(request, slug, pk):
    parent = get_comment(request, slug, pk)
    project = parent.project
    if not project.is_published or parent.is_hidden:
        raise PermissionDenied
    if not services.may_comment(request.user):
        return _refuse_commenting(request, project)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reply = _post(request, project, form, parent=parent)
        if reply is not None:
            messages.success(request, _("Your reply was posted."))
            return redirect(reply)
    status = 429 if form.non_field_errors() else 200
    context = {"project": project, "form": form, "parent": parent}
    return render(request, "conversation/comment_form.html", context, status=status)


@login_required
@limit_posts("60/h")
def comment_edit(request, slug, pk):
    comment = get_comment(request, slug, pk)
    if not comment.can_edit(request.user):
        raise PermissionDenied
    form = EditForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(comment=comment, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The comment was saved. The earlier text is kept in its history."))
            return redirect(comment)
    context = {"project": comment.project, "form": form, "comment": comment}
    return render(request, "conversation/comment_form.html", context)


@login_required
def comment_delete(request, slug, pk):
    comment = get_comment(request, slug, pk)
    if not comment.can_edit(request.user):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_comment(comment=comment, by=request.user)
        messages.success(request, _("The comment was deleted. Replies to it are still shown."))
        return redirect(comment)
    return render(request, "conversation/comment_delete.html", {"project": comment.project, "comment": comment})


def comment_history(request, slug, pk):
    """The earlier texts of an edited comment, for everyone who can read it."""
    comment = get_comment(request, slug, pk)
    moderator = services.is_moderator(request.user, comment.project)
    revisions = comment.revisions.all() if comment.shows_text_to(request.user, moderator=moderator) else []
    if comment.is_deleted and moderator:
        revisions = comment.revisions.all()
    context = {"project": comment.project, "comment": comment, "revisions": revisions, "moderator": moderator}
    return render(request, "conversation/comment_history.html", context)


@login_required
@require_POST
def comment_answer(request, slug, pk):
    """The project's editors mark a reply to a question as its answer (or take the mark away)."""
    reply = get_comment(request, slug, pk)
    if not reply.project.can_edit(request.user):
        raise PermissionDenied
    try:
        question = services.mark_answer(reply=reply, by=request.user, unmark="unmark" in request.POST)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if question.answer_id:
            messages.success(request, _("The reply is marked as the answer. The person who asked is told."))
        else:
            messages.success(request, _("The reply is no longer marked as the answer."))
    return redirect(reply)


@login_required
@limit_posts("30/h")
def comment_report(request, slug, pk):
    comment = get_comment(request, slug, pk)
    form = ReasonForm(
        request.POST or None,
        label=_("What is wrong with the comment?"),
        help_text=_("For example personal information, harassment or advertising. The moderators read it."),
    )
    if request.method == "POST" and form.is_valid():
        services.report_comment(comment=comment, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Thank you. The moderators have been told about the comment."))
        return redirect(comment.project)
    context = {"project": comment.project, "comment": comment, "form": form, "action": "report"}
    return render(request, "conversation/comment_reason.html", context)


@login_required
def comment_hide(request, slug, pk):
    comment = get_comment(request, slug, pk)
    if not services.is_moderator(request.user, comment.project):
        raise PermissionDenied
    form = ReasonForm(
        request.POST or None,
        label=_("Why is the comment hidden?"),
        help_text=_("The author is shown this reason."),
    )
    if request.method == "POST" and form.is_valid():
        services.hide_comment(comment=comment, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The comment is hidden. It can be restored."))
        return redirect(comment)
    context = {"project": comment.project, "comment": comment, "form": form, "action": "hide"}
    return render(request, "conversation/comment_reason.html", context)


@login_required
@require_POST
def comment_restore(request, slug, pk):
    comment = get_comment(request, slug, pk)
    if not services.is_moderator(request.user, comment.project):
        raise PermissionDenied
    services.restore_comment(comment=comment, by=request.user)
    messages.success(request, _("The comment is shown again."))
    return redirect(comment)


@login_required
@require_POST
def comment_dismiss(request, slug, pk):
    comment = get_comment(request, slug, pk)
    if not services.is_moderator(request.user, comment.project):
        raise PermissionDenied
    services.dismiss_reports(comment=comment, by=request.user)
    messages.success(request, _("The reports were dismissed; the comment stays."))
    return redirect("conversation:moderation")


@login_required
def moderation(request):
    """Reported and hidden comments the user moderates, and (for portal admins) the blocked users."""
    user = request.user
    if not user.is_curator and not services.administers_any(user):
        raise PermissionDenied
    scope = Comment.objects.moderated_by(user).select_related("project", "author", "organisation")
    reported = (
        scope.reported()
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .prefetch_related("reports")
        .order_by("-created_at")
    )
    hidden = scope.hidden().select_related("hidden_by").order_by("-hidden_at")
    context = {
        "reported": Paginator(reported, 20).get_page(request.GET.get("side")),
        "hidden": hidden[:50],
        "repeat_offenders": services.repeat_offenders() if user.is_curator else [],
        "blocks": CommentingBlock.objects.select_related("user", "blocked_by")[:100] if user.is_curator else [],
    }
    return render(request, "conversation/moderation.html", context)


def _user_for_block(request, user_pk):
    if not request.user.is_curator:
        raise PermissionDenied
    return get_object_or_404(get_user_model(), pk=user_pk)


@login_required
def user_block(request, user_pk):
    person = _user_for_block(request, user_pk)
    form = ReasonForm(request.POST or None, label=_("Why is the user blocked?"))
    if request.method == "POST" and form.is_valid():
        services.block_user(user=person, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("%(user)s can no longer comment.") % {"user": person})
        return redirect("conversation:moderation")
    hidden_count = Comment.objects.filter(author=person).hidden().count()
    context = {"person": person, "form": form, "hidden_count": hidden_count}
    return render(request, "conversation/user_block.html", context)


@login_required
@require_POST
def user_unblock(request, user_pk):
    person = _user_for_block(request, user_pk)
    services.unblock_user(user=person, by=request.user)
    messages.success(request, _("%(user)s can comment again.") % {"user": person})
    return redirect("conversation:moderation")
