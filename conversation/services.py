"""Writes to the conversation: keyword-only, one transaction each, every change logged in the activity log
(subject: the project; organisation: the author's, or the project owner; data: the comment and its parent).
Notifications are sent by conversation.notifications.on_activity after the commit."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.models import Activity
from activity.services import log_action
from common.pagecache import site_changed
from municipalities.models import Organisation
from projects.models import Project

from .models import MAX_LENGTH, MIN_LENGTH, Comment, CommentingBlock, CommentReport, CommentRevision


def may_comment(user) -> bool:
    """Signed-in approved members of any organisation who are not blocked."""
    if user is None or not user.is_authenticated:
        return False
    if CommentingBlock.objects.filter(user=user).exists():
        return False
    return Organisation.objects.member_of(user).exists()


def is_moderator(user, project: Project) -> bool:
    """Portal admins (curators), and administrators of the project's owner or co-owner organisations."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_curator:
        return True
    return Organisation.objects.administered_by(user).filter(pk__in=project.owner_ids()).exists()


def author_organisation(user, project: Project):
    """The organisation a comment is written from: one of the project's owners when the author belongs to
    one ("fra prosjektet"), else the author's first organisation."""
    organisations = Organisation.objects.member_of(user)
    return (
        organisations.filter(pk__in=project.owner_ids()).order_by("name").first()
        or organisations.order_by("name").first()
    )


def _clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) < MIN_LENGTH:
        raise ValidationError({"text": _("Write at least %(min)d characters.") % {"min": MIN_LENGTH}})
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("The text is %(length)d characters long; at most %(max)d are allowed.")
                % {"length": len(text), "max": MAX_LENGTH}
            }
        )
    return text


def _log(verb: str, comment: Comment, *, by, data: dict | None = None):
    payload = {"comment": comment.pk, "parent": comment.parent_id, **(data or {})}
    log_action(
        verb=verb,
        by=by,
        organisation=comment.organisation or comment.project.owner,
        subject=comment.project,
        data=payload,
    )


@transaction.atomic
def post_comment(
    *, project: Project, by, text: str, is_question: bool = False, parent: Comment | None = None
) -> Comment:
    if not project.is_published:
        raise ValidationError(_("Only published projects can be commented on."))
    if not may_comment(by):
        raise PermissionDenied
    text = _clean_text(text)
    if parent is not None:
        if parent.project_id != project.pk:
            raise ValidationError(_("The reply must belong to the same project."))
        if parent.parent_id is not None:
            parent = parent.parent  # one level of replies: a reply to a reply joins the thread
        is_question = False
    comment = Comment.objects.create(
        project=project,
        parent=parent,
        author=by,
        organisation=author_organisation(by, project),
        author_title=by.job_title,
        is_question=is_question,
        text=text,
    )
    if parent is not None:
        verb = Activity.Verb.COMMENT_REPLIED
    elif is_question:
        verb = Activity.Verb.QUESTION_ASKED
    else:
        verb = Activity.Verb.COMMENT_POSTED
    _log(verb, comment, by=by)
    return comment


@transaction.atomic
def edit_comment(*, comment: Comment, by, text: str) -> Comment:
    comment = Comment.objects.select_for_update().select_related("project").get(pk=comment.pk)
    if not comment.can_edit(by):
        raise PermissionDenied
    text = _clean_text(text)
    if text == comment.text:
        return comment
    CommentRevision.objects.create(
        comment=comment, text=comment.text, created_at=comment.edited_at or comment.created_at
    )
    comment.text = text
    comment.edited_at = timezone.now()
    comment.save(update_fields=["text", "edited_at"])
    _log(Activity.Verb.COMMENT_EDITED, comment, by=by)
    return comment


@transaction.atomic
def delete_comment(*, comment: Comment, by) -> Comment:
    """The author takes the comment back: its text is kept in the history, the page shows «slettet av
    forfatteren», and the replies stay."""
    comment = Comment.objects.select_for_update().select_related("project").get(pk=comment.pk)
    if not comment.can_edit(by):
        raise PermissionDenied
    CommentRevision.objects.create(
        comment=comment, text=comment.text, created_at=comment.edited_at or comment.created_at
    )
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["deleted_at"])
    Comment.objects.filter(answer=comment).update(answer=None)
    _log(Activity.Verb.COMMENT_DELETED, comment, by=by)
    return comment


@transaction.atomic
def mark_answer(*, reply: Comment, by, unmark: bool = False) -> Comment:
    """The project's editors mark one reply to a question as its answer (or take the mark away)."""
    if reply.parent_id is None:
        raise ValidationError(_("Only replies to questions can be marked as the answer."))
    question = Comment.objects.select_for_update().select_related("project").get(pk=reply.parent_id)
    if not question.project.can_edit(by):
        raise PermissionDenied
    if not question.is_question:
        raise ValidationError(_("Only replies to questions can be marked as the answer."))
    if unmark:
        if question.answer_id == reply.pk:
            question.answer = None
            question.save(update_fields=["answer"])
        return question
    if reply.is_deleted or reply.is_hidden:
        raise ValidationError(_("A deleted or hidden reply cannot be the answer."))
    question.answer = reply
    question.save(update_fields=["answer"])
    _log(Activity.Verb.COMMENT_ANSWER_MARKED, reply, by=by, data={"question": question.pk})
    return question


@transaction.atomic
def report_comment(*, comment: Comment, by, reason: str) -> CommentReport:
    if by is None or not by.is_authenticated:
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tell the moderators what is wrong with the comment.")})
    report, created = CommentReport.objects.update_or_create(
        comment=comment, reporter=by, defaults={"reason": reason, "resolved_at": None}
    )
    _log(Activity.Verb.COMMENT_REPORTED, comment, by=by, data={"reason": reason})
    return report


@transaction.atomic
def hide_comment(*, comment: Comment, by, reason: str) -> Comment:
    comment = Comment.objects.select_for_update().select_related("project").get(pk=comment.pk)
    if not is_moderator(by, comment.project):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason; the author is shown it.")})
    comment.hidden_at = timezone.now()
    comment.hidden_by = by
    comment.hidden_reason = reason
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    Comment.objects.filter(answer=comment).update(answer=None)
    comment.reports.filter(resolved_at__isnull=True).update(resolved_at=comment.hidden_at)
    _log(Activity.Verb.COMMENT_HIDDEN, comment, by=by, data={"reason": reason})
    return comment


@transaction.atomic
def restore_comment(*, comment: Comment, by) -> Comment:
    comment = Comment.objects.select_for_update().select_related("project").get(pk=comment.pk)
    if not is_moderator(by, comment.project):
        raise PermissionDenied
    if not comment.is_hidden:
        return comment
    comment.hidden_at = None
    comment.hidden_by = None
    comment.hidden_reason = ""
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _log(Activity.Verb.COMMENT_RESTORED, comment, by=by)
    return comment


@transaction.atomic
def dismiss_reports(*, comment: Comment, by) -> int:
    """A moderator found nothing wrong: the open reports are closed, the comment stays."""
    if not is_moderator(by, comment.project):
        raise PermissionDenied
    transaction.on_commit(site_changed)  # not logged, but the moderators' counts of waiting reports change
    return comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())


@transaction.atomic
def block_user(*, user, by, reason: str) -> CommentingBlock:
    if by is None or not by.is_curator:
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the block.")})
    block, _created = CommentingBlock.objects.update_or_create(user=user, defaults={"reason": reason, "blocked_by": by})
    log_action(verb=Activity.Verb.USER_BLOCKED_FROM_COMMENTING, by=by, subject=user, data={"reason": reason})
    return block


@transaction.atomic
def unblock_user(*, user, by) -> None:
    if by is None or not by.is_curator:
        raise PermissionDenied
    deleted, _details = CommentingBlock.objects.filter(user=user).delete()
    if deleted:
        log_action(verb=Activity.Verb.USER_UNBLOCKED_FROM_COMMENTING, by=by, subject=user)


def administers_any(user) -> bool:
    return Organisation.objects.administered_by(user).exists()


REPEAT_OFFENCES = 3


def repeat_offenders(limit: int = 50):
    """Users with several hidden comments who are not blocked yet, most hidden first."""
    return (
        get_user_model()
        .objects.annotate(hidden_count=Count("comments", filter=Q(comments__hidden_at__isnull=False)))
        .filter(hidden_count__gte=REPEAT_OFFENCES, commenting_block__isnull=True)
        .order_by("-hidden_count")[:limit]
    )
